"""Everything the analysis works out once per briefing: readings, keys, names."""

from __future__ import annotations

from dataclasses import dataclass

from generator.analyze import wording
from generator.analyze.keys import Key, describe, key_of
from generator.analyze.labels import Labels, claim_sources
from generator.analyze.names import alias_index
from generator.analyze.phrases import Reading
from generator.analyze.readings import in_english, read_claim
from generator.model import Briefing, Claim


@dataclass(slots=True)
class Context:
    """A briefing with each claim read once: `readings`, `keys`, `sources` by claim id."""

    briefing: Briefing
    labels: Labels
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
        return cls(briefing, Labels(briefing), readings, keys, sources)

    def said(self, claim: Claim) -> str:
        """'CGTN: “a little over an hour”'."""
        return f"{self.labels.sources(self.sources[claim.id])}: {wording.quote(claim.reported)}"

    def stated(self, claims: list[Claim]) -> str:
        """What one or more claims with the same key say, with the range they allow."""
        key = self.keys.get(claims[0].id)
        shown = f" ({describe(key)})" if key is not None else " (not readable)"
        return ", ".join(self.said(claim) for claim in claims) + shown
