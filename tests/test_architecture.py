"""ARCHITECTURE.md stays true: every module and template it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMED = re.compile(r"[\w/.-]*\w\.(?:py|md\.j2)\b")


def _exists(name: str) -> bool:
    """A path from the repository root, or below generator/ or one of its packages."""
    return any((base / name).exists() for base in (ROOT, ROOT / "generator",
                                                  ROOT / "generator" / "analyze",
                                                  ROOT / "generator" / "view",
                                                  ROOT / "generator" / "templates"))


def test_every_module_architecture_names_exists() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = sorted({n for n in NAMED.findall(text) if "<" not in n})
    assert len(named) > 30, "the pattern no longer finds the modules"
    assert [n for n in named if not _exists(n)] == []
