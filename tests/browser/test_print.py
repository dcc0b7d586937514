"""Printing: what a reader gets from the browser's Print (A4), read back from the PDF.

* the round 2 page of the Istanbul briefing fits on at most 4 A4 pages, and the one-page
  brief on one or two, holding its summary, key figures, latest round and discrepancies;
  so does the brief of the synthetic briefing, which shows the first of its many outcomes
  and discrepancies and counts the rest;
* no page type prints a blank page (every PDF page has text);
* a printout carries the page's address and the briefing's last-reviewed date, and no
  navigation chrome (header, tabs, side navigation, footer);
* footnotes are printed small, in two columns.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from generator.view.home import BRIEF_FINDINGS

from .support import Site, one_page_per_type

CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-search, .md-content__button"


def printed(page, url: str) -> list[str]:
    """The text of every A4 page the browser prints for `url`."""
    page.goto(url)
    data = page.pdf(format="A4", print_background=False)
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages]


def test_round_2_prints_to_at_most_four_pages(page, server, site: Site):
    built = site.by_h1(r"^Round 2$")
    pages = printed(page, server.url(built.path))
    assert len(pages) <= 4, f"{built.path} prints to {len(pages)} A4 pages"
    text = " ".join(pages)
    assert "What happened" in text and "Documents exchanged" in text  # nothing left out


def test_brief_prints_to_one_or_two_pages_with_what_a_reader_needs(page, server, site: Site):
    built = site.by_h1(r"^One-page brief$")
    pages = printed(page, server.url(built.path))
    assert 1 <= len(pages) <= 2, f"the brief prints to {len(pages)} A4 pages"
    text = " ".join(" ".join(pages).split())
    for heading in ("Key figures", "Latest round: Round 2", "Open discrepancies"):
        assert heading in text, f"{heading!r} missing from the printed brief"
    assert "largest prisoner exchange" in text  # the briefing's summary
    assert "Medinsky said Russia had received" in text  # the open discrepancy


def test_a_large_briefings_brief_still_prints_to_one_or_two_pages(synthetic_page, synthetic_server,
                                                                 synthetic_site: Site):
    built = synthetic_site.by_h1(r"^One-page brief$")
    pages = printed(synthetic_page, synthetic_server.url(built.path))
    assert 1 <= len(pages) <= 2, f"the synthetic brief prints to {len(pages)} A4 pages"
    text = " ".join(" ".join(pages).split())
    for heading in ("Key figures", "Latest round: Round", "Outcomes", "Open discrepancies"):
        assert heading in text, f"{heading!r} missing from the printed brief"
    assert re.search(r"And \d+ more on the page of Round \d+", text), text[-1500:]
    assert re.search(rf"The {BRIEF_FINDINGS} most recently reported of [\d,]+ open", text)


def test_no_page_type_prints_a_blank_page(page, server, site: Site):
    blank = {}
    for kind, built in one_page_per_type(site).items():
        pages = printed(page, server.url(built.path))
        empty = [n for n, text in enumerate(pages, 1) if not text.strip()]
        if empty:
            blank[f"{kind} ({built.path})"] = f"blank page(s) {empty} of {len(pages)}"
    assert not blank, blank


def test_printout_carries_address_and_review_date_and_no_chrome(page, server, site: Site):
    built = site.by_h1(r"^Round 2$")
    pages = printed(page, server.url(built.path))
    first = " ".join(pages[0].split())
    assert server.url(built.path) in first.replace(" ", ""), first[:300]
    home = " ".join(site.by_h1(r"Istanbul").text.split())
    reviewed = home.split("Last reviewed: ", 1)[1].split(".")[0]  # as the home page says
    assert f"last reviewed {reviewed}" in first, first[:300]
    page.emulate_media(media="print")
    shown = page.evaluate(
        """sel => [...document.querySelectorAll(sel)]
                   .filter(e => e.getBoundingClientRect().height > 0)
                   .map(e => e.className)""",
        CHROME,
    )
    assert not shown, f"navigation chrome on the printout: {shown}"


def test_footnotes_print_small_in_two_columns(page, server, site: Site):
    built = site.by_h1(r"^Round 2$")
    page.goto(server.url(built.path))
    page.emulate_media(media="print")
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('.footnote'));
                   return [s.columnCount, parseFloat(s.fontSize)]; }"""
    )
    assert style[0] == "2" and style[1] <= 10, style  # 7 pt = 9.3 px
