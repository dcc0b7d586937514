"""What a discrepancies page shows: findings with their claims, derived readings, and
the findings listed apart by kind (single-source claims, coverage gaps...)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model import Claim, Derived, Finding

if TYPE_CHECKING:
    from generator.analyze.kinds import FindingKind
    from generator.layout import Chunk
    from generator.pages import PageSpec, Plan


class DiscrepanciesPage:
    """What `discrepancies.md.j2` reads as `ctx`: a page of findings; the first page also
    counts them by kind and lists derived readings and the findings listed apart."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        view = self._view = plan.view
        self._located = plan.locations
        self.chunk: Chunk[Finding] = spec.context["chunk"]
        # (kind, heading, findings, the path of their own pages or None)
        self.lists: list[tuple[str, str, list[Finding], str | None]] = spec.context["lists"]
        self.claims: dict[str, Claim] = view.b.claims
        self.derived: dict[str, Derived] = view.derived

    @property
    def open(self) -> int:
        """How many discrepancies are open (the first page's count)."""
        return self._view.open_findings()

    @property
    def counts(self) -> list[tuple[FindingKind, int]]:
        """How many findings of each kind, in the registry's order."""
        return [(k, len(self._view.by_kind.get(k.name, []))) for k in self._view.kinds]

    def located(self, item_id: str) -> bool:
        """Whether an id has a page to link to (a finding's subject may not)."""
        return item_id in self._located

    def claims_of(self, finding: Finding) -> list[Claim]:
        return [self.claims[c] for c in finding.claims if c in self.claims]

    def read_as(self, claim_id: str) -> str:
        return self._view.read_as(claim_id)


class FindingsPage:
    """What `findings.md.j2` reads as `ctx`: a page of one kind of finding listed apart,
    when there are too many for the discrepancies page."""

    def __init__(self, plan: Plan, spec: PageSpec) -> None:
        self.chunk: Chunk[Finding] = spec.context["chunk"]
