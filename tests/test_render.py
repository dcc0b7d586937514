"""The render stage on its own (no MkDocs): escaping, dates, links, the page plan, paging."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import markdown
import pytest

from generator.analyze import analyze
from generator.layout import chunks, relative, url_between
from generator.markup import (
    escape_markdown,
    excerpt,
    format_value,
    format_when,
    front_matter,
    safe_url,
)
from generator.model import Actor, Analysis, Briefing, Citation, ClaimValue, Fact, Origin, When
from generator.pages import LIST_SIZE, PageClash
from generator.pipeline import read_briefings
from generator.render import Renderer, footnote_label, render_briefing
from generator.when import parse_when

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "site" / "briefings"
SLUG = "lakeside-talks"
EXTENSIONS = ["admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details"]
NASTY = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "![img](http://x/y.png)",
    "*emphasis* and __strong__ and `code`",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "1995. not a list, (nor) a link: - + ! .",
    "12. not a list with two digits",
    "> not a quote",
    "{: #not-an-attribute }",
    "text[^1] with a footnote reference",
    "a | table | pipe",
    "&lt;already an entity&gt; &amp; a bare & ampersand",
    "<https://autolink.example>",
    "=== not a setext underline",
    "!!! note \"not an admonition\"",
    "back\\slash and ~~tilde~~ and ^caret^",
]


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    reading = read_briefings(FIXTURE)
    reading.raise_for_problems()
    return reading.briefings[0]


def when(text: str) -> When:
    """A `When` the way the loader makes it."""
    return parse_when(text)


# ---------------------------------------------------------------------- escaping


@pytest.mark.parametrize("text", NASTY)
def test_escaped_text_renders_exactly_as_typed(text: str) -> None:
    for template in ("{}", "- {} [^9]\n\n[^9]: note", "| a |\n|---|\n| {} |"):
        source = template.format(escape_markdown(text))
        rendered = markdown.markdown(source, extensions=EXTENSIONS)
        assert "<script" not in rendered  # "javascript:" may stay, as text, not as a link:
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", rendered, re.I)
        assert "<a " not in rendered.replace('<a class="footnote', "").replace(
            '<a href="#fnref', ""), rendered
        assert "<img" not in rendered and "<em>" not in rendered and "<code>" not in rendered
        assert text in html.unescape(re.sub(r"<[^>]+>", "", rendered))


def test_escape_collapses_whitespace_and_drops_control_characters() -> None:
    assert escape_markdown("a\n\n  b\tc") == "a b c"
    assert escape_markdown("x\x02y\x03z") == "xyz"  # Python-Markdown's own placeholders
    assert escape_markdown(None) == ""


def test_every_template_value_is_escaped_without_a_filter() -> None:
    env = Renderer().env
    out = env.from_string("{{ a }} {{ b|join(', ') }} {{ c|excerpt(40) }}").render(
        a="<b>", b=["[x](y)", "*z*"], c="_u_")
    assert out == "&#60;b&#62; &#91;x&#93;(y), &#42;z&#42; &#95;u&#95;"


def test_front_matter_title_is_html_escaped_yaml() -> None:
    expected = '"A &quot;b&quot; &lt;/title&gt;&lt;script&gt;"'
    assert front_matter('A "b" </title><script>') == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://a.example/x?y=1&z=(2)", "https://a.example/x?y=1&z=%282%29"),
    ("http://a.example/<b>", "http://a.example/%3Cb%3E"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    ("data:text/html,x", None),
    ("//a.example/x", None),
    ("unknown", None),
    ("https:///nohost", None),
])
def test_only_http_urls_become_links(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


# ---------------------------------------------------------------------- dates


@pytest.mark.parametrize(("text", "reported", "expected"), [
    ("2025", None, "2025"),
    ("2025-06", None, "June 2025"),
    ("2025-06-02", None, "2 June 2025"),
    ("2025-06-02T13:00+03:00", None, "2 June 2025, 13:00 UTC+3"),
    ("2025-06-02T10:00Z", None, "2 June 2025, 10:00 UTC"),
    ("2025-05-31/2025-06-01", "over the weekend",
     "31 May–1 June 2025 (reported as “over the weekend”)"),
    ("2025-06-01/2025-06-02", None, "1–2 June 2025"),
    ("2025-05/2025-06", None, "May–June 2025"),
    ("2024-12-31/2025-01-01", None, "31 December 2024–1 January 2025"),
])
def test_dates_keep_the_precision_of_the_source(text: str, reported: str | None,
                                                expected: str) -> None:
    assert format_when(when(text), reported) == expected


def test_claim_values_read_as_words() -> None:
    assert format_value(ClaimValue("duration", "a-little-over", amount=60)) == "a little over 1 h"
    assert format_value(ClaimValue("duration", amount=90)) == "1 h 30 min"
    assert format_value(ClaimValue("count", "over", amount=40)) == "over 40"
    assert format_value(ClaimValue("count", "between", amount=10, upper=20)) == "between 10 and 20"
    assert format_value(ClaimValue("quantity", amount=2.5, unit="km")) == "2.5 km"
    assert format_value(ClaimValue("date", when=when("2025-06-01"), weekday="sunday")) == (
        "1 June 2025 (Sunday)")


def test_excerpt_cuts_at_a_word() -> None:
    assert excerpt("one two three four", 9) == "one two…"
    assert excerpt("short", 9) == "short"


# ---------------------------------------------------------------------- links and paging


def test_relative_links_between_pages() -> None:
    assert relative("s/actors/x.md", "s/rounds/r.md") == "../rounds/r.md"
    assert relative("s/index.md", "s/actors/index.md") == "actors/index.md"
    assert relative("index.md", "s/index.md") == "s/index.md"
    assert url_between("s/actors/x.md", "s/rounds/r.md") == "../../rounds/r/"
    assert url_between("s/actors/x.md", "s/actors/index.md") == "../"
    assert url_between("s/rounds/r.md", "s/rounds/r.md") == "./"
    assert url_between("s/actors/x.md", "s/rounds/r.md", directory_urls=False) == (
        "../rounds/r.html")


def test_long_lists_are_split_into_pages() -> None:
    parts = chunks(list(range(450)), "s/actors/x.md", 200)
    assert [p.path for p in parts] == ["s/actors/x.md", "s/actors/x/pages/2.md",
                                       "s/actors/x/pages/3.md"]
    assert [len(p.items) for p in parts] == [200, 200, 50]
    assert chunks([], "s/discrepancies/index.md", 50)[0].paths == ["s/discrepancies/index.md"]
    assert chunks(list(range(60)), "s/discrepancies/index.md", 50)[1].path == (
        "s/discrepancies/pages/2.md")


# ---------------------------------------------------------------------- the pages


def test_a_page_per_actor_round_issue_and_the_index_pages(briefing: Briefing) -> None:
    paths = {p.path for p in render_briefing(briefing, analyze(briefing))}
    expected = {f"{SLUG}/{p}" for p in (
        "index.md", "actors/index.md", "rounds/index.md", "issues/index.md",
        "discrepancies/index.md", "sources/index.md", "timeline/index.md", "places.md",
        "documents.md", "export.json.gz")}
    expected |= {f"{SLUG}/actors/{a}.md" for a in briefing.actors}
    expected |= {f"{SLUG}/rounds/{r}.md" for r in briefing.rounds}
    expected |= {f"{SLUG}/issues/{i}.md" for i in briefing.issues}
    assert expected <= paths


def test_pages_are_sorted_and_rendering_is_deterministic(briefing: Briefing) -> None:
    first = render_briefing(briefing, analyze(briefing))
    assert [p.path for p in first] == sorted(p.path for p in first)
    assert first == render_briefing(briefing, analyze(briefing))


def test_each_page_names_the_yaml_it_came_from(briefing: Briefing) -> None:
    pages = {p.path: p for p in render_briefing(briefing, analyze(briefing))}
    assert pages[f"{SLUG}/rounds/round-2.md"].source_file == (
        "briefings/lakeside-talks/rounds/round-2.yaml")
    assert pages[f"{SLUG}/actors/lake-radio.md"].source_file == (
        "briefings/lakeside-talks/actors.yaml")


def test_edit_base_adds_a_link_to_the_yaml(briefing: Briefing) -> None:
    base = "https://github.com/example/briefings/edit/main/"
    pages = {p.path: p for p in render_briefing(briefing, analyze(briefing), base)}
    assert f"({base}briefings/lakeside-talks/rounds/round-2.yaml)" in pages[
        f"{SLUG}/rounds/round-2.md"].content


def test_every_id_is_anchored_once_on_its_home_page(briefing: Briefing) -> None:
    pages = render_briefing(briefing, analyze(briefing))
    anchors: dict[str, list[str]] = {}
    for page in (p for p in pages if p.path.endswith(".md")):
        for anchor in re.findall(r'<span id="([^"]+)"></span>|\{ #([^ }]+) \}', page.content):
            anchors.setdefault(anchor[0] or anchor[1], []).append(page.path)
    ids = [*briefing.facts, *briefing.claims, *briefing.positions, *briefing.documents,
           *briefing.places, *briefing.sources, *briefing.discrepancies,
           *(item.id for d in briefing.documents.values() for item in d.items),
           *(label.id for a in briefing.actors.values() for label in a.labels)]
    for item_id in ids:
        assert len(anchors.get(item_id, [])) == 1, (item_id, anchors.get(item_id))


def test_a_citation_repeated_on_a_page_keeps_one_footnote(briefing: Briefing) -> None:
    pages = {p.path: p for p in render_briefing(briefing, analyze(briefing))}
    content = pages[f"{SLUG}/rounds/round-2.md"].content
    definitions = re.findall(r"^\[\^([^\]]+)\]: ", content, re.M)
    assert len(definitions) == len(set(definitions))
    # the wire report, cited by several facts without a locator, keeps one label
    label = footnote_label(Citation(source="wire-2025-06-02"))
    assert re.fullmatch(r"[a-z2-7]{6}", label)
    assert content.count(f"[^{label}]") > 2
    texts = re.findall(r"^\[\^[^\]]+\]: (.*)$", content, re.M)
    assert len(texts) == len(set(texts))


def test_a_footnote_label_is_the_citations_own(briefing: Briefing) -> None:
    """A link to a footnote survives facts added before it: the label depends on the
    citation alone; a different locator or quote makes a different label."""
    wire = Citation(source="wire-2025-06-02", locator="paragraph 2", quote="three hours")
    assert footnote_label(wire) == footnote_label(dataclasses.replace(wire))
    assert footnote_label(wire) != footnote_label(dataclasses.replace(wire, locator="paragraph 3"))
    assert footnote_label(wire) != footnote_label(dataclasses.replace(wire, quote="two hours"))
    assert footnote_label(wire) != footnote_label(dataclasses.replace(wire, source="other"))


def test_a_recorded_discrepancy_is_one_finding_of_the_analysis(briefing: Briefing) -> None:
    """The analysis turns an editor's record into a finding, once; rendering adds none."""
    pages = {p.path: p for p in render_briefing(briefing, analyze(briefing))}
    content = pages[f"{SLUG}/discrepancies/index.md"].content
    assert content.count("the wire says three hours") == 1
    assert "{ #round-2-length }" in content or 'id="round-2-length"' in content
    assert "discrepancies/index.md#" in pages[f"{SLUG}/rounds/round-2.md"].content  # marker


