"""The page plan of one briefing: which pages exist, where each id lives, who mentions whom.

Planned before anything is rendered because pages point at each other: a fact listed on
an actor page links to the round page that cites it, an actor page lists every page that
mentions the actor, a marker links to the discrepancy's page. Fixing every page's path
and the ids it hosts first lets a template link to any id, and lets tests check that no
id is lost. Long lists are split into pages of a fixed size so that no page grows with
the briefing (Material renders each page whole; the site must stay fast at 10,000 facts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.chart import timeline_chart
from generator.findings import text_wording
from generator.layout import Chunk, chunks, pack
from generator.model import Fact, Origin, Round
from generator.sections import ACTOR_KINDS, PLACE_KINDS
from generator.updates import BriefingUpdates, no_updates
from generator.view import BriefingView
from generator.view.actors import ActorPage, ActorsPage
from generator.view.discrepancies import DiscrepanciesPage, FindingsPage
from generator.view.home import BriefPage, HomePage, UpdatesPage, brief_facts
from generator.view.lists import DocumentsPage, ListingPage, PlacesPage
from generator.view.positions import IssuePage, PositionsPage
from generator.view.rounds import RoundPage, RoundsPage, heads
from generator.view.sources import SourcePage, SourcesPage
from generator.view.timeline import TimelineIndexPage, TimelinePage
from generator.wording import MONTHS

LIST_SIZE = 200  # compact fact entries per listing page (actor, issue, source)
TIMELINE_SIZE = 200  # entries per timeline page
FINDINGS_SIZE = 50  # discrepancies, each with its claims, per page
SOURCES_SIZE = 400  # rows of the sources table per page
# Facts (and other items) citing the sources of one detail page: a source is a section, so
# a page holds many; each page also repeats the theme's ~15 KB around its content.
SOURCE_PART_SIZE = 500
MATRIX_CELLS = 400  # cells (issues × parties) per page of the positions matrix

# The only generated pages in the navigation: Material renders the whole navigation into
# every page, so a navigation that grew with the briefing would make the build quadratic.
NAV = (
    ("Overview", "index.md"),
    ("Actors", "actors/index.md"),
    ("Rounds", "rounds/index.md"),
    ("Positions", "issues/index.md"),
    ("Discrepancies", "discrepancies/index.md"),
    ("Sources", "sources/index.md"),
    ("Timeline", "timeline/index.md"),
    ("Updates", "updates/index.md"),
    ("Places", "places.md"),  # only when the briefing has places
    ("Documents", "documents.md"),  # only when it has documents outside rounds
    ("One-page brief", "brief.md"),
)

class PageClash(ValueError):
    """Two generated pages would share a path (an id such as `index` in a folder of pages)."""


@dataclass(eq=False, slots=True)
class PageSpec:
    """A page to render: its template, title, the YAML behind it and what it holds."""

    path: str
    template: str
    title: str
    origin: Origin
    context: dict[str, Any] = field(default_factory=dict)  # the planner's data, for `view`
    hosted: set[str] = field(default_factory=set)  # ids anchored here (their home page)
    mentions: set[str] = field(default_factory=set)  # actor ids it names (for backlinks)
    # builds, at rendering, the object the template reads as `ctx` (generator/view/)
    view: Callable[[Plan, PageSpec], Any] | None = None


@dataclass(slots=True)
class Handwritten:
    """A page an editor wrote in `docs/<slug>/`, linked from the briefing's home."""

    path: str
    title: str


