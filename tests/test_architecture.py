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


def test_every_page_template_names_the_context_object_it_reads(monkeypatch) -> None:
    """A newcomer opening a page template learns from its first comment which class in
    generator/view/ gives it `ctx`: every planned page names one, and its template says
    which (so the comment cannot drift from the code). Small page sizes make the sample
    briefing use every page template (continued lists, the timeline's index...)."""
    from generator import pages
    from generator.analyze import analyze
    from generator.pages import Plan
    from generator.pipeline import read_briefings
    from generator.view import BriefingView

    for size in ("LIST_SIZE", "TIMELINE_SIZE", "FINDINGS_SIZE", "SOURCE_PART_SIZE"):
        monkeypatch.setattr(pages, size, 2)

    reading = read_briefings(ROOT / "briefings", cwd=ROOT)
    assert reading.briefings and not reading.problems
    seen: dict[str, str] = {}
    for briefing in reading.briefings:
        plan = Plan(BriefingView(briefing, analyze(briefing)), [])
        for spec in plan.specs:
            assert spec.view is not None, f"{spec.path} ({spec.template}) has no context class"
            module = spec.view.__module__.replace(".", "/") + ".py"
            seen[spec.template] = f"ctx: {module}, {spec.view.__name__}"
    templates = ROOT / "generator" / "templates"
    page_types = {p.name for p in templates.glob("*.md.j2")
                  if p.read_text(encoding="utf-8").startswith('{% extends "_page.md.j2" %}')}
    assert set(seen) == page_types
    for template, named in sorted(seen.items()):
        head = (templates / template).read_text(encoding="utf-8")[:300]
        assert named in head, f"{template} should say {named!r} in its first comment"
