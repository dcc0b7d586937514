"""Citations on a round page: the tooltip, the jump to the source, and "citing …".

Facts and sources are picked from the briefing's YAML by id; the round page is found by
its heading. Each fact is an item whose first child is an empty <span id="fact-id">, and
its citations are footnote references (sup > a.footnote-ref) in that item.
"""

from __future__ import annotations

import pytest
import yaml

from .support import REPO, Site, assert_landed, item_of

BRIEFING = REPO / "briefings" / "istanbul-2025"


def _load(name: str, key: str) -> dict[str, dict]:
    data = yaml.safe_load((BRIEFING / name).read_text(encoding="utf-8"))
    return {item["id"]: item for item in data[key]}


FACTS = _load("rounds/round-2.yaml", "facts")
SOURCES = _load("sources.yaml", "sources")
ACTORS = _load("actors.yaml", "actors")


def _refs(page, fact_id: str):
    """The footnote references of a fact, in order."""
    item = item_of(page, fact_id)
    refs = item.locator("a.footnote-ref")
    assert refs.count() >= 1, f"fact {fact_id} shows no citation"
    return refs


def _tooltip(page) -> str:
    tip = page.locator(".md-tooltip2--active")
    tip.wait_for(state="visible")
    return " ".join(tip.inner_text().split())


@pytest.fixture
def round_page(page, server, site: Site):
    page.goto(server.url(site.by_h1(r"^Round 2$").path))
    return page


def _single_source_fact(source_id: str) -> dict:
    """A round-2 fact cited by this source only, without via (so the tooltip is simple)."""
    for fact in FACTS.values():
        cites = fact["citations"]
        if len(cites) == 1 and cites[0]["source"] == source_id and "via" not in cites[0]:
            return fact
    raise AssertionError(f"no round-2 fact cites only {source_id}")


def test_hovering_a_citation_shows_its_source(round_page):
    source = SOURCES["cgtn-2025-06-02"]
    fact = _single_source_fact(source["id"])
    _refs(round_page, fact["id"]).first.hover()
    text = _tooltip(round_page)
    assert source["publisher"] in text and source["title"] in text, text
    assert fact["citations"][0]["quote"] in text, f"the quotation is not in the tooltip: {text}"

    round_page.mouse.move(1, 1)  # away from the reference: the tooltip goes
    round_page.locator(".md-tooltip2--active").wait_for(state="detached")


def test_focusing_a_citation_shows_its_source(round_page):
    """Keyboard readers get the same tooltip when the reference takes focus."""
    source = SOURCES["cgtn-2025-06-02"]
    fact = _single_source_fact(source["id"])
    _refs(round_page, fact["id"]).first.focus()
    text = _tooltip(round_page)
    assert source["title"] in text, text

    round_page.evaluate("document.activeElement.blur()")  # focus leaves: the tooltip goes
    round_page.locator(".md-tooltip2--active").wait_for(state="detached")


def test_following_a_citation_lands_on_the_source_entry(round_page, server):
    source = SOURCES["cgtn-2025-06-02"]
    fact = _single_source_fact(source["id"])
    ref = _refs(round_page, fact["id"]).first
    footnote_id = ref.get_attribute("href").split("#", 1)[1]

    ref.click()
    assert_landed(round_page, footnote_id)
    footnote = round_page.locator(f"[id='{footnote_id}']")
    assert source["title"] in footnote.inner_text()

    footnote.locator("a:not(.footnote-backref)").first.click()
    round_page.wait_for_url(f"**/sources/#{source['id']}")
    where = assert_landed(round_page, source["id"])
    assert source["title"] in where["text"], where
    assert round_page.locator("h1").inner_text().strip() == "Sources"


def test_a_footnotes_back_link_says_where_it_leads_and_returns_to_the_text(round_page):
    source = SOURCES["cgtn-2025-06-02"]
    fact = _single_source_fact(source["id"])
    ref = _refs(round_page, fact["id"]).first
    footnote_id = ref.get_attribute("href").split("#", 1)[1]
    ref.click()
    back = round_page.locator(f"[id='{footnote_id}'] a.footnote-backref")
    assert back.get_attribute("title") is None  # not in the page: the script adds it
    back.hover()
    assert back.get_attribute("title") == "Back to the text"
    back.click()
    assert_landed(round_page, back.get_attribute("href").split("#", 1)[1])


VIA_CASES = [
    # (fact id, words the citation must show)
    ("r2-ended", ["citing Interfax"]),
    ("r2-roadmap-to-be-presented",
     ["citing Reuters", "according to a copy of the document seen by Reuters"]),
    ("r2-talks-resumed", ["television footage showed"]),  # a note with no outlet named
]


@pytest.mark.parametrize(("fact_id", "expected"), VIA_CASES, ids=[c[0] for c in VIA_CASES])
def test_citing_via_is_shown(round_page, fact_id: str, expected: list[str]):
    # The cases follow the YAML: fail loudly if the data behind them changes.
    cite = FACTS[fact_id]["citations"][0]
    if "via" in cite:
        assert f"citing {ACTORS[cite['via']]['name']}" in expected
    else:
        assert not any(e.startswith("citing") for e in expected)
    if "via_note" in cite:
        assert cite["via_note"] in expected

    ref = _refs(round_page, fact_id).first
    ref.hover()
    text = _tooltip(round_page)
    for words in expected:
        assert words in text, f"{words!r} is not in the tooltip of {fact_id}: {text!r}"
    if "via" not in cite:
        assert "citing" not in text, text

    # The footnote itself, where the reference leads, says the same.
    footnote_id = ref.get_attribute("href").split("#", 1)[1]
    ref.click()
    assert_landed(round_page, footnote_id)
    footnote = " ".join(round_page.locator(f"[id='{footnote_id}']").inner_text().split())
    for words in expected:
        assert words in footnote, footnote
