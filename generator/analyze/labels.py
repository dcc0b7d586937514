"""Readable names for the ids that findings mention: subjects, sources, properties."""

from __future__ import annotations

from collections import Counter

from generator.markup import excerpt
from generator.model import UNKNOWN, Briefing, Claim


class Labels:
    """Names of a briefing's items, built once so that lookups stay cheap."""

    def __init__(self, briefing: Briefing) -> None:
        self._subjects = _subject_names(briefing)
        self._sources = _source_names(briefing)

    def subject(self, item_id: str) -> str:
        return self._subjects.get(item_id, item_id)

    def source(self, source_id: str) -> str:
        return self._sources.get(source_id, source_id)

    def sources(self, source_ids: set[str] | frozenset[str] | list[str]) -> str:
        """'CGTN and Reuters'."""
        names = [self.source(s) for s in sorted(source_ids)]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def title(self, subject: str, prop: str) -> str:
        """'Duration of Second round'."""
        return f"{property_label(prop).capitalize()} of {self.subject(subject)}"


def claim_sources(claim: Claim) -> frozenset[str]:
    """The sources a claim cites."""
    return frozenset(citation.source for citation in claim.citations)


def property_label(prop: str) -> str:
    """'actual-start' -> 'actual start'."""
    return prop.replace("-", " ").replace("_", " ")


def _subject_names(briefing: Briefing) -> dict[str, str]:
    names: dict[str, str] = {}
    for section in (briefing.actors, briefing.places, briefing.issues):
        names.update((item.id, item.name) for item in section.values())
    for item in briefing.rounds.values():
        names[item.id] = item.title or f"round {item.number}"
    names.update((item.id, item.title) for item in briefing.documents.values())
    # A fact has no name: its start, so a reader never meets its id.
    names.update((item.id, f"the fact “{excerpt(item.text, 50)}”")
                 for item in briefing.facts.values())
    return names


def _source_names(briefing: Briefing) -> dict[str, str]:
    """Publisher, else title, else "an unnamed news report"; the id is added where two
    sources share a name."""
    names = {}
    for source in briefing.sources.values():
        unnamed = f"an unnamed {source.kind.replace('-', ' ')}"
        name = next((n for n in (source.publisher, source.title) if n and n != UNKNOWN),
                    unnamed)
        names[source.id] = name
    shared = Counter(names.values())
    return {sid: name if shared[name] == 1 else f"{name} ({sid})"
            for sid, name in names.items()}
