"""What the briefing's own pages show: its home, the one-page brief, the Updates page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model import BriefingInfo, Fact, Finding, Round
from generator.updates import BriefingUpdates, Update

if TYPE_CHECKING:
    from generator.layout import Chunk
    from generator.pages import Handwritten, PageSpec, Plan


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


class BriefPage:
    """What `brief.md.j2` reads as `ctx`: the summary, the latest round, open findings."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        view = self._view = plan.view
        self.info: BriefingInfo = view.b.info
        self.latest_round: Round | None = view.latest_round()
        self.open_findings: list[Finding] = [f for f in view.findings if f.status == "open"]

    def facts(self, kinds: tuple[str, ...]) -> list[Fact]:
        """The latest round's facts of these kinds (outcome, next-step)."""
        assert self.latest_round is not None
        return self._view.round_facts(self.latest_round, kinds)


class UpdatesPage:
    """What `updates.md.j2` reads as `ctx`: a page of what changed, newest first."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self.slug = plan.view.slug
        self.chunk: Chunk[Update] = spec.context["chunk"]
        self.updates: BriefingUpdates = spec.context["updates"]
