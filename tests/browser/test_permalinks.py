"""Citing: every fact has a permalink a reader can copy, and every page a "cite this" text.

* each fact of a round page ends with a "#" link to its own anchor (the fact's id); a
  click copies the fact's full address to the clipboard;
* "Cite this page" names the site, the briefing, the page, the last-reviewed date and the
  address the reader is at, fact anchor included.
"""

from __future__ import annotations

from .support import Site


def test_every_fact_has_a_permalink_to_its_id(page, server, site: Site):
    built = site.by_h1(r"^Round 2$")
    page.goto(server.url(built.path))
    facts = page.evaluate(
        """() => [...document.querySelectorAll('.md-content li[id]:not([id^="fn:"])')].map(li =>
               [li.id, li.querySelector(':scope > a.bf-link')?.getAttribute('href')])"""
    )
    assert len(facts) >= 10, facts
    missing = [fid for fid, href in facts if href != f"#{fid}"]
    assert not missing, f"facts without a permalink to their id: {missing}"


def test_permalink_click_copies_the_fact_address(page, server, site: Site):
    built = site.by_h1(r"^Round 2$")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=server.base_url.rstrip("/"))
    page.goto(server.url(built.path))
    fact = page.locator('.md-content li[id]:not([id^="fn:"])').first.get_attribute("id")
    link = page.locator(f'a.bf-link[href="#{fact}"]')
    assert link.get_attribute("title") is None  # not in the page: added on the way
    assert link.get_attribute("aria-label") == "Link to this fact"
    link.hover()
    assert link.get_attribute("title") == "Copy the link to this fact"  # says what a click does
    link.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == server.url(built.path) + f"#{fact}"
    assert page.evaluate("location.hash") == f"#{fact}"
    assert "link copied" in link.evaluate("a => getComputedStyle(a, '::after').content")
    assert link.get_attribute("aria-label") == "Link copied"
    page.wait_for_function(  # then its own label again
        f"document.querySelector('a.bf-link[href=\"#{fact}\"]').getAttribute('aria-label')"
        " === 'Link to this fact'", timeout=5000)


def test_cite_this_names_site_briefing_page_date_and_address(page, server, site: Site):
    built = site.by_h1(r"^Round 2$")
    fact = sorted(i for i in built.ids if i.startswith("r2-"))[0]
    page.goto(server.url(built.path) + f"#{fact}")
    page.locator(".bf-cite summary").click()
    text = " ".join(page.locator(".bf-cite").inner_text().split())
    home = " ".join(site.by_h1(r"Istanbul").text.split())
    reviewed = home.split("Last reviewed: ", 1)[1].split(".")[0]
    for part in ("Briefings,", "Round 2", "Istanbul 2025", f"last reviewed {reviewed}",
                 server.url(built.path) + f"#{fact}"):
        assert part in text, f"{part!r} not in the citation: {text}"
