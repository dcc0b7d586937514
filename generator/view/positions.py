"""What the positions matrix and the issue pages show: each party's stances on each issue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model import Actor, Fact, Issue, Position
from generator.view.groups import group

if TYPE_CHECKING:
    from generator.layout import Chunk
    from generator.pages import PageSpec, Plan
    from generator.view.index import BriefingView


class Stances:
    """The matrix, built once for all its pages: the latest position of each party on
    each issue (the cells), the earlier ones (how a stance came to be: "agreed" in May,
    "demanded" in June), and the parties with a position, by name (the columns)."""

    def __init__(self, view: BriefingView) -> None:
        self.latest: dict[tuple[str, str], Position] = {}
        self.earlier: dict[tuple[str, str], list[Position]] = {}
        for issue, positions in view.positions_by_issue.items():
            for position in positions:  # sorted by date: the last one wins
                self.latest[(issue, position.party)] = position
                self.earlier.setdefault((issue, position.party), []).append(position)
        for history in self.earlier.values():
            history.pop()  # the latest: the cell itself
        self.parties: list[Actor] = [a for a in view.actors if a.id in view.positions_by_party]


def positions_on(view: BriefingView, issue_id: str) -> list[tuple[Actor, list[Position]]]:
    """An issue's positions grouped by party (by name), each group by date."""
    groups = group(view.positions_by_issue.get(issue_id, []), lambda p: [p.party])
    return sorted(((view.b.actors[p], g) for p, g in groups.items()),
                  key=lambda pair: view.actor_rank[pair[0].id])


class PositionsPage:
    """What `positions.md.j2` reads as `ctx`: a page of issues × parties."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        stances = plan.view.stances
        self.chunk: Chunk[Issue] = spec.context["chunk"]
        self.parties, self.cells, self.earlier = stances.parties, stances.latest, stances.earlier


class IssuePage:
    """What `issue.md.j2` reads as `ctx`: one issue, its stances by party, its facts."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self.issue: Issue = spec.context["issue"]
        self.listing: Chunk[Fact] = spec.context["listing"]  # the first page of its facts
        self.by_party = positions_on(plan.view, self.issue.id)