class Plan:
    """Every page of one briefing and the page (and anchor) of every id."""

    def __init__(self, view: BriefingView, handwritten: list[Handwritten],
                 updates: BriefingUpdates | None = None, export_size: str = "") -> None:
        self.view = view
        self.export_size = export_size  # the JSON export's, in words (the home page says it)
        self.updates = updates or no_updates()
        self.specs: list[PageSpec] = []
        self.by_path: dict[str, PageSpec] = {}
        self.locations: dict[str, tuple[str, str | None]] = {}
        self.handwritten = handwritten
        for planner in (_rounds, _timeline, _actors, _issues, _sources, _places, _documents,
                        _discrepancies, _updates, _home, _brief):
            planner(self)
        self._host_claims()
        self._add_backlinks()

    def path(self, relative: str) -> str:
        return f"{self.view.slug}/{relative}"

    def add(self, spec: PageSpec, anchored: Sequence[str] = (),
            own: Sequence[str] = ()) -> PageSpec:
        """Register a page; `anchored` ids get `page#id`, `own` ids link to the page itself."""
        existing = self.by_path.get(spec.path)
        if existing is None:
            self.by_path[spec.path] = spec
            self.specs.append(spec)
        elif existing is not spec:
            raise PageClash(f"two pages would be written to {spec.path}: "
                            f"'{existing.title}' and '{spec.title}'")
        for item_id in anchored:
            self.locations.setdefault(item_id, (spec.path, item_id))
            spec.hosted.add(item_id)
        for item_id in own:
            self.locations[item_id] = (spec.path, None)
            spec.hosted.add(item_id)
        return spec

    def page_of(self, item_id: str) -> PageSpec | None:
        location = self.locations.get(item_id)
        return self.by_path.get(location[0]) if location else None

    def _host_claims(self) -> None:
        """A claim lives on the page of the thing it is about (its subject)."""
        by_path = self.by_path
        fallback = by_path[self.path("discrepancies/index.md")]
        claims = self.view.b.claims
        pending = sorted(claims)
        for _ in range(3):  # claims about claims: resolve in a few passes
            later = []
            for claim_id in pending:
                subject = claims[claim_id].subject
                if subject in self.locations:
                    spec = by_path[self.locations[subject][0]]
                    self.add(spec, anchored=[claim_id])
                else:
                    later.append(claim_id)
            pending = later
        for claim_id in pending:
            self.add(fallback, anchored=[claim_id])

    def _add_backlinks(self) -> None:
        """Give each actor page the list of generated pages that mention the actor."""
        index = self.path("actors/index.md")
        mentioned: dict[str, list[PageSpec]] = {}
        for spec in self.specs:
            if spec.path == index:
                continue
            for actor_id in spec.mentions:
                mentioned.setdefault(actor_id, []).append(spec)
        for actor in self.view.actors:
            own = self.locations[actor.id][0]
            pages = [s for s in mentioned.get(actor.id, []) if s.path != own
                     and not s.path.startswith(own[: -len(".md")] + "/")]
            spec = self.page_of(actor.id)
            if spec is not None:
                spec.context["backlinks"] = sorted(pages, key=lambda s: s.path)


def fact_actors(facts: list[Fact]) -> set[str]:
    """The actors facts are about, and those their sources quote ("citing TASS")."""
    return {a for f in facts for a in f.actors} | {
        step.actor for f in facts for c in f.citations for step in c.via if step.actor}


# ---------------------------------------------------------------------- planners


def _updates(plan: Plan) -> None:
    """What changed, newest first, in pages of LIST_SIZE entries; each entry anchored."""
    origin = plan.view.b.info.origin
    for part in chunks(plan.updates.entries, plan.path("updates/index.md"), LIST_SIZE):
        title = "Updates" + (f" (page {part.number})" if part.number > 1 else "")
        plan.add(PageSpec(part.path, "updates.md.j2", title, origin,
                          {"chunk": part, "updates": plan.updates}, view=UpdatesPage),
                 anchored=[u.anchor for u in part.items])


def _home(plan: Plan) -> None:
    view = plan.view
    dated = [f for f in view.facts if f.when]
    latest = sorted(dated, key=lambda f: (f.when.sort_key if f.when else ""), reverse=True)[:5]
    plan.add(PageSpec(plan.path("index.md"), "home.md.j2", view.b.info.title,
                      view.b.info.origin, {"latest": latest, "handwritten": plan.handwritten,
                                           "updates": plan.updates.entries[:5]},
                      mentions=fact_actors(latest), view=HomePage))


