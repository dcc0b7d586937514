"""Read-only lookups over one briefing and its analysis, for the page plan and templates.

Every index is built once, up front, with an explicit sort key, so that a page never
scans the whole briefing (a 10,000-fact briefing has hundreds of pages) and the output
order never depends on dict or file-system order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from generator.analyze import compared_as
from generator.analyze.kinds import kinds
from generator.model import (
    Actor,
    Analysis,
    Briefing,
    Citation,
    Claim,
    Document,
    DocumentItem,
    Fact,
    Finding,
    Issue,
    Label,
    Membership,
    Position,
    Role,
    Round,
    Source,
    When,
)
from generator.names import Names
from generator.wording import allows

GRID_SOURCES = 8  # most sources a page's grid of who reports what has columns for
GRID_ROWS = 60  # most items (rows) in that grid

GROUP_TITLES = {"person": "People", "delegation": "Delegations", "government": "Governments",
                "organisation": "Organisations", "outlet": "Outlets", "venue": "Venues",
                "city": "Cities", "country": "Countries", "region": "Regions", "other": "Other"}
ROUND_BOX = ("scheduled-start", "actual-start", "duration")  # claims shown in the facts box

T = TypeVar("T")


def fact_key(fact: Fact) -> tuple[int, str, str, int, str]:
    """Dated facts by date, then file order; undated facts last, in file order."""
    when = fact.when.sort_key if fact.when else ""
    return (0 if fact.when else 1, when, fact.origin.path, fact.origin.line, fact.id)


def name_key(item: Actor | object) -> tuple[str, str]:
    return (str(getattr(item, "name", "")).casefold(), str(getattr(item, "id", "")))




@dataclass(frozen=True, slots=True)
class Attendance:
    """One way an actor took part in a round: as delegation, host, mediator or member."""

    round: Round
    role: str
    via: str | None = None  # the delegation, for members
    citations: tuple[Citation, ...] = ()


class BriefingView:
    """Indexes of a briefing, by the keys pages need (round, actor, issue, source...)."""

    def __init__(self, briefing: Briefing, analysis: Analysis) -> None:
        self.b = briefing
        self.slug = briefing.slug
        self.names = Names(briefing)
        self.findings = list(analysis.discrepancies)  # kinds that mark pages, and records
        self.kinds = kinds()
        self.by_kind = _group(analysis.findings, lambda f: [f.kind])
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
        self.labels: dict[str, tuple[Actor, Label]] = {
            label.id: (actor, label) for actor in briefing.actors.values()
            for label in actor.labels}
        self._latest: dict[tuple[str, str], Position] | None = None
        self._silent: dict[str, list[Issue]] | None = None
        self._earlier: dict[tuple[str, str], list[Position]] | None = None
        self._read_as: dict[str, str] | None = None
        self._parties: list[Actor] | None = None
        self._index()

    def _source_key(self, source: Source) -> tuple[str, str, str]:
        """Sources by name, then date of publication (unknown last)."""
        published = source.published.sort_key if source.published else "~"
        return (self.names.short(source.id).casefold(), published, source.id)

    def _index(self) -> None:
        b = self.b
        self.facts_by_round = _group(self.facts, lambda f: [f.round] if f.round else [])
        self.facts_by_actor = _group(self.facts, lambda f: f.actors)
        self.facts_by_issue = _group(self.facts, lambda f: f.issues)
        self.facts_by_source = _group(self.facts, lambda f: _sources(f.citations))
        self.docs_by_round = _group(
            sorted(b.documents.values(), key=lambda d: (d.origin.path, d.origin.line, d.id)),
            lambda d: [d.round or ""])
        positions = sorted(b.positions.values(),
                           key=lambda p: (p.as_of.sort_key, p.origin.path, p.origin.line, p.id))
        self.positions_by_issue = _group(positions, lambda p: [p.issue])
        self.positions_by_party = _group(positions, lambda p: [p.party])
        self.claims = sorted(b.claims.values(),
                             key=lambda c: (c.origin.path, c.origin.line, c.id))
        self.claims_by_subject = _group(self.claims, lambda c: [c.subject])
        self.findings_by_id: dict[str, list[Finding]] = _group(
            self.findings, lambda f: sorted({f.subject, *f.claims, *f.items}))
        self.memberships: dict[str, list[tuple[Actor, Membership]]] = defaultdict(list)
        for actor in self.actors:
            for member in actor.members:
                self.memberships[member.actor].append((actor, member))
        self.other_citers = _group(self._cited_items(), lambda i: _sources(_citations(i)))
        self.attended = self._attendance()
        self.labels_by_source: dict[str, list[tuple[Actor, str, str]]] = defaultdict(list)
        for actor in self.actors:
            for label in actor.labels:
                for source in _sources(label.citations):
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

    # ------------------------------------------------------------------ rounds

    def heads(self, rnd: Round) -> list[tuple[Actor, Actor, list[Citation]]]:
        """(delegation, head, citations) for each head of delegation in a round.

        Two sources naming the same head are two membership entries: shown once.
        """
        heads: dict[tuple[str, str], list[Citation]] = {}
        for delegation_id in rnd.delegations:
            for member in self.b.actors[delegation_id].members:
                if member.role == "head" and (not member.rounds or rnd.id in member.rounds):
                    heads.setdefault((delegation_id, member.actor), []).extend(member.citations)
        return [(self.b.actors[d], self.b.actors[h], citations)
                for (d, h), citations in heads.items()]

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

    def box_claims(self, rnd: Round) -> dict[str, list[Claim]]:
        claims = self.claims_by_subject.get(rnd.id, [])
        return {prop: [c for c in claims if c.property == prop] for prop in ROUND_BOX}

    def in_box(self, claim: Claim) -> bool:
        """Whether a round's facts box shows this claim (start times, duration)."""
        return claim.subject in self.b.rounds and claim.property in ROUND_BOX

    def document_items(self, documents: list[Document]) -> list[DocumentItem]:
        return [item for d in documents for item in d.items]

    def claims_on(self, ids: set[str]) -> list[Claim]:
        """The claims among a page's ids, in file order."""
        claims = [self.b.claims[i] for i in ids if i in self.b.claims]
        return sorted(claims, key=lambda c: (c.origin.path, c.origin.line, c.id))

    def read_as(self, claim_id: str) -> str:
        """How the comparison read a claim (a range, days, a moment with its zone); empty
        when it could not. Worked out once, on the first call."""
        if self._read_as is None:
            self._read_as = {cid: allows(data) for cid, data in compared_as(self.b).items()}
        return self._read_as.get(claim_id, "")

    def claims_of(self, finding: Finding) -> list[Claim]:
        return [self.b.claims[c] for c in finding.claims if c in self.b.claims]

    def round_facts(self, rnd: Round, kinds: tuple[str, ...]) -> list[Fact]:
        return [f for f in self.facts_by_round.get(rnd.id, []) if f.kind in kinds]

    def latest_round(self) -> Round | None:
        return max(self.rounds, key=lambda r: (r.date.sort_key, r.number), default=None)

    # ------------------------------------------------------------------ actors

    def attendance(self, actor: Actor) -> list[Attendance]:
        """Every round an actor took part in, and how, in round order."""
        return self.attended.get(actor.id, [])

    def _attendance(self) -> dict[str, list[Attendance]]:
        """Who took part in each round, and how: by actor, each in round order.

        Two sources naming the same member are two membership entries: one row, both cited.
        """
        rows: dict[tuple[str, str, str, str | None], list[Citation]] = {}
        for rnd in self.rounds:
            for role, ids in (("delegation", rnd.delegations), ("host", rnd.hosts),
                              ("mediator", rnd.mediators)):
                for actor_id in ids:
                    rows.setdefault((actor_id, rnd.id, role, None), [])
            for delegation_id in dict.fromkeys(rnd.delegations):
                for member in self.b.actors[delegation_id].members:
                    if not member.rounds or rnd.id in member.rounds:
                        key = (member.actor, rnd.id, member.role, delegation_id)
                        rows.setdefault(key, []).extend(member.citations)
        out: dict[str, list[Attendance]] = defaultdict(list)
        for (actor_id, round_id, role, via), citations in rows.items():
            out[actor_id].append(Attendance(self.b.rounds[round_id], role, via,
                                            tuple(dict.fromkeys(citations))))
        return dict(out)

    def latest_positions(self) -> dict[tuple[str, str], Position]:
        """The most recent position of each party on each issue: the matrix cells.

        Computed once: every page of the matrix asks for it.
        """
        if self._latest is None:
            self._latest = {}
            for issue, positions in self.positions_by_issue.items():
                for position in positions:  # sorted by date: the last one wins
                    self._latest[(issue, position.party)] = position
        return self._latest

    def silent_issues(self, rnd: Round) -> list[Issue]:
        """Issues that facts of earlier rounds are about and no fact of this round is:
        the round page says its sources do not report them. One pass over the rounds."""
        if self._silent is None:
            self._silent = {}
            rank = {issue.id: n for n, issue in enumerate(self.issues)}
            covered: set[str] = set()
            for other in self.rounds:
                now = {i for f in self.facts_by_round.get(other.id, []) for i in f.issues}
                self._silent[other.id] = [self.b.issues[i] for i in sorted(
                    covered - now, key=lambda i: (rank.get(i, len(rank)), i))
                    if i in self.b.issues]
                covered |= now
        return self._silent.get(rnd.id, [])

    def earlier_positions(self) -> dict[tuple[str, str], list[Position]]:
        """The positions of each party on each issue before its latest, oldest first: a
        matrix cell shows how a stance came to be ("agreed" in May, "demanded" in June)."""
        if self._earlier is None:
            self._earlier = {}
            for issue, positions in self.positions_by_issue.items():
                for position in positions:
                    self._earlier.setdefault((issue, position.party), []).append(position)
            for history in self._earlier.values():
                history.pop()  # the latest: the cell itself
        return self._earlier

    def positions_on(self, issue_id: str) -> list[tuple[Actor, list[Position]]]:
        """An issue's positions grouped by party (by name), each group by date."""
        groups = _group(self.positions_by_issue.get(issue_id, []), lambda p: [p.party])
        return sorted(((self.b.actors[p], g) for p, g in groups.items()),
                      key=lambda group: self.actor_rank[group[0].id])

    def parties(self) -> list[Actor]:
        """Actors with a position, by name: the matrix columns (computed once)."""
        if self._parties is None:
            self._parties = [a for a in self.actors if a.id in self.positions_by_party]
        return self._parties

    # ------------------------------------------------------------------ sources

    def by_source(self, items: list[T]) -> list[tuple[Source, list[T]]]:
        """Items (anything with citations) grouped by the sources they cite, in source order."""
        groups = _group(items, lambda i: _sources(getattr(i, "citations", [])))
        return sorted(((self.b.sources[s], g) for s, g in groups.items()),
                      key=lambda group: self.source_rank[group[0].id])

    def source_grid(self, items: list[T]) -> tuple[list[Source], list[tuple[T, list[Any]]]] | None:
        """Items × the sources citing any of them: for each cell, the finding when the
        source reports the item differently, True when it reports it, False when not.
        None past GRID_SOURCES sources or GRID_ROWS items: a list by source reads better
        than a wide or endless grid, and a grid as long as a large round page would double
        its size."""
        if len(items) > GRID_ROWS:
            return None
        groups = self.by_source(items)
        if not groups or len(groups) > GRID_SOURCES:
            return None
        sources = [source for source, _ in groups]
        cited = {source.id: {id(i) for i in group} for source, group in groups}
        rows = []
        for item in items:
            found = self.findings_by_id.get(getattr(item, "id", ""), ())
            cells: list[Any] = []
            for source in sources:
                # findings_by_id holds the kinds that mark pages (and records) only
                differs = next((f for f in found if source.id in f.sources), None)
                cells.append(differs or id(item) in cited[source.id])
            rows.append((item, cells))
        return sources, rows

    def findings_about(self, ids: set[str]) -> list[Finding]:
        """Findings concerning any of these ids, in analysis order (the page markers)."""
        found = {f.id: f for i in ids for f in self.findings_by_id.get(i, ())}
        return sorted(found.values(), key=lambda f: self.finding_rank[f.id])

    @staticmethod
    def roles(actor: Actor) -> list[Role]:
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

    def member_of(self, actor_id: str) -> list[tuple[Actor, Membership]]:
        """The delegations an actor belongs to; the same membership reported by several
        sources is shown once, with every round any of them names and all citations."""
        merged: dict[tuple[str, str], tuple[Actor, Membership]] = {}
        for group, mb in self.memberships.get(actor_id, []):
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

    def open_findings(self) -> int:
        return sum(1 for f in self.findings if f.status == "open")


def _citations(item: Any) -> list[Citation]:
    """An item's citations; an actor's include those of its roles and memberships."""
    citations = list(getattr(item, "citations", []))
    for part in (*getattr(item, "roles", []), *getattr(item, "members", [])):
        citations.extend(part.citations)
    return citations


def _sources(citations: list[Citation]) -> list[str]:
    return list(dict.fromkeys(c.source for c in citations))


def _group(items: Iterable[T], keys: Callable[[T], Iterable[str]]) -> dict[str, list[T]]:
    """Items grouped under each of their keys, keeping the items' order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for key in keys(item):
            groups[key].append(item)
    return dict(groups)
