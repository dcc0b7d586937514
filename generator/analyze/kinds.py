"""The registry of finding kinds: what the analysis can find, and how each kind is found.

A kind is registered by the module that detects it (detect.py, coverage.py, or a new
module in this package: every module of generator/analyze is imported, so a new one
needs no other edit). Its wording, from headings to the sentence explaining a finding,
is one template, generator/templates/findings/<name>.md.j2 (see generator/findings.py).
The discrepancies page, the markers on pages, the counts, the CLI report and the JSON
export all follow from this registry. ARCHITECTURE.md walks through adding a kind.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.analyze.context import Context
    from generator.analyze.detect import Detected


@dataclass(frozen=True, slots=True)
class FindingKind:
    """One kind of finding. `marks`: listed as a discrepancy, with a marker on the page of
    everything it concerns, and open to an editor's review; otherwise listed apart (as
    single-source claims and coverage gaps are). `detect` finds every finding of the kind.

    `ids` and `reason` document the kind for the JSON export's readers (the docs page
    docs/reference/discrepancy-rules.md shows them, from here): the form of its findings'
    ids, which start with a prefix no item id may take (sections.RESERVED_PREFIXES;
    `finding-<kind>-` is free for new kinds), and, in Markdown, its `rule` values and the
    fields of its `reason`."""

    name: str
    marks: bool
    detect: Callable[[Context], list[Detected]]
    rank: int = 100  # sections are in this order, then by name
    ids: str = ""  # e.g. "`gap-<document>-<source>`"
    reason: str = ""  # its rules and reason fields, in Markdown


_KINDS: dict[str, FindingKind] = {}


def register(kind: FindingKind) -> FindingKind:
    """Add a kind (registered again under its name, it replaces the first)."""
    _KINDS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    _KINDS.pop(name, None)


def kinds() -> list[FindingKind]:
    """Every registered kind, by rank (the order of the pages' sections)."""
    _load_all()
    return sorted(_KINDS.values(), key=lambda k: (k.rank, k.name))


def kind(name: str) -> FindingKind | None:
    _load_all()
    return _KINDS.get(name)


_loaded = False


def _load_all() -> None:
    """Import every module of generator/analyze once, so that each registers its kinds."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    package = importlib.import_module("generator.analyze")
    for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        importlib.import_module(f"generator.analyze.{module.name}")