def _brief(plan: Plan) -> None:
    """A page to print: summary, key figures, the latest round's outcomes, open findings."""
    view = plan.view
    latest = view.latest_round()
    shown = [f for kinds in (("outcome",), ("next-step",))
             for f in brief_facts(view, latest, kinds).shown] if latest else []
    plan.add(PageSpec(plan.path("brief.md"), "brief.md.j2", "One-page brief",
                      view.b.info.origin, mentions=fact_actors(shown), view=BriefPage))


def _rounds(plan: Plan) -> None:
    view = plan.view
    origin = view.rounds[0].origin if view.rounds else view.b.info.origin
    plan.add(PageSpec(plan.path("rounds/index.md"), "rounds.md.j2", "Rounds", origin,
                      view=RoundsPage))
    for rnd in view.rounds:
        facts = view.facts_by_round.get(rnd.id, [])
        docs = view.docs_by_round.get(rnd.id, [])
        led = {head.id for _, head, _ in heads(view, rnd)}
        people = {*rnd.hosts, *rnd.mediators, *rnd.delegations, *led, *fact_actors(facts)}
        people |= {a for d in docs for a in (d.author, d.recipient) if a in view.b.actors}
        spec = PageSpec(plan.path(f"rounds/{rnd.id}.md"), "round.md.j2", view.names.long(rnd.id),
                        rnd.origin, {"round": rnd, "documents": docs}, mentions=people,
                        view=RoundPage)
        items = [i.id for d in docs for i in d.items]
        plan.add(spec, anchored=[f.id for f in facts] + [d.id for d in docs] + items,
                 own=[rnd.id])


def _timeline(plan: Plan) -> None:
    """Rounds and dated facts in order, opened by a chart; facts without a round live here.

    One page while the whole timeline fits in TIMELINE_SIZE entries; past that, an index
    (with the chart) and a page per month."""
    view = plan.view
    entries: list[tuple[str, Fact | Round]] = [(r.date.sort_key, r) for r in view.rounds]
    entries += [(f.when.sort_key, f) for f in view.facts if f.when]
    entries.sort(key=lambda e: (e[0], isinstance(e[1], Fact), e[1].origin.path,
                                e[1].origin.line, e[1].id))
    items = [item for _, item in entries]
    undated = [f for f in view.facts if not f.when and not f.round]
    origin = view.b.info.origin
    chart = timeline_chart(view.rounds, view.facts)
    index = plan.path("timeline/index.md")
    if len(items) + len(undated) <= TIMELINE_SIZE:
        _timeline_page(plan, chunks(items, index, TIMELINE_SIZE)[0], "Timeline", origin,
                       {"chart": chart, "undated": undated})
        return
    groups: dict[str, list[Fact | Round]] = {}
    for item in items:
        groups.setdefault(timeline_group(item), []).append(item)
    months = []
    for key, grouped in groups.items():
        parts = chunks(grouped, plan.path(f"timeline/{key}.md"), TIMELINE_SIZE)
        months.append((key, group_title(key), parts[0].path, grouped))
        for part in parts:
            _timeline_page(plan, part, group_title(key), origin)
    undated_path = None
    if undated:
        for part in chunks(undated, plan.path("timeline/undated.md"), TIMELINE_SIZE):
            _timeline_page(plan, part, "Undated facts", origin)
        undated_path = plan.path("timeline/undated.md")
    plan.add(PageSpec(index, "timeline.md.j2", "Timeline", origin,
                      {"months": months, "undated": undated_path, "count": len(undated),
                       "chart": chart}, view=TimelineIndexPage))


def _timeline_page(plan: Plan, part: Chunk[Any], title: str, origin: Origin,
                   extra: dict[str, Any] | None = None) -> None:
    """A page of the timeline: facts without a round live here, the rest are references.
    `extra` holds the chart and the undated facts when the timeline is one page."""
    extra = extra or {}
    undated = extra.get("undated", [])
    here = [i for i in part.items if isinstance(i, Fact) and not i.round] + undated
    runs: list[tuple[bool, list[Fact | Round]]] = []
    for item in part.items:
        is_here = isinstance(item, Fact) and not item.round
        if runs and runs[-1][0] == is_here:
            runs[-1][1].append(item)
        else:
            runs.append((is_here, [item]))
    spec = PageSpec(part.path, "timeline_page.md.j2", title if part.number == 1
                    else f"{title} (page {part.number})", origin,
                    {"chunk": part, "runs": runs, "chart": None, "undated": [], **extra},
                    mentions=fact_actors(here), view=TimelinePage)
    plan.add(spec, anchored=[f.id for f in here])


