"""Typed, resolved objects of a briefing: what every later stage reads.

The validator builds these only from input that passed every check, so the renderer
and the analysis never meet a dangling reference. Every cited item keeps its `origin`
(file, line) so that pages can link back to the YAML it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an item was written: file (relative to the briefings folder's parent), line, col."""

    path: str
    line: int
    col: int = 1


@dataclass(frozen=True, slots=True)
class When:
    """A point or span in time with the precision the source gave.

    `start` and `end` are the first and last instant the value can mean (naive dates
    for year/month/day precision, aware datetimes for minute precision).
    """

    text: str
    precision: str  # year | month | day | minute | interval
    start: date | datetime
    end: date | datetime

    @property
    def sort_key(self) -> str:
        """Chronological key: ISO text of the start, good across precisions."""
        return self.start.isoformat()


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a relay: an actor the source cites, or an unnamed one described.

    An unnamed step counts as an origin of its own only when the editor says it is
    `independent` of the others.
    """

    actor: str | None = None  # actor id
    description: str | None = None  # "an unnamed official"
    independent: bool = False


@dataclass(frozen=True, slots=True)
class Citation:
    source: str  # source id
    locator: str | None = None
    quote: str | None = None
    via: tuple[Step, ...] = ()  # who the source has it from, nearest first
    via_note: str | None = None
    translation: str | None = None  # the quote in English


@dataclass(slots=True)
class Source:
    id: str
    title: str
    publisher: str  # may be UNKNOWN
    url: str  # an http(s) URL or UNKNOWN
    published: When | None  # None means unknown
    language: str
    kind: str
    origin: Origin
    archive_url: str | None = None  # the `archived` link (formerly `archive_url`)
    published_note: str | None = None
    notes: str | None = None
    accessed: When | None = None
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Role:
    title: str
    citations: list[Citation]
    of: str | None = None
    start: When | None = None
    until: When | None = None
    note: str | None = None  # the editor's, not a source's


@dataclass(slots=True)
class Membership:
    actor: str  # the member
    role: str
    citations: list[Citation]
    rounds: list[str] = field(default_factory=list)
    note: str | None = None  # the editor's, not a source's


@dataclass(slots=True)
class Label:
    id: str
    text: str
    citations: list[Citation]
    origin: Origin


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str  # person | delegation | government | organisation | outlet
    origin: Origin
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    roles: list[Role] = field(default_factory=list)
    members: list[Membership] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Place:
    id: str
    name: str
    kind: str
    origin: Origin
    aliases: list[str] = field(default_factory=list)
    within: str | None = None
    citations: list[Citation] = field(default_factory=list)
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Issue:
    id: str
    name: str
    origin: Origin
    description: str | None = None
    aliases: list[str] = field(default_factory=list)
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Round:
    id: str
    number: int
    date: When
    citations: list[Citation]
    origin: Origin
    title: str | None = None
    venue: str | None = None
    hosts: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    delegations: list[str] = field(default_factory=list)
    summary: str | None = None
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Fact:
    id: str
    kind: str  # event | statement | agenda | outcome | next-step | background
    text: str
    citations: list[Citation]
    origin: Origin
    when: When | None = None
    when_reported: str | None = None
    round: str | None = None
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    note: str | None = None  # the editor's, not a source's
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class DocumentItem:
    id: str
    text: str
    citations: list[Citation]
    origin: Origin
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Document:
    id: str
    title: str
    kind: str
    citations: list[Citation]
    origin: Origin
    author: str | None = None
    recipient: str | None = None
    round: str | None = None
    when: When | None = None
    description: str | None = None
    items: list[DocumentItem] = field(default_factory=list)
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Position:
    id: str
    issue: str
    party: str
    stance: str
    status: str
    as_of: When
    citations: list[Citation]
    origin: Origin
    note: str | None = None  # the editor's, not a source's
    label: str | None = None  # the editor's short name (generator/names.py)
    round: str | None = None  # where the party took the stance, when a source says
    document: str | None = None  # the document that sets it out, when a source says

    @property
    def occasion(self) -> str | None:
        """The id of the document or round the stance belongs to, the document first."""
        return self.document or self.round


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """A comparable value as written: `kind` is the key used (count, duration, ...).

    `amount` holds the number (minutes for durations), `when` a date/datetime value,
    `choice` a name. `approx` is the source's approximation, `upper` the `to:` end of
    a `between`. `weekday` is a weekday the source named for a date.
    """

    kind: str  # count | duration | quantity | date | datetime | choice
    approx: str = "exact"
    amount: float | None = None
    upper: float | None = None
    unit: str | None = None
    when: When | None = None
    choice: str | None = None
    weekday: str | None = None


@dataclass(slots=True)
class Claim:
    id: str
    subject: str  # any id in the briefing
    property: str
    reported: str
    citations: list[Citation]
    origin: Origin
    value: ClaimValue | None = None  # None: to be read from `reported` by the analysis
    part_of: str | None = None  # the property of the same subject this adds up to
    note: str | None = None  # the editor's, not a source's
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Discrepancy:
    """A disagreement recorded by an editor."""

    id: str
    title: str
    claims: list[str]
    status: str  # open | explained | resolved | dismissed
    analysis: str
    origin: Origin
    citations: list[Citation] = field(default_factory=list)
    label: str | None = None  # the editor's short name (generator/names.py)


@dataclass(slots=True)
class Withdrawn:
    """An item the editors took out, noted so that readers learn why (Updates page)."""

    id: str
    reason: str
    origin: Origin


@dataclass(slots=True)
class BriefingInfo:
    title: str
    summary: str
    period_start: When
    period_end: When | None  # None: ongoing
    last_reviewed: When
    origin: Origin
    about_tolerance: float = 0.2
    period_note: str | None = None  # the editor's reasoning for the period's ends


@dataclass(slots=True)
class Briefing:
    """One briefing folder, every section resolved and sorted by id."""

    slug: str  # the folder name
    root: Path  # the folder
    info: BriefingInfo
    files: list[str] = field(default_factory=list)  # every YAML file read, as reported
    sources: dict[str, Source] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    issues: dict[str, Issue] = field(default_factory=dict)
    rounds: dict[str, Round] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
    discrepancies: dict[str, Discrepancy] = field(default_factory=dict)
    withdrawn: dict[str, Withdrawn] = field(default_factory=dict)


@dataclass(slots=True)
class Finding:
    """One result of the discrepancy analysis, detected or recorded by an editor.

    `kind` is a registered kind (generator/analyze/kinds.py: `conflict`, values that
    cannot both be true; `single-source`, a claim only one source reports; ...); `rule`
    and `reason` say, as data, what fired and what was compared. `origin` is
    `detected` or `recorded`; a detected finding reviewed by an editor's discrepancy
    carries its id in `recorded`, its status and its analysis.
    """

    id: str  # stable: the anchor on the discrepancies page
    kind: str
    origin: str  # detected | recorded
    subject: str  # the id of the thing it is about (round, document, fact...)
    property: str | None = None
    rule: str = ""  # the rule that fired, e.g. ranges-apart, different-days, one-source
    reason: dict[str, Any] = field(default_factory=dict)  # what it compared: readings, numbers
    claims: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # document item ids (coverage gaps)
    sources: list[str] = field(default_factory=list)  # source ids involved
    status: str = "open"  # open | explained | resolved | dismissed
    analysis: str | None = None  # the editor's
    recorded: str | None = None  # id of the editor's discrepancy, when one reviews it
    citations: list[Citation] = field(default_factory=list)
    covers: list[str] = field(default_factory=list)  # other detected ids merged into it
    derived: str | None = None  # a derived-conflict: the id of the derived reading
    origins: list[str] = field(default_factory=list)  # a single-origin: the origin's id


@dataclass(slots=True)
class OriginCount:
    """How many independent origins stand behind an item several sources report.

    `origins` are actor ids (the last step of a `via` chain) or source ids (a source
    citing no one); `unnamed` counts unnamed origins the editor marked independent.
    """

    id: str  # the fact, claim, document or document point
    reports: int  # sources citing it
    independent: int  # origins, unnamed ones included when they count
    origins: list[str] = field(default_factory=list)
    unnamed: int = 0
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Derived:
    """A reading worked out from one source's own claims (analyze/derived.py).

    `rule` is `start-end`, `start-delay` or `parts-total`; `inputs` the claims it is
    worked out from; `allows` the derived value as compared (keys.key_data, worded by
    the templates' `allows` filter); `checks` the reported
    claims of the same property it was compared with.
    """

    id: str
    subject: str
    property: str
    rule: str
    inputs: list[str]
    sources: list[str]
    allows: dict[str, Any]
    checks: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """Everything the analysis found in one briefing, in a stable order: `discrepancies`
    (kinds that mark pages, and editors' records), `listed` (the other kinds)."""

    discrepancies: list[Finding] = field(default_factory=list)  # kinds that mark, records
    listed: list[Finding] = field(default_factory=list)  # the other kinds
    derived: list[Derived] = field(default_factory=list)  # readings worked out, with how
    origins: list[OriginCount] = field(default_factory=list)  # items with 2+ reports

    @property
    def single_source(self) -> list[Finding]:
        return [f for f in self.listed if f.kind == "single-source"]

    @property
    def coverage_gaps(self) -> list[Finding]:
        return [f for f in self.listed if f.kind == "coverage-gap"]

    @property
    def single_origin(self) -> list[Finding]:
        return [f for f in self.listed if f.kind == "single-origin"]

    @property
    def findings(self) -> list[Finding]:
        return [*self.discrepancies, *self.listed]

    def about(self, item_id: str) -> list[Finding]:
        """Discrepancies that concern an item (by subject or claim): the page markers."""
        return [f for f in self.discrepancies if f.subject == item_id or item_id in f.claims]
