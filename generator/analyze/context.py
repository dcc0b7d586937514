"""Everything the analysis works out once per briefing: readings, keys, names."""

from __future__ import annotations

from dataclasses import dataclass

from generator.analyze import wording
from generator.analyze.keys import Key, describe, key_of
from generator.analyze.names import alias_index
from generator.analyze.phrases import Reading
from generator.analyze.readings import in_english, read_claim
from generator.model import Briefing, Claim
from generator.names import Names


def claim_sources(claim: Claim) -> frozenset[str]:
    """The sources a claim cites."""
    return frozenset(citation.source for citation in claim.citations)


@dataclass(slots=True)
class Context:
    """A briefing with each claim read once: `readings`, `keys`, `sources` by claim id."""

    briefing: Briefing
    names: Names
    readings: dict[str, Reading | None]
    keys: dict[str, Key | None]
    sources: dict[str, frozenset[str]]

    @classmethod
    def of(cls, briefing: Briefing) -> Context:
        aliases = alias_index(briefing)
        tolerance = briefing.info.about_tolerance
        readings = {cid: read_claim(claim, in_english(claim, briefing))
                    for cid, claim in briefing.claims.items()}
        keys = {cid: key_of(reading, tolerance, aliases) if reading else None
                for cid, reading in readings.items()}
        sources = {cid: claim_sources(claim) for cid, claim in briefing.claims.items()}
        return cls(briefing, Names(briefing), readings, keys, sources)

    def said(self, claim: Claim) -> str:
        """'CGTN: “a little over an hour”'."""
        return f"{self.sources_text(self.sources[claim.id])}: {wording.quote(claim.reported)}"

    def sources_text(self, source_ids: frozenset[str] | set[str] | list[str]) -> str:
        """'CGTN and Reuters'."""
        names = self.names.sources(source_ids)
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    def title(self, subject: str, prop: str) -> str:
        """'Duration of Round 2'."""
        return self.names.about(subject, prop).short

    def stated(self, claims: list[Claim]) -> str:
        """What one or more claims with the same key say, with the range they allow."""
        key = self.keys.get(claims[0].id)
        shown = f" ({describe(key)})" if key is not None else " (not readable)"
        return ", ".join(self.said(claim) for claim in claims) + shown
