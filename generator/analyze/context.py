"""Everything the analysis works out once per briefing: readings, keys, names."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.analyze.keys import Key, key_data, key_of
from generator.analyze.names import alias_index
from generator.analyze.phrases import Reading
from generator.analyze.readings import in_english, read_claim
from generator.model import Briefing, Claim

Group = tuple[str, str]  # (subject, property)


def group_claims(briefing: Briefing) -> dict[Group, list[Claim]]:
    """Claims by (subject, property), groups and claims in id order."""
    groups: dict[Group, list[Claim]] = {}
    for _, claim in sorted(briefing.claims.items()):
        groups.setdefault((claim.subject, claim.property), []).append(claim)
    return dict(sorted(groups.items()))


def claim_sources(claim: Claim) -> frozenset[str]:
    """The sources a claim cites."""
    return frozenset(citation.source for citation in claim.citations)


@dataclass(slots=True)
class Context:
    """A briefing with each claim read once: `readings`, `keys`, `sources` by claim id."""

    briefing: Briefing
    readings: dict[str, Reading | None]
    keys: dict[str, Key | None]
    sources: dict[str, frozenset[str]]
    groups: dict[Group, list[Claim]]
    cache: dict[str, Any] = field(default_factory=dict)  # worked out once, for several kinds

    @classmethod
    def of(cls, briefing: Briefing) -> Context:
        aliases = alias_index(briefing)
        tolerance = briefing.info.about_tolerance
        readings = {cid: read_claim(claim, in_english(claim, briefing))
                    for cid, claim in briefing.claims.items()}
        keys = {cid: key_of(reading, tolerance, aliases) if reading else None
                for cid, reading in readings.items()}
        sources = {cid: claim_sources(claim) for cid, claim in briefing.claims.items()}
        return cls(briefing, readings, keys, sources, group_claims(briefing))

    def reading(self, claim: Claim) -> dict[str, Any]:
        """One claim as a finding's reason holds it: its sources, the words it reports
        and what the analysis reads them to allow (None when it cannot read them)."""
        key = self.keys.get(claim.id)
        return {"claim": claim.id, "sources": sorted(self.sources[claim.id]),
                "reported": claim.reported, "allows": key_data(key) if key else None}

    def readings_of(self, claims: list[Claim]) -> list[dict[str, Any]]:
        return [self.reading(claim) for claim in claims]