def test_many_facts_about_one_actor_fill_several_pages(briefing: Briefing) -> None:
    big = dataclasses.replace(briefing, facts=dict(briefing.facts))
    template = briefing.facts["r2-opened-by-yilmaz"]
    for n in range(LIST_SIZE * 2 + 10):
        fact = dataclasses.replace(template, id=f"extra-{n:04d}", round=None,
                                   when=when("2025-06-02"), origin=Origin("x.yaml", n))
        big.facts[fact.id] = fact
    pages = {p.path: p for p in render_briefing(big, analyze(big))}
    base = f"{SLUG}/actors/ayse-yilmaz"
    assert {f"{base}/pages/2.md", f"{base}/pages/3.md"} <= set(pages)
    listed = "".join(pages[p].content for p in (f"{base}.md", f"{base}/pages/2.md",
                                                f"{base}/pages/3.md"))
    for n in range(LIST_SIZE * 2 + 10):
        assert f"#extra-{n:04d}" in listed
    assert "search:\n  exclude: true" in pages[f"{base}/pages/2.md"].content
    timeline = [p for p in pages if p.startswith(f"{SLUG}/timeline/2025-06")]
    assert len(timeline) == 3  # June 2025 holds more entries than a page


def test_long_indexes_are_split_too(briefing: Briefing) -> None:
    from generator import pages as layout

    sources, cells = layout.SOURCES_SIZE, layout.MATRIX_CELLS
    layout.SOURCES_SIZE = layout.MATRIX_CELLS = 1  # one issue per page, however many parties
    try:
        paths = {p.path: p for p in render_briefing(briefing, analyze(briefing))}
    finally:
        layout.SOURCES_SIZE, layout.MATRIX_CELLS = sources, cells
    assert f"{SLUG}/sources/pages/2.md" in paths and f"{SLUG}/issues/pages/2.md" in paths
    matrix = [p for p in paths if p.startswith(f"{SLUG}/issues/pages/")] + [
        f"{SLUG}/issues/index.md"]
    assert len(matrix) == len(briefing.issues)
    second = paths[f"{SLUG}/sources/pages/2.md"].content
    assert '<span id="wire-2025-06-02"></span>' in second
    assert "sources/pages/2.md#wire-2025-06-02" in paths[f"{SLUG}/rounds/round-2.md"].content


