"""What the pages of plain lists show: places, documents outside rounds, and the further
pages of a long list of facts (an actor's, an issue's, a source's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model import Document, Fact, Place

if TYPE_CHECKING:
    from generator.layout import Chunk
    from generator.pages import PageSpec, Plan


class PlacesPage:
    """What `places.md.j2` reads as `ctx`: every place, by kind."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        # (kind, its heading, the places of that kind by name)
        self.groups: list[tuple[str, str, list[Place]]] = [
            (kind, plan.view.group_title(kind), places)
            for kind, places in spec.context["groups"]]


class DocumentsPage:
    """What `documents.md.j2` reads as `ctx`: the documents not tied to a round."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self.documents: list[Document] = spec.context["documents"]


class ListingPage:
    """What `listing.md.j2` reads as `ctx`: a further page of an item's facts."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self.chunk: Chunk[Fact] = spec.context["chunk"]
        self.owner: PageSpec = spec.context["owner"]  # the item's own page
