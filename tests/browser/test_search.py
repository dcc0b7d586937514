"""Material's search box, used the way a reader uses it.

Each test clicks the search box, types, waits for the result list and reads its links.
The expected pages come from the built site (found by what they show) and the spellings
from the briefing's YAML, so the tests follow the data rather than hard-coded URLs.

lunr.js does no diacritic folding, knows no transliterations and splits "1,000" at the
comma: the site adds folded forms, other spellings and number forms to the index (the
`briefings` plugin post-processes search_index.json). Without that, `Ciragan`, `1000`
and `Zelenskyy` (on a page that says only "Zelensky") find nothing; these tests fail.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml

from .support import REPO, Site, content_without_footnotes, heading_chain, item_of, search

BRIEFING = REPO / "briefings" / "istanbul-2025"


def _yaml(name: str):
    return yaml.safe_load((BRIEFING / name).read_text(encoding="utf-8"))


def _actor(actor_id: str) -> dict:
    return next(a for a in _yaml("actors.yaml")["actors"] if a["id"] == actor_id)


def _result_paths(server, results) -> list[tuple[str, str]]:
    """(site path, fragment) of every result link, in order."""
    out = []
    for href in results.links:
        parts = urlsplit(href)
        out.append((server.path_of(href), parts.fragment))
    return out


def _open_first_result_for(page, server, results, path: str) -> None:
    """Click the result that leads to `path` (the page itself, not a section)."""
    index = next(i for i, (p, frag) in enumerate(_result_paths(server, results))
                 if p == path and not frag)
    page.locator("a.md-search-result__link").nth(index).click()
    page.wait_for_url(lambda url: server.path_of(url) == path)


def test_surname_finds_the_actor_page(page, server, site: Site):
    medinsky = _actor("vladimir-medinsky")
    actor_page = site.by_h1(rf"^{medinsky['name']}$")
    surname = medinsky["name"].split()[-1]

    page.goto(server.url(""))
    results = search(page, surname)
    paths = _result_paths(server, results)
    assert paths, str(results)
    assert paths[0] == (actor_page.path, ""), (
        f"the actor page {actor_page.path} should be the first result\n{results}"
    )

    _open_first_result_for(page, server, results, actor_page.path)
    assert page.locator("h1").inner_text().strip() == medinsky["name"]


def _ciragan_page(site: Site):
    """The second round's page: it says "Çırağan" and, outside its footnotes, never "Ciragan"."""
    round_page = site.by_h1(r"^Round 2$")
    text = content_without_footnotes(round_page.file)
    assert "Çırağan" in text, "the round page no longer spells Çırağan: pick another page"
    assert "ciragan" not in text.casefold(), (
        "the round page also says Ciragan in its own text: the test would prove nothing"
    )
    return round_page


# Only single words: with "ciragan palace", lunr ORs the terms and "palace" alone finds
# the page, folding or not.
@pytest.mark.parametrize("query", ["Ciragan", "Çırağan"])
def test_place_name_with_or_without_diacritics(page, server, site: Site, query: str):
    round_page = _ciragan_page(site)
    page.goto(server.url(""))
    results = search(page, query)
    assert (round_page.path, "") in _result_paths(server, results), (
        f"{round_page.path} (which says “Çırağan”) is not among the results\n{results}"
    )
    _open_first_result_for(page, server, results, round_page.path)
    assert "Çırağan" in page.locator("article").inner_text()


def _fact_naming(actor_id: str) -> dict:
    """A fact about the actor whose text names him by surname only."""
    facts = _yaml("events.yaml")["facts"]
    return next(f for f in facts if actor_id in f.get("actors", [])
                and f["text"].startswith("Zelensky "))


def test_transliteration_variant_finds_the_person(page, server, site: Site):
    zelensky = _actor("volodymyr-zelensky")
    spelled = zelensky["name"].split()[-1]
    assert spelled == "Zelensky", f"the briefing now spells {spelled!r}: update the variant"
    variant = "Zelenskyy"  # the Ukrainian government's own romanisation
    assert variant in zelensky.get("aliases", []), f"{variant!r} is no longer an alias"

    # His page lists the other spellings ("also written Zelenskyy, …"): it is found by its
    # own text. A page that names him only as "Zelensky" is found through the index alone.
    actor_page = site.by_h1(rf"^{zelensky['name']}$")
    fact = _fact_naming(zelensky["id"])
    fact_page = site.with_id(fact["id"])
    assert variant not in fact_page.text, (
        f"{variant!r} is in {fact_page.path}: the test would prove nothing")

    page.goto(server.url(""))
    results = search(page, variant)
    paths = [p for p, _ in _result_paths(server, results)]
    assert paths and paths[0] == actor_page.path, (
        f"the actor page {actor_page.path} should be the first result\n{results}")
    assert fact_page.path in paths, (
        f"searching {variant!r} does not find {fact_page.path}, which says "
        f"“{fact['text']}”\n{results}")


def _prisoner_fact() -> dict:
    facts = _yaml("rounds/round-1.yaml")["facts"]
    return next(f for f in facts if "1,000" in f["text"])


@pytest.mark.parametrize("query", ["1,000", "1000"])
def test_figure_finds_the_fact(page, server, site: Site, query: str):
    fact = _prisoner_fact()  # "… each side would release 1,000 prisoners of war."
    fact_page = site.with_id(fact["id"])
    sections = heading_chain(fact_page.file, fact["id"])  # e.g. [round-1-first-round, outcomes]

    page.goto(server.url(""))
    results = search(page, query)
    hits = [(p, f) for p, f in _result_paths(server, results) if p == fact_page.path]
    assert any(f in sections[1:] for _, f in hits), (
        f"no result leads to the section of {fact_page.path} holding the fact "
        f"{fact['id']!r} (under #{' > #'.join(sections)})\n{results}"
    )

    # Following the section result shows the fact.
    index = next(i for i, (p, f) in enumerate(_result_paths(server, results))
                 if p == fact_page.path and f in sections[1:])
    link = page.locator("a.md-search-result__link").nth(index)
    if not link.is_visible():  # folded under "N more on this page"
        link.locator("xpath=ancestor::details[1]/summary").click()
    link.click()
    page.wait_for_url(lambda url: server.path_of(url) == fact_page.path)
    fact_item = item_of(page, fact["id"])
    assert fact["text"].rstrip(".") in " ".join(fact_item.inner_text().split())
