"""Generated pages convert to the same HTML with the lean inline patterns (generator/lean.py)
as with all of Python-Markdown's: every page of the real, fixture and synthetic briefings."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from test_synthetic import synth

from generator.analyze import analyze
from generator.lean import LeanInline, lean
from generator.pipeline import read_briefings
from generator.render import render_briefing

REPO = Path(__file__).resolve().parents[1]
FOLDERS = {"istanbul": REPO / "briefings", "fixture": REPO / "tests/fixtures/site/briefings",
           "v2": REPO / "tests/fixtures/v2/briefings"}


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """The project's Markdown (mkdocs.yml's extensions), with and without the lean patterns."""
    config = load_config(str(REPO / "mkdocs.yml"))
    extensions, configs = list(config.markdown_extensions), dict(config.mdx_configs)
    full = markdown.Markdown(extensions=extensions, extension_configs=configs)
    leaner = markdown.Markdown(extensions=extensions, extension_configs=configs)
    lean(leaner)
    return full, leaner


def pages_of(folder: Path) -> list[tuple[str, str]]:
    reading = read_briefings(folder)
    reading.raise_for_problems()
    return [(page.path, page.content) for b in reading.briefings
            for page in render_briefing(b, analyze(b))
            if page.path.endswith(".md") and isinstance(page.content, str)]


@pytest.mark.parametrize("name", [*FOLDERS, "synthetic"])
def test_generated_pages_convert_alike_without_the_unused_patterns(
        name: str, tmp_path: Path) -> None:
    folder = FOLDERS.get(name) or synth.write_synthetic_briefing(tmp_path, 300).parent
    full, leaner = converters()
    pages = pages_of(folder)
    assert pages
    for path, text in pages:
        body = text.split("---", 2)[2] if text.startswith("---") else text
        assert leaner.reset().convert(body) == full.reset().convert(body), path


def test_hand_written_markdown_keeps_every_pattern() -> None:
    extension = LeanInline()
    text = "`code` and <https://example.org> and ![x](y.png) and _em_"
    assert "<code>" in markdown.markdown(text, extensions=[extension])
    extension.active = True
    assert "<code>" not in markdown.markdown(text, extensions=[extension])


def test_hand_written_markdown_inside_html_stays_with_md_in_html_only() -> None:
    text = '<div class="x" markdown>\n*em*\n</div>'
    extension = LeanInline()
    assert "<em>" in markdown.markdown(text, extensions=["md_in_html", extension])
    extension.active = True
    assert "<em>" not in markdown.markdown(text, extensions=["md_in_html", extension])
