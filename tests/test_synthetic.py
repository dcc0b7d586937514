"""The benchmarks' synthetic briefing is a valid briefing: the checker accepts it and
`mkdocs build --strict` builds it with the project's settings (at a small size, so fast)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "benchmarks"
FACTS = 200
SECTIONS = {"briefing", "sources", "actors", "places", "issues", "rounds", "facts",
            "documents", "positions", "claims", "discrepancies"}


def load_benchmark_module(name: str) -> ModuleType:
    """Import `benchmarks/<name>.py` (benchmarks is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


synth = load_benchmark_module("synth")
siteconfig = load_benchmark_module("siteconfig")


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A briefings folder holding one synthetic briefing, written by the CLI."""
    root = tmp_path_factory.mktemp("synthetic") / "briefings"
    result = run(str(BENCHMARKS / "synth.py"), "--facts", str(FACTS), "--out", str(root))
    assert result.returncode == 0, result.stderr
    return root


def test_synthetic_briefing_is_deterministic(tmp_path: Path, briefings: Path) -> None:
    again = synth.write_synthetic_briefing(tmp_path, FACTS)
    first = briefings / f"synthetic-{FACTS}"
    names = sorted(p.relative_to(first) for p in first.rglob("*.yaml"))
    assert names == sorted(p.relative_to(again) for p in again.rglob("*.yaml"))
    assert all((first / n).read_bytes() == (again / n).read_bytes() for n in names)


def test_synthetic_briefing_has_every_section_and_the_schema_line(briefings: Path) -> None:
    found: set[str] = set()
    for path in (briefings / f"synthetic-{FACTS}").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema="), path
        found |= set(yaml.load(text, Loader=yaml.CSafeLoader))
    assert found == SECTIONS


def test_synthetic_briefing_passes_the_checker(briefings: Path) -> None:
    result = run("-m", "generator", "check", str(briefings))
    assert result.returncode == 0, result.stdout + result.stderr


def test_synthetic_briefing_builds_with_mkdocs_strict(tmp_path: Path, briefings: Path) -> None:
    config = siteconfig.write_build_config(REPO, tmp_path, briefings)
    result = run("-m", "mkdocs", "build", "--strict", "-f", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    home = tmp_path / "site" / f"synthetic-{FACTS}" / "index.html"
    assert home.exists(), sorted(p.name for p in (tmp_path / "site").iterdir())


def test_the_benchmark_judges_page_size_on_every_row_but_the_2_mb_text() -> None:
    """A page over 1 MB fails on a synthetic or real row; the row with one 2 MB stance
    (a page of 2 MB by construction) is judged on its build time instead."""
    sys.path.insert(0, str(BENCHMARKS))  # run.py imports its sibling scripts
    try:
        bench = load_benchmark_module("run")
    finally:
        sys.path.remove(str(BENCHMARKS))
    plain = {"name": "synthetic-50000", "size": 50_000, "largest_page_mb": 1.2}
    assert bench.judge(plain)["page"]["pass"] is False
    assert bench.judge({**plain, "largest_page_mb": 0.4})["page"]["pass"] is True
    long_text = {"name": "istanbul-2025 + 2 MB text", "size": None,
                 "largest_page_mb": 2.01, "long_text_ratio": 1.9}
    judged = bench.judge(long_text)
    assert judged["page"] is None and judged["long_text"]["pass"] is True
