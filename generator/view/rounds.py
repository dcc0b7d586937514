"""What a round page shows: the facts box, facts by section, silent issues, who reports what."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from generator.model import Actor, Citation, Claim, Document, Fact, Issue, Role, Round
from generator.view.sources import source_grid

if TYPE_CHECKING:
    from generator.pages import PageSpec, Plan
    from generator.view.index import BriefingView

ROUND_BOX = ("scheduled-start", "actual-start", "duration")  # claims shown in the facts box


def heads(view: BriefingView, rnd: Round) -> list[tuple[Actor, Actor, list[Citation]]]:
    """(delegation, head, citations) for each head of delegation in a round.

    Two sources naming the same head are two membership entries: shown once.
    """
    found: dict[tuple[str, str], list[Citation]] = {}
    for delegation_id in rnd.delegations:
        for member in view.b.actors[delegation_id].members:
            if member.role == "head" and (not member.rounds or rnd.id in member.rounds):
                found.setdefault((delegation_id, member.actor), []).extend(member.citations)
    return [(view.b.actors[d], view.b.actors[h], citations)
            for (d, h), citations in found.items()]


def silent_by_round(view: BriefingView) -> dict[str, list[Issue]]:
    """For each round, the issues that facts of earlier rounds are about and no fact of
    this round is: the round page says its sources do not report them. One pass."""
    silent: dict[str, list[Issue]] = {}
    rank = {issue.id: n for n, issue in enumerate(view.issues)}
    covered: set[str] = set()
    for rnd in view.rounds:
        now = {i for f in view.facts_by_round.get(rnd.id, []) for i in f.issues}
        silent[rnd.id] = [view.b.issues[i] for i in sorted(
            covered - now, key=lambda i: (rank.get(i, len(rank)), i)) if i in view.b.issues]
        covered |= now
    return silent


class RoundPage:
    """What `round.md.j2` reads as `ctx`: one round and everything its page lists."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self._view = view = plan.view
        self._hosted = spec.hosted
        self.round: Round = spec.context["round"]
        self.documents: list[Document] = spec.context["documents"]
        self.silent: list[Issue] = view.silent.get(self.round.id, [])

    @cached_property
    def box(self) -> dict[str, list[Claim]]:
        """The claims the facts box shows (start times, duration), by property."""
        claims = self._view.claims_by_subject.get(self.round.id, [])
        return {prop: [c for c in claims if c.property == prop] for prop in ROUND_BOX}

    @cached_property
    def heads(self) -> list[tuple[Actor, Actor, list[Citation]]]:
        return heads(self._view, self.round)

    def posts(self, actor_id: str) -> list[Role]:
        """The posts an actor held on the round's date."""
        return self._view.posts_on(actor_id, self.round.date)

    def facts(self, kinds: tuple[str, ...]) -> list[Fact]:
        """The round's facts of these kinds (event, agenda, outcome...), in date order."""
        return self._view.round_facts(self.round, kinds)

    @cached_property
    def items(self) -> list[Any]:
        """Everything the page reports: the round, its facts, documents, points and claims."""
        view = self._view
        return [self.round, *view.facts_by_round.get(self.round.id, []), *self.documents,
                *(item for d in self.documents for item in d.items),
                *view.claims_on(self._hosted)]

    @cached_property
    def grid(self) -> tuple[list[Any], list[Any]] | None:
        """Who reports what, as a grid (None: too wide or long, a table by source instead)."""
        return source_grid(self._view, self.items)


class RoundsPage:
    """What `rounds.md.j2` reads as `ctx`: every round, with its facts' count."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self._view = plan.view
        self.rounds: list[Round] = plan.view.rounds

    def fact_count(self, round_id: str) -> int:
        return len(self._view.facts_by_round.get(round_id, []))
