"""At 390 px (a phone held upright) the wide pages stay readable.

* the page itself never scrolls sideways (scrollWidth <= innerWidth), and no text of the
  content sticks out of the viewport unless it sits in a container that scrolls;
* every table sits in Material's `.md-typeset__scrollwrap`, inside the viewport, which
  scrolls sideways when the table is wider, far enough to show the last column whole,
  while the first column (what the row is about) stays in view;
* no cell's text is clipped, ellipsised or spilling over its neighbours, or set tiny;
* the facts box of a round page (two columns) fits without scrolling sideways at all;
* all of this on one page of every page type, of the Istanbul briefing and of a synthetic
  briefing large enough to split its lists into pages.
"""

from __future__ import annotations

import pytest

from .conftest import Server
from .support import OVERFLOW_JS, PHONE, TABLES_JS, Site, one_page_per_type

PAGES = {
    "positions matrix": r"^Positions$",
    "round 1": r"^Round 1$",
    "round 2": r"^Round 2$",
    "discrepancies": r"^Discrepancies$",
    "sources": r"^Sources$",
}


def _phone_problems(phone_page, server: Server, path: str) -> list[str]:
    """What makes one page hard to read at 390 px (see the module docstring)."""
    phone_page.goto(server.url(path))
    width = PHONE["width"]
    layout = phone_page.evaluate(OVERFLOW_JS)
    problems = []
    # A mobile browser widens its layout viewport to fit content wider than the screen
    # (and shows the page zoomed out): innerWidth itself then grows past 390.
    if layout["innerWidth"] != width or layout["scrollWidth"] > width:
        problems.append(f"the page is wider than the {width} px phone: {layout}")
    if layout["sticking_out"]:
        problems.append(f"text out of the viewport: {layout['sticking_out']}")
    for t in phone_page.evaluate(TABLES_JS):
        name = f"table {t['index']} ({t['firstHeader'] or t['heading'] or 'untitled'})"
        if not t["wrapped"]:
            problems.append(f"{name}: not in .md-typeset__scrollwrap")
            continue
        if t["wrapOverflowX"] not in ("auto", "scroll"):
            problems.append(f"{name}: its wrapper does not scroll ({t['wrapOverflowX']})")
        if t["wrapLeft"] < -1 or t["wrapRight"] > layout["innerWidth"] + 1:
            problems.append(f"{name}: its wrapper spans {t['wrapLeft']}..{t['wrapRight']} px")
        if not t["lastColumnReachable"]:
            problems.append(f"{name}: scrolling the wrapper does not reveal the last column")
        if not t["firstColumnKept"]:
            problems.append(f"{name}: scrolled to its end, its first column is out of view")
        for kind in ("cut", "spills", "tiny"):
            if t[kind]:
                problems.append(f"{name}: cells {kind}: {t[kind][:5]}")
        if t["heading"] == "facts-box" and t["wrapScrollWidth"] > t["wrapClientWidth"] + 1:
            problems.append(
                f"{name}: the facts box needs sideways scrolling "
                f"({t['wrapScrollWidth']} px in {t['wrapClientWidth']} px)"
            )
    return [f"{path}: {p}" for p in problems]


def test_every_istanbul_page_type_fits_a_phone(phone_page, server, site: Site):
    pages = one_page_per_type(site)
    assert len(pages) >= 12, sorted(pages)  # home, actors, rounds, issues, sources, ...
    problems = [p for built in pages.values()
                for p in _phone_problems(phone_page, server, built.path)]
    assert not problems, "at 390 px:\n" + "\n".join(problems)


def test_every_synthetic_page_type_fits_a_phone(synthetic_phone_page, synthetic_server,
                                                synthetic_site: Site):
    pages = one_page_per_type(synthetic_site)
    assert any("/pages" in t for t in pages), sorted(pages)  # lists split into pages
    problems = [p for built in pages.values()
                for p in _phone_problems(synthetic_phone_page, synthetic_server, built.path)]
    assert not problems, "at 390 px:\n" + "\n".join(problems)


@pytest.mark.parametrize("heading", PAGES.values(), ids=PAGES.keys())
def test_page_with_tables_has_them_wrapped(phone_page, server, site: Site, heading: str):
    """The pages known to hold wide tables do hold tables (the checks above are not void)."""
    built = site.by_h1(heading)
    phone_page.goto(server.url(built.path))
    assert phone_page.evaluate(TABLES_JS), f"{built.path} has no table: the test proves nothing"
    assert not _phone_problems(phone_page, server, built.path)


def test_wide_matrix_scrolls_inside_its_box(phone_page, server, site: Site):
    """The positions matrix is wider than a phone: the reader swipes the table, not the page."""
    built = site.by_h1(PAGES["positions matrix"])
    phone_page.goto(server.url(built.path))
    wrap = phone_page.locator(".md-typeset__scrollwrap").first
    sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    assert sizes[0] > sizes[1], f"the matrix fits in 390 px ({sizes}): nothing to scroll"

    # A swipe (horizontal wheel) over the table scrolls the table and leaves the page still.
    box = wrap.bounding_box()
    phone_page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    phone_page.mouse.wheel(300, 0)
    phone_page.wait_for_function(
        "() => document.querySelector('.md-typeset__scrollwrap').scrollLeft > 0"
    )
    assert phone_page.evaluate("scrollX") == 0
    assert phone_page.evaluate("document.documentElement.scrollWidth <= innerWidth")