def timeline_group(item: Fact | Round) -> str:
    """The timeline page of a dated item: its month, or its year if that is all we know."""
    when = item.date if isinstance(item, Round) else item.when
    assert when is not None
    if when.precision == "year":
        return f"{when.start.year}"
    return f"{when.start.year:04d}-{when.start.month:02d}"


def group_title(key: str) -> str:
    if len(key) == 4:
        return f"{key} (month not known)"
    return f"{MONTHS[int(key[5:7]) - 1]} {key[:4]}"


def _listing(plan: Plan, owner: PageSpec, facts: list[Fact], label: str) -> None:
    """Facts naming an item, in pages of LIST_SIZE: the first on the item's own page."""
    parts = chunks(facts, owner.path, LIST_SIZE)
    owner.context["listing"] = parts[0]
    for part in parts[1:]:  # repeats of facts shown elsewhere: no backlinks, no search
        plan.add(PageSpec(part.path, "listing.md.j2", f"{label} (page {part.number})",
                          owner.origin, {"chunk": part, "owner": owner, "label": label,
                                         "search_exclude": True}, view=ListingPage))


def _actors(plan: Plan) -> None:
    view = plan.view
    origin = view.actors[0].origin if view.actors else view.b.info.origin
    groups = [(kind, [a for a in view.actors if a.kind == kind]) for kind in ACTOR_KINDS]
    plan.add(PageSpec(plan.path("actors/index.md"), "actors.md.j2", "Actors", origin,
                      {"groups": [g for g in groups if g[1]]}, view=ActorsPage))
    for actor in view.actors:
        names = {r.of for r in actor.roles if r.of} | {m.actor for m in actor.members}
        names |= {d.id for d, _ in view.memberships.get(actor.id, [])}
        spec = plan.add(PageSpec(plan.path(f"actors/{actor.id}.md"), "actor.md.j2",
                                 view.names.long(actor.id),
                                 actor.origin, {"actor": actor}, mentions=names,
                                 view=ActorPage),
                        anchored=[label.id for label in actor.labels], own=[actor.id])
        _listing(plan, spec, view.facts_by_actor.get(actor.id, []),
                 f"What {view.names.short(actor.id)} said or did")


