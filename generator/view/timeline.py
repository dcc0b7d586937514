"""What the timeline pages show: rounds and dated facts in order, opened by a chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.chart import Chart
from generator.model import Fact, Round

if TYPE_CHECKING:
    from generator.layout import Chunk
    from generator.pages import PageSpec, Plan


class TimelineIndexPage:
    """What `timeline.md.j2` reads as `ctx`: the chart, every round, a row per month."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self._rounds = plan.view.b.rounds
        self.rounds: list[Round] = plan.view.rounds
        self.chart: Chart | None = spec.context["chart"]
        # (key, title, the path of its first page, its rounds and facts)
        self.months: list[tuple[str, str, str, list[Fact | Round]]] = spec.context["months"]
        self.undated: str | None = spec.context["undated"]  # the undated facts' page
        self.undated_count: int = spec.context["count"]

    def month_rounds(self, items: list[Fact | Round]) -> list[Fact | Round]:
        """The rounds among a month's entries."""
        return [i for i in items if i.id in self._rounds]


class TimelinePage:
    """What `timeline_page.md.j2` reads as `ctx`: one page of the timeline, in runs of
    facts that live here (told in full) and references to facts of rounds and rounds."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self._rounds = plan.view.b.rounds
        self.first = spec.path.endswith("timeline/index.md")  # the whole timeline: one page
        self.chunk: Chunk[Fact | Round] = spec.context["chunk"]
        self.runs: list[tuple[bool, list[Any]]] = spec.context["runs"]  # (lives here, items)
        self.chart: Chart | None = spec.context["chart"]
        self.undated: list[Fact] = spec.context["undated"]

    def is_round(self, item: Fact | Round) -> bool:
        return item.id in self._rounds
