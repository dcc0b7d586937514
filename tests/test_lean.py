"""Generated pages convert to the same HTML with the lean inline patterns (generator/lean.py)
as with all of Python-Markdown's: every page of the real, fixture and synthetic briefings,
except by design for the back-links of footnotes cited more than once."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from test_synthetic import synth

from generator.analyze import analyze
from generator.lean import LeanInline, lean
from generator.pipeline import read_briefings
from generator.render import render_briefing
from generator.site import page_links

REPO = Path(__file__).resolve().parents[1]
FOLDERS = {"istanbul": REPO / "briefings", "fixture": REPO / "tests/fixtures/site/briefings",
           "v2": REPO / "tests/fixtures/v2/briefings"}


def converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """The project's Markdown (mkdocs.yml's extensions), with and without the lean patterns."""
    config = load_config(str(REPO / "mkdocs.yml"))
    extensions, configs = list(config.markdown_extensions), dict(config.mdx_configs)
    full = markdown.Markdown(extensions=extensions, extension_configs=configs)
    leaner = markdown.Markdown(extensions=extensions, extension_configs=configs)
    lean(leaner, links=str)  # every link kept as written, as plain Python-Markdown does
    return full, leaner


LATER_REFERENCE = re.compile(r'<sup id="fnref\d+:[^"]*">')
LATER_BACKLINK = re.compile(r'<a class="footnote-backref" href="#fnref\d+:[^"]*"[^>]*>[^<]*</a>')


ITEM_ANCHOR = re.compile(r'<(li|td)><span id="([^"<>]+)"></span>')


def first_backlinks_only(html: str) -> str:
    """Python-Markdown's HTML with a footnote's later references (`fnref2:…`) left without
    an id, and the back-links to them left out, and an item's leading anchor as the item's
    id: what the lean conversion writes."""
    html = ITEM_ANCHOR.sub(r'<\1 id="\2">', html)
    return LATER_BACKLINK.sub("", LATER_REFERENCE.sub("<sup>", html))


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
        assert leaner.reset().convert(body) == first_backlinks_only(
            full.reset().convert(body)), path


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


def test_plain_lists_link_where_mkdocs_links() -> None:
    """The lists PlainLists writes link every item where MkDocs' own link pass would."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import _RelativePathTreeprocessor

    config = load_config(str(REPO / "mkdocs.yml"))
    pages = pages_of(FOLDERS["istanbul"])
    files = Files([File(path, "docs", "site", use_directory_urls=True) for path, _ in pages])
    checked = 0
    for path, text in pages:
        page = files.get_file_from_path(path)
        assert page is not None, path
        theirs = _RelativePathTreeprocessor(page, files, config).path_to_url
        ours = page_links(page, files)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if (url := ours(target)) is not None:
                assert url == theirs(target), (path, target)
                checked += 1
    assert checked > 500


def test_plain_lists_are_taken_only_alone_and_whole() -> None:
    """A plain list is written in one pass; one joined to another list, or with an item
    Python-Markdown must read (a footnote, raw HTML), is left to Python-Markdown."""
    md = markdown.Markdown(extensions=["footnotes", "attr_list", "tables"])
    lean(md, links=lambda target: target.replace(".md", "/"))
    text = "## A\n\n- **1 May** · [Round 1](r.md#x): *agreed* · a &#42; b\n- [Two](t.md)\n"
    assert md.convert(text) == (
        '<h2>A</h2>\n<ul>\n<li><strong>1 May</strong> · <a href="r/#x">Round 1</a>: '
        "<em>agreed</em> · a &#42; b</li>\n<li><a href=\"t/\">Two</a></li>\n</ul>")
    joined = "- [One](o.md)\n\n- [Two](t.md)\n"
    assert 'href="o.md"' in md.reset().convert(joined)  # MkDocs would resolve these
    cited = "- [One](o.md)[^1]\n\n[^1]: A note.\n"
    assert 'href="o.md"' in md.reset().convert(cited)


def test_a_footnote_cited_twice_links_back_to_its_first_citation_only() -> None:
    _, leaner = converters()
    html = leaner.convert("A.[^s] B.[^t] C.[^s]\n\n[^s]: Source S.\n[^t]: Source T.\n")
    assert html.count('<sup id="fnref:s">') == 1 and "fnref2" not in html
    assert html.count('<a class="footnote-ref" href="#fn:s">1</a>') == 2  # both still lead to it
    assert html.count('class="footnote-backref" href="#fnref:s"') == 1
    assert html.count('class="footnote-backref" href="#fnref:t"') == 1


def test_an_items_leading_anchor_becomes_the_items_id() -> None:
    """`- <span id="a"></span>text` is written `<li id="a">text`, a table cell's likewise;
    an anchor further on in the line stays an empty span."""
    _, leaner = converters()
    html = leaner.reset().convert(
        '- <span id="a"></span>one <span id="b"></span>two\n- three\n\n'
        '| x |\n|---|\n| <span id="c"></span>four |\n')
    assert '<li id="a">one <span id="b"></span>two</li>' in html
    assert "<li>three</li>" in html and '<td id="c">four</td>' in html