def _issues(plan: Plan) -> None:
    view = plan.view
    origin = view.issues[0].origin if view.issues else view.b.info.origin
    parties = {p.id for p in view.stances.parties}
    # As many issues per page as keep the page's cells within MATRIX_CELLS, however many
    # parties there are: 40 issues for 10 parties, 4 for 100 (one, at worst).
    rows = max(1, MATRIX_CELLS // max(1, len(parties)))
    for part in chunks(view.issues, plan.path("issues/index.md"), rows):
        title = "Positions" + (f" (page {part.number})" if part.number > 1 else "")
        plan.add(PageSpec(part.path, "positions.md.j2", title, origin, {"chunk": part},
                          mentions=parties, view=PositionsPage))
    for issue in view.issues:
        positions = view.positions_by_issue.get(issue.id, [])
        spec = plan.add(PageSpec(plan.path(f"issues/{issue.id}.md"), "issue.md.j2",
                                 view.names.long(issue.id),
                                 issue.origin, {"issue": issue},
                                 mentions={p.party for p in positions}, view=IssuePage),
                        anchored=[p.id for p in positions], own=[issue.id])
        _listing(plan, spec, view.facts_by_issue.get(issue.id, []),
                 f"Facts on {view.names.short(issue.id)}")


def _sources(plan: Plan) -> None:
    view = plan.view
    origin = view.sources[0].origin if view.sources else view.b.info.origin
    pages: dict[str, str] = {}
    # The table repeats what the source sections hold: kept out of the search index.
    table = [plan.add(PageSpec(part.path, "sources.md.j2", "Sources" + (
        f" (page {part.number})" if part.number > 1 else ""), origin,
        {"chunk": part, "search_exclude": True}, view=SourcesPage),
        anchored=[s.id for s in part.items])
        for part in chunks(view.sources, plan.path("sources/index.md"), SOURCES_SIZE)]
    weight = {s.id: len(view.facts_by_source.get(s.id, [])) + len(view.other_citers.get(s.id, []))
              for s in view.sources}
    groups = pack(view.sources, lambda s: weight[s.id], SOURCE_PART_SIZE)
    for number, group in enumerate(groups, 1):
        labels = {a.id for s in group for a, _, _ in view.labels_by_source.get(s.id, [])}
        title = "The sources in detail" + (f", part {number}" if len(groups) > 1 else "")
        spec = plan.add(PageSpec(plan.path(f"sources/part-{number}.md"), "source.md.j2",
                                 title, group[0].origin,
                                 {"sources": group}, mentions=labels, view=SourcePage))
        for source in group:
            pages[source.id] = spec.path
        if len(group) == 1:  # one source cited more than a page holds: continue its list
            _listing(plan, spec, view.facts_by_source.get(group[0].id, []),
                     f"Facts citing {view.names.short(group[0].id)}")
    for spec in table:
        spec.context["pages"] = pages


def _places(plan: Plan) -> None:
    view = plan.view
    if not view.places:
        return
    groups = [(kind, [p for p in view.places if p.kind == kind]) for kind in PLACE_KINDS]
    plan.add(PageSpec(plan.path("places.md"), "places.md.j2", "Places", view.places[0].origin,
                      {"groups": [g for g in groups if g[1]]}, view=PlacesPage),
             anchored=[p.id for p in view.places])


def _documents(plan: Plan) -> None:
    """Documents not tied to a round (those of a round live on the round's page)."""
    documents = plan.view.docs_by_round.get("", [])
    if not documents:
        return
    items = [i.id for d in documents for i in d.items]
    people = {a for d in documents for a in (d.author, d.recipient) if a}
    plan.add(PageSpec(plan.path("documents.md"), "documents.md.j2", "Documents",
                      documents[0].origin, {"documents": documents}, mentions=people,
                      view=DocumentsPage),
             anchored=[d.id for d in documents] + items)


def _discrepancies(plan: Plan) -> None:
    view = plan.view
    recorded = sorted(view.b.discrepancies.values(), key=lambda d: d.id)
    origin = recorded[0].origin if recorded else view.b.info.origin
    parts = chunks(view.findings, plan.path("discrepancies/index.md"), FINDINGS_SIZE)
    lists = []
    headings = text_wording(view.names)
    for kind in view.kinds:
        if kind.marks:
            continue
        key, heading, findings = kind.name, headings.heading(kind), view.by_kind.get(kind.name, [])
        elsewhere = None
        if len(findings) > LIST_SIZE:  # too long for the first page: pages of their own
            for part in chunks(findings, plan.path(f"discrepancies/{key}.md"), LIST_SIZE):
                plan.add(PageSpec(part.path, "findings.md.j2", heading + (
                    f" (page {part.number})" if part.number > 1 else ""), origin,
                    {"chunk": part}, view=FindingsPage), anchored=[f.id for f in part.items])
            elsewhere = plan.path(f"discrepancies/{key}.md")
        lists.append((key, heading, findings, elsewhere))
    for part in parts:
        title = "Discrepancies" + (f" (page {part.number})" if part.number > 1 else "")
        anchored = [f.id for f in part.items] + [f.recorded for f in part.items if f.recorded]
        anchored += [covered for f in part.items for covered in f.covers]
        if part.number == 1:
            anchored += [f.id for _, _, found, away in lists if not away for f in found]
            anchored += list(view.derived)
        subjects = {f.subject for f in part.items if f.subject in view.b.actors}
        plan.add(PageSpec(part.path, "discrepancies.md.j2", title, origin,
                          {"chunk": part, "lists": lists}, mentions=subjects,
                          view=DiscrepanciesPage),
                 anchored=anchored)
