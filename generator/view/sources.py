"""What the source pages show (the table, the sources in detail), and the grid of who
reports what that round pages end with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from generator.model import Actor, Claim, Fact, Source

if TYPE_CHECKING:
    from generator.layout import Chunk
    from generator.pages import PageSpec, Plan
    from generator.view.index import BriefingView

GRID_SOURCES = 8  # most sources a page's grid of who reports what has columns for
GRID_ROWS = 60  # most items (rows) in that grid

T = TypeVar("T")


def source_grid(view: BriefingView, items: list[T]
                ) -> tuple[list[Source], list[tuple[T, list[Any]]]] | None:
    """Items × the sources citing any of them: for each cell, the finding when the
    source reports the item differently, True when it reports it, False when not.
    The claims of one thing's property ("Date of Round 2", one per source) share a row.
    None past GRID_SOURCES sources or GRID_ROWS items: a list by source reads better
    than a wide or endless grid, and a grid as long as a large round page would double
    its size."""
    if len(items) > GRID_ROWS:
        return None
    groups = view.by_source(items)
    if not groups or len(groups) > GRID_SOURCES:
        return None
    sources = [source for source, _ in groups]
    cited = {source.id: {id(i) for i in group} for source, group in groups}
    rows: dict[Any, tuple[T, list[Any]]] = {}
    for item in items:
        found = view.findings_by_id.get(getattr(item, "id", ""), ())
        cells: list[Any] = []
        for source in sources:
            # findings_by_id holds the kinds that mark pages (and records) only
            differs = next((f for f in found if source.id in f.sources), None)
            cells.append(differs or id(item) in cited[source.id])
        key = (item.subject, item.property) if isinstance(item, Claim) else id(item)
        if key in rows:  # another source's claim of the same property: one row
            first, kept = rows[key]
            rows[key] = (first, [_either(a, b) for a, b in zip(kept, cells, strict=True)])
        else:
            rows[key] = (item, cells)
    return sources, list(rows.values())


def _either(a: Any, b: Any) -> Any:
    """One cell for two claims of a row: a finding first, then reported, then not."""
    for cell in (a, b):
        if cell is not True and cell:
            return cell
    return a or b


class SourcesPage:
    """What `sources.md.j2` reads as `ctx`: a page of the table of sources."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self._view = plan.view
        self.chunk: Chunk[Source] = spec.context["chunk"]
        self.pages: dict[str, str] = spec.context["pages"]  # source id -> its detail page

    def labels(self, source_id: str) -> list[tuple[Actor, str, str]]:
        """(actor, label id, text) for each label the source gives."""
        return self._view.labels_by_source.get(source_id, [])

    def fact_count(self, source_id: str) -> int:
        return len(self._view.facts_by_source.get(source_id, []))


class SourcePage(SourcesPage):
    """What `source.md.j2` reads as `ctx`: some sources in detail, with what cites them."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self._view = plan.view
        self.sources: list[Source] = spec.context["sources"]
        # one source cited more than a page holds: the first part of its facts' list
        self.listing: Chunk[Fact] | None = spec.context.get("listing")

    def facts(self, source_id: str) -> list[Fact]:
        """The facts citing a source (shown on this page)."""
        if self.listing is not None:
            return self.listing.items
        return self._view.facts_by_source.get(source_id, [])

    def others(self, source_id: str) -> list[Any]:
        """Everything but facts that cites a source."""
        return self._view.other_citers.get(source_id, [])
