"""What the briefing's own pages show: its home, the one-page brief, the Updates page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from generator.export import FILE as EXPORT_FILE
from generator.model import BriefingInfo, Fact, Finding, Round, Source
from generator.updates import BriefingUpdates, Update

if TYPE_CHECKING:
    from generator.layout import Chunk
    from generator.pages import Handwritten, PageSpec, Plan
    from generator.view.index import BriefingView


class HomePage:
    """What `home.md.j2` reads as `ctx`: the summary, latest facts and updates, contents."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        view = plan.view
        self.info: BriefingInfo = view.b.info
        self.slug = view.slug
        self.latest: list[Fact] = spec.context["latest"]  # the five latest dated facts
        self.updates: list[Update] = spec.context["updates"]  # the five latest changes
        self.handwritten: list[Handwritten] = spec.context["handwritten"]
        self.has_places = bool(view.places)
        self.has_documents = bool(view.docs_by_round.get(""))  # outside any round
        self.export_file = EXPORT_FILE  # gzip-compressed JSON
        self.export_size: str = plan.export_size  # in words: "11.8 MB"


# The brief stays one printable page at any size: past these, the rest is counted and
# linked (the round's page and the discrepancies page hold them all).
BRIEF_FACTS = 5  # of the latest round's outcomes, and of what follows it
BRIEF_FINDINGS = 5  # open discrepancies, the most recently reported first

T = TypeVar("T")


class Cut(NamedTuple, Generic[T]):
    """The first items of a list the brief shows in full, and how many the list has."""

    shown: list[T]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.shown)


def cut(items: list[T], limit: int) -> Cut[T]:
    return Cut(items[:limit], len(items))


class BriefPage:
    """What `brief.md.j2` reads as `ctx`: the summary, the latest round, open findings."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        view = self._view = plan.view
        self.info: BriefingInfo = view.b.info
        self.latest_round: Round | None = view.latest_round()
        opened = [f for f in view.findings if f.status == "open"]
        self.open_findings: Cut[Finding] = cut(newest_first(opened, view.b.sources),
                                               BRIEF_FINDINGS)

    def facts(self, kinds: tuple[str, ...]) -> Cut[Fact]:
        """The latest round's facts of these kinds (outcome, next-step), in its order."""
        assert self.latest_round is not None
        return brief_facts(self._view, self.latest_round, kinds)


def brief_facts(view: BriefingView, rnd: Round, kinds: tuple[str, ...]) -> Cut[Fact]:
    """A round's facts of these kinds as the brief shows them (the page plan names the
    actors of those shown)."""
    return cut(view.round_facts(rnd, kinds), BRIEF_FACTS)


def newest_first(findings: list[Finding], sources: dict[str, Source]) -> list[Finding]:
    """Findings by the latest publication date of the sources involved, newest first (a
    discrepancy arises with its latest report); those with no dated source last; ties
    keep their order."""
    def latest(f: Finding) -> str:
        dates = [s.published.sort_key for i in f.sources
                 if (s := sources.get(i)) is not None and s.published is not None]
        return max(dates, default="")
    return sorted(findings, key=latest, reverse=True)  # stable: ties keep their order


class UpdatesPage:
    """What `updates.md.j2` reads as `ctx`: a page of what changed, newest first."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self.slug = plan.view.slug
        self.chunk: Chunk[Update] = spec.context["chunk"]
        self.updates: BriefingUpdates = spec.context["updates"]
