"""The timeline: one chronological page opened by a chart drawn at build time.

* the Istanbul timeline is one page (no month pages below the size threshold), opened by
  an inline SVG chart with a title, a description and a visible caption (its text
  alternative) naming the rounds, present without JavaScript;
* the chart's text and marks stand out from the page in the light and the dark scheme;
* at 390 px the chart keeps its drawn size (it scrolls sideways, the page does not), so
  its labels stay at 12 px;
* entries are whole sentences, never cut with "…";
* a large briefing (the synthetic one) keeps month pages, with the chart on the index.
"""

from __future__ import annotations

import pytest
from built_html import read_html

from .support import PHONE, Site

CONTRAST_JS = """
() => {
    const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
    const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05); };
    let bg = 'rgba(0, 0, 0, 0)';
    for (let e = document.querySelector('.bf-chart'); e; e = e.parentElement) {
        bg = getComputedStyle(e).backgroundColor;
        if (!/rgba\\(.*, 0\\)$/.test(bg) && bg !== 'transparent') break;
    }
    if (/rgba\\(.*, 0\\)$/.test(bg)) bg = getComputedStyle(document.body).backgroundColor;
    const svg = document.querySelector('.bf-chart svg');
    const fill = sel => getComputedStyle(svg.querySelector(sel)).fill;
    return {bg, text: ratio(fill('text'), bg), bar: ratio(fill('.bf-chart__bar'), bg),
            round: ratio(fill('.bf-chart__round'), bg)};
}
"""


def _timeline(site: Site):
    return site.by_h1(r"^Timeline$")


def test_timeline_is_one_page_opened_by_a_chart_with_a_text_alternative(page, server,
                                                                         site: Site):
    built = _timeline(site)
    assert not [p for p in site.pages if "/timeline/" in p and p != built.path
                and not p.endswith(".html")], "month pages below the size threshold"
    page.goto(server.url(built.path))
    first = page.locator("article .bf-chart")
    assert first.count() == 1
    svg = first.locator("svg")
    assert svg.get_attribute("role") == "img"
    label_ids = svg.get_attribute("aria-labelledby").split()
    texts = [" ".join(page.locator(f"#{i}").text_content().split()) for i in label_ids]
    caption = " ".join(first.locator("figcaption").inner_text().split())
    for words in ("Round 1", "Round 2", "dated events"):
        assert words in texts[1] and words in caption, (texts, caption)
    # the chart comes before the entries it summarises
    assert page.evaluate("""() => { const c = document.querySelector('.bf-chart');
        const li = document.querySelector('article li');
        return !!(c.compareDocumentPosition(li) & Node.DOCUMENT_POSITION_FOLLOWING); }""")


def test_timeline_chart_needs_no_javascript(browser, server, site: Site):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(server.url(_timeline(site).path))
        assert pg.locator(".bf-chart svg .bf-chart__round").count() == 2
        assert pg.locator(".bf-chart svg .bf-chart__bar").count() >= 3
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_timeline_chart_reads_in_both_colour_schemes(browser, server, site: Site,
                                                      scheme: str):
    context = browser.new_context(color_scheme=scheme)
    try:
        pg = context.new_page()
        pg.goto(server.url(_timeline(site).path))
        palette = pg.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == ("slate" if scheme == "dark" else "default")
        c = pg.evaluate(CONTRAST_JS)
        assert c["text"] >= 4.5 and c["bar"] >= 3 and c["round"] >= 3, c
    finally:
        context.close()


def test_timeline_chart_is_legible_on_a_phone(phone_page, server, site: Site):
    phone_page.goto(server.url(_timeline(site).path))
    sizes = phone_page.evaluate("""() => {
        const svg = document.querySelector('.bf-chart svg');
        return {drawn: svg.getBoundingClientRect().width, width: +svg.getAttribute('width'),
                font: parseFloat(getComputedStyle(svg.querySelector('text')).fontSize),
                page: document.documentElement.scrollWidth}; }""")
    assert abs(sizes["drawn"] - sizes["width"]) < 1 and sizes["font"] >= 12, sizes
    assert sizes["page"] <= PHONE["width"], sizes


def test_timeline_entries_are_whole_sentences(site: Site):
    text = _timeline(site).text
    assert "…" not in text, text[text.index("…") - 80: text.index("…") + 5]


def test_large_timeline_keeps_month_pages_and_the_chart(synthetic_site: Site):
    index = synthetic_site.by_h1(r"^Timeline$")
    months = [p for p in synthetic_site.pages if p.startswith(index.path) and p != index.path]
    assert len(months) > 10, months
    html = read_html(index.file)
    assert 'class="bf-chart"' in html and 'role="img"' in html
    assert html.count('class="bf-chart__bar"') <= 61  # bounded: at most 60 columns
