"""What an actor page shows: roles, members, memberships, rounds attended, positions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from generator.model import Actor, Citation, Fact, Membership, Position, Role, Round

if TYPE_CHECKING:
    from generator.layout import Chunk
    from generator.pages import PageSpec, Plan
    from generator.view.index import BriefingView


@dataclass(frozen=True, slots=True)
class Attendance:
    """One way an actor took part in a round: as delegation, host, mediator or member."""

    round: Round
    role: str
    via: str | None = None  # the delegation, for members
    citations: tuple[Citation, ...] = ()


def attendance_index(view: BriefingView) -> dict[str, list[Attendance]]:
    """Who took part in each round, and how: by actor, each in round order.

    Two sources naming the same member are two membership entries: one row, both cited.
    """
    rows: dict[tuple[str, str, str, str | None], list[Citation]] = {}
    for rnd in view.rounds:
        for role, ids in (("delegation", rnd.delegations), ("host", rnd.hosts),
                          ("mediator", rnd.mediators)):
            for actor_id in ids:
                rows.setdefault((actor_id, rnd.id, role, None), [])
        for delegation_id in dict.fromkeys(rnd.delegations):
            for member in view.b.actors[delegation_id].members:
                if not member.rounds or rnd.id in member.rounds:
                    key = (member.actor, rnd.id, member.role, delegation_id)
                    rows.setdefault(key, []).extend(member.citations)
    out: dict[str, list[Attendance]] = defaultdict(list)
    for (actor_id, round_id, role, via), citations in rows.items():
        out[actor_id].append(Attendance(view.b.rounds[round_id], role, via,
                                        tuple(dict.fromkeys(citations))))
    return dict(out)


def merged_roles(actor: Actor) -> list[Role]:
    """An actor's roles, the same role reported by several sources shown once with all
    their citations ("Head of the Russian delegation" from CGTN and from Reuters)."""
    merged: dict[tuple[Any, ...], Role] = {}
    for role in actor.roles:
        key = (role.title.casefold(), role.of, role.start, role.until)
        if key in merged:
            seen = merged[key].citations
            merged[key].citations = seen + [c for c in role.citations if c not in seen]
        else:
            merged[key] = replace(role, citations=list(role.citations))
    return list(merged.values())


def member_of(view: BriefingView, actor_id: str) -> list[tuple[Actor, Membership]]:
    """The delegations an actor belongs to; the same membership reported by several
    sources is shown once, with every round any of them names and all citations."""
    merged: dict[tuple[str, str], tuple[Actor, Membership]] = {}
    for group, mb in view.memberships.get(actor_id, []):
        key = (group.id, mb.role.casefold())
        if key not in merged:
            merged[key] = (group, replace(mb, citations=list(mb.citations),
                                          rounds=list(mb.rounds)))
            continue
        seen = merged[key][1]
        everywhere = not seen.rounds or not mb.rounds  # no rounds named: all of them
        seen.rounds = [] if everywhere else seen.rounds + [
            r for r in mb.rounds if r not in seen.rounds]
        seen.citations += [c for c in mb.citations if c not in seen.citations]
    return list(merged.values())


class ActorPage:
    """What `actor.md.j2` reads as `ctx`: one actor and everything its page lists."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self._view = view = plan.view
        self.actor: Actor = spec.context["actor"]
        self.listing: Chunk[Fact] = spec.context["listing"]  # the first page of its facts
        self._plan = plan
        self._backlinks: list[PageSpec] = spec.context.get("backlinks", [])
        self.attended: list[Attendance] = view.attended.get(self.actor.id, [])
        self.positions: list[Position] = view.positions_by_party.get(self.actor.id, [])

    @cached_property
    def backlinks(self) -> list[PageSpec]:
        """The pages that mention the actor and that no other section of its page links to
        (a party's issue pages are linked from its positions, a round it attended from its
        rounds): each page once."""
        linked = {self._plan.locations[item_id][0] for item_id in (
            *(p.id for p in self.positions), *(at.round.id for at in self.attended),
            *(mb.actor for mb in self.actor.members), *(d.id for d, _ in self.memberships),
            *(r.of for r in self.roles if r.of), *(f.id for f in self.listing.items))
            if item_id in self._plan.locations}
        return [s for s in self._backlinks if s.path not in linked]

    @cached_property
    def roles(self) -> list[Role]:
        return merged_roles(self.actor)

    @cached_property
    def memberships(self) -> list[tuple[Actor, Membership]]:
        return member_of(self._view, self.actor.id)

    def member_rounds(self, mb: Membership) -> list[Attendance]:
        """The rounds a member of this delegation attended in that role."""
        return [at for at in self._view.attended.get(mb.actor, [])
                if at.via == self.actor.id and at.role == mb.role]


class ActorsPage:
    """What `actors.md.j2` reads as `ctx`: every actor, by kind, with their facts' count."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self._view = view = plan.view
        # (kind, its heading, the actors of that kind by name)
        self.groups: list[tuple[str, str, list[Actor]]] = [
            (kind, view.group_title(kind), actors) for kind, actors in spec.context["groups"]]

    def fact_count(self, actor_id: str) -> int:
        return len(self._view.facts_by_actor.get(actor_id, []))
