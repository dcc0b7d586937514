"""The shared indexes of one briefing and its analysis, built once for all its pages.

Every index is built once, up front (or on first use, then kept), with an explicit sort
key, so that a page never scans the whole briefing (a 10,000-fact briefing has hundreds
of pages) and the output order never depends on dict or file-system order. What one kind
of page asks of them lives beside it: `rounds.py`, `actors.py`, `positions.py`,
`sources.py`, `discrepancies.py`.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from typing import Any, TypeVar

from generator.analyze import compared_as
from generator.analyze.kinds import kinds
from generator.model import (
    Actor,
    Analysis,
    Briefing,
    Claim,
    Document,
    DocumentItem,
    Fact,
    Finding,
    Issue,
    Membership,
    Role,
    Round,
    Source,
    When,
)
from generator.names import Names
from generator.view.actors import Attendance, attendance_index
from generator.view.groups import citations_of, group, sources_of
from generator.view.positions import Stances
from generator.view.rounds import ROUND_BOX, silent_by_round
from generator.wording import allows

GROUP_TITLES = {"person": "People", "delegation": "Delegations", "government": "Governments",
                "organisation": "Organisations", "outlet": "Outlets", "venue": "Venues",
                "city": "Cities", "country": "Countries", "region": "Regions", "other": "Other"}

T = TypeVar("T")


def fact_key(fact: Fact) -> tuple[int, str, str, int, str]:
    """Dated facts by date, then file order; undated facts last, in file order."""
    when = fact.when.sort_key if fact.when else ""
    return (0 if fact.when else 1, when, fact.origin.path, fact.origin.line, fact.id)


def name_key(item: Actor | object) -> tuple[str, str]:
    return (str(getattr(item, "name", "")).casefold(), str(getattr(item, "id", "")))


class BriefingView:
    """Indexes of a briefing, by the keys pages need (round, actor, issue, source...),
    and the lookups pages of several kinds share (markers, claims, posts, key figures)."""

    def __init__(self, briefing: Briefing, analysis: Analysis) -> None:
        self.b = briefing
        self.slug = briefing.slug
        self.names = Names(briefing)
        self.findings = list(analysis.discrepancies)  # kinds that mark pages, and records
        self.kinds = kinds()
        self.by_kind = group(analysis.findings, lambda f: [f.kind])
        self.derived = {d.id: d for d in analysis.derived}  # readings worked out
        self.origins = {o.id: o for o in analysis.origins}  # items with 2+ reports
        self.facts = sorted(briefing.facts.values(), key=fact_key)
        self.actors = sorted(briefing.actors.values(), key=name_key)
        self.rounds = sorted(briefing.rounds.values(), key=lambda r: (r.number, r.id))
        self.issues = sorted(briefing.issues.values(), key=name_key)
        self.sources = sorted(briefing.sources.values(), key=self._source_key)
        self.places = sorted(briefing.places.values(), key=name_key)
        self.actor_rank = {a.id: n for n, a in enumerate(self.actors)}
        self.source_rank = {s.id: n for n, s in enumerate(self.sources)}
        self.finding_rank = {f.id: n for n, f in enumerate(self.findings)}
        self.items: dict[str, tuple[Document, DocumentItem]] = {
            item.id: (doc, item) for doc in briefing.documents.values() for item in doc.items}
        self._index()

    def _source_key(self, source: Source) -> tuple[str, str, str]:
        """Sources by name, then date of publication (unknown last)."""
        published = source.published.sort_key if source.published else "~"
        return (self.names.short(source.id).casefold(), published, source.id)

    def _index(self) -> None:
        b = self.b
        self.facts_by_round = group(self.facts, lambda f: [f.round] if f.round else [])
        self.facts_by_actor = group(self.facts, lambda f: f.actors)
        self.facts_by_issue = group(self.facts, lambda f: f.issues)
        self.facts_by_source = group(self.facts, lambda f: sources_of(f.citations))
        self.docs_by_round = group(
            sorted(b.documents.values(), key=lambda d: (d.origin.path, d.origin.line, d.id)),
            lambda d: [d.round or ""])
        positions = sorted(b.positions.values(),
                           key=lambda p: (p.as_of.sort_key, p.origin.path, p.origin.line, p.id))
        self.positions_by_issue = group(positions, lambda p: [p.issue])
        self.positions_by_party = group(positions, lambda p: [p.party])
        self.claims = sorted(b.claims.values(),
                             key=lambda c: (c.origin.path, c.origin.line, c.id))
        self.claims_by_subject = group(self.claims, lambda c: [c.subject])
        self.findings_by_id: dict[str, list[Finding]] = group(
            self.findings, lambda f: sorted({f.subject, *f.claims, *f.items}))
        self.memberships: dict[str, list[tuple[Actor, Membership]]] = defaultdict(list)
        for actor in self.actors:
            for member in actor.members:
                self.memberships[member.actor].append((actor, member))
        self.other_citers = group(self._cited_items(), lambda i: sources_of(citations_of(i)))
        self.labels_by_source: dict[str, list[tuple[Actor, str, str]]] = defaultdict(list)
        for actor in self.actors:
            for label in actor.labels:
                for source in sources_of(label.citations):
                    self.labels_by_source[source].append((actor, label.id, label.text))

    def _cited_items(self) -> list[Any]:
        """Everything but facts that cites a source (facts have their own listing)."""
        b = self.b
        items: list[Any] = [*self.rounds, *b.documents.values(), *self.items_list(),
                            *b.positions.values(), *self.claims, *self.places,
                            *(label for a in self.actors for label in a.labels),
                            *self.actors, *b.discrepancies.values()]
        return items

    def items_list(self) -> list[DocumentItem]:
        return [item for _, item in self.items.values()]

    def group_title(self, kind: str) -> str:
        return GROUP_TITLES.get(kind, kind.capitalize())

    # ------------------------------------------- indexes of one concern, built on first use

    @cached_property
    def attended(self) -> dict[str, list[Attendance]]:
        """Who took part in each round, and how, by actor (actor pages, members' posts)."""
        return attendance_index(self)

    @cached_property
    def stances(self) -> Stances:
        """The positions matrix's cells, earlier stances and columns."""
        return Stances(self)

    @cached_property
    def silent(self) -> dict[str, list[Issue]]:
        """Issues earlier rounds have facts on and each round's facts do not."""
        return silent_by_round(self)

    @cached_property
    def _read_as(self) -> dict[str, str]:
        return {cid: allows(data) for cid, data in compared_as(self.b).items()}

    # ------------------------------------------------ lookups pages of several kinds use

    def posts_on(self, actor_id: str, day: When) -> list[Role]:
        """The posts (`roles`) an actor held on a day, by their `from` and `until`.

        Compared by day, so that a month or year given for either end covers all its days;
        a role without dates is held on any day.
        """
        actor = self.b.actors.get(actor_id)
        on = day.start.isoformat()[:10]
        return [role for role in (actor.roles if actor else [])
                if (role.start is None or role.start.start.isoformat()[:10] <= on)
                and (role.until is None or on <= role.until.end.isoformat()[:10])]

    def in_box(self, claim: Claim) -> bool:
        """Whether a round's facts box shows this claim (start times, duration)."""
        return claim.subject in self.b.rounds and claim.property in ROUND_BOX

    def claims_on(self, ids: set[str]) -> list[Claim]:
        """The claims among a page's ids, in file order."""
        claims = [self.b.claims[i] for i in ids if i in self.b.claims]
        return sorted(claims, key=lambda c: (c.origin.path, c.origin.line, c.id))

    def read_as(self, claim_id: str) -> str:
        """How the comparison read a claim (a range, days, a moment with its zone); empty
        when it could not. Worked out once, on the first call."""
        return self._read_as.get(claim_id, "")

    def round_facts(self, rnd: Round, kinds: tuple[str, ...]) -> list[Fact]:
        return [f for f in self.facts_by_round.get(rnd.id, []) if f.kind in kinds]

    def latest_round(self) -> Round | None:
        return max(self.rounds, key=lambda r: (r.date.sort_key, r.number), default=None)

    def by_source(self, items: list[T]) -> list[tuple[Source, list[T]]]:
        """Items (anything with citations) grouped by the sources they cite, in source order."""
        groups = group(items, lambda i: sources_of(getattr(i, "citations", [])))
        return sorted(((self.b.sources[s], g) for s, g in groups.items()),
                      key=lambda group: self.source_rank[group[0].id])

    def findings_about(self, ids: set[str]) -> list[Finding]:
        """Findings concerning any of these ids, in analysis order (the page markers)."""
        found = {f.id: f for i in ids for f in self.findings_by_id.get(i, ())}
        return sorted(found.values(), key=lambda f: self.finding_rank[f.id])

    def open_findings(self) -> int:
        return sum(1 for f in self.findings if f.status == "open")