def test_an_id_that_is_a_page_name_is_refused(briefing: Briefing) -> None:
    clash = dataclasses.replace(briefing, actors=dict(briefing.actors))
    clash.actors["index"] = Actor(id="index", name="Index", kind="person",
                                  origin=Origin("x.yaml", 1))
    with pytest.raises(PageClash, match=r"actors/index\.md"):
        render_briefing(clash, Analysis())


def test_facts_without_a_round_live_on_the_timeline(briefing: Briefing) -> None:
    pages = {p.path: p for p in render_briefing(briefing, analyze(briefing))}
    # a small briefing's timeline is one page, undated facts at its end
    timeline = pages[f"{SLUG}/timeline/index.md"].content
    assert '<span id="weekend-storm"></span>' in timeline
    assert '<span id="old-dispute"></span>' in timeline.split("## Undated facts", 1)[1]
    assert not [p for p in pages if p.startswith(f"{SLUG}/timeline/") and "index" not in p]
    assert isinstance(briefing.facts["old-dispute"], Fact)


def test_key_figures_of_a_large_briefing_read_with_thousands_separated(
        tmp_path: Path) -> None:
    """The home page's figures go through `wording.number`, as the brief's counts do:
    "1,000 facts", never "1000"."""
    from test_synthetic import synth

    from generator.pipeline import read_briefings

    reading = read_briefings(synth.write_synthetic_briefing(tmp_path, 1000).parent)
    reading.raise_for_problems()
    briefing = reading.briefings[0]
    home = next(p.content for p in render_briefing(briefing, analyze(briefing))
                if p.path == f"{briefing.slug}/index.md")
    facts = re.search(r"\| Facts recorded \| ([\d,]+), from ([\d,]+) source", home)
    assert facts is not None, home
    assert facts[1] == "1,000" and facts[2] == f"{len(briefing.sources):,}"


def test_other_pages_that_mention_an_actor_are_those_its_page_links_nowhere_else(
        briefing: Briefing) -> None:
    """An actor's "Other pages that mention" section lists each page naming the actor that
    the rest of the actor's page does not already link to."""
    pages = {p.path: p for p in render_briefing(briefing, analyze(briefing))}
    checked = 0
    for path, page in pages.items():
        if "/actors/" not in path or "{ #see-mentions }" not in page.content:
            continue
        head, mentions = page.content.split("{ #see-mentions }")
        mentions = mentions.split("\n\n[^")[0]
        listed = re.findall(r"^- \[[^\]]*\]\(([^)#]*)\)$", mentions, re.M)
        elsewhere = set(re.findall(r"\]\(([^)#]*)[)#]", head))
        assert listed and not set(listed) & elsewhere, path
        checked += 1
    assert checked
    ayse = pages[f"{SLUG}/actors/ayse-yilmaz.md"].content
    assert "[Round 2](../rounds/round-2.md)" in ayse.split("{ #see-mentions }")[0]
    assert "- [Lakeside talks" in ayse.split("{ #see-mentions }")[1]
