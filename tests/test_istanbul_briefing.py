"""Provenance of the istanbul-2025 briefing, checked against the two source articles.

For each article there is a hand-kept list of the ids of the items taken from it (facts,
positions, claims, documents and their items, labels, places, rounds). The test reads the
YAML files with plain ``yaml.safe_load`` (not the generator, whose internals change) and
checks that

* every listed id exists and cites that article, and every item cites exactly the articles
  whose lists name it (so the lists stay complete and a new citation must be listed);
* every quote in any citation (roles and memberships included) has at most 20 words and
  occurs word for word (whitespace normalised) in the article's text, not in page furniture.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BRIEFING = REPO / "briefings" / "istanbul-2025"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

CGTN = "cgtn-2025-06-02"
REPORT = "unnamed-publisher-report"

SEED_FILES = {
    CGTN: "000_c0741157f515660f.txt",
    REPORT: "003_02f9d3511408e456.txt",
}

# The CGTN page starts with a cookie banner and ends with a "Search Trends" box: the
# report's text runs from its headline to just before that box.
CONTENT_BOUNDS = {
    CGTN: ("Ukraine, Russia resume peace talks in Istanbul", "Search Trends"),
}

MAX_QUOTE_WORDS = 20

# Items taken from CGTN, "Ukraine, Russia resume peace talks in Istanbul" (2 June 2025).
FROM_CGTN = [
    # actors.yaml: labels
    "ria-label-russias-news-agency",
    # places.yaml
    "ciragan-palace",
    "istanbul-european-side",
    "istanbul",
    "siberia",
    # rounds/round-1.yaml
    "round-1",
    "r1-prisoner-exchange",
    "r1-no-breakthrough",
    "r1-opening-positions",
    "r1-date-cgtn",
    "r1-swap-rank-cgtn",
    # rounds/round-2.yaml
    "round-2",
    "r2-delegations-arrive",
    "r2-talks-resumed",
    "r2-opened-by-fidan",
    "r2-roadmap-to-be-presented",
    "r2-medinsky-meetings-expected",
    "medinsky-memorandum-received",
    "medinsky-kremlin-to-respond",
    "r2-date-cgtn",
    "memo-received-date-cgtn",
    "ukraine-roadmap",
    "roadmap-front-line-start",
    "roadmap-no-military-restrictions",
    "roadmap-no-recognition",
    "roadmap-reparations",
    "ukraine-draft-memorandum",
    # events.yaml
    "ceasefire-demand-rejected",
    "putin-proposed-direct-talks",
    "putin-memorandum-plan",
    "kyiv-awaiting-russian-memorandum",
    "weekend-strike-on-russian-aircraft",
    "strike-targeted-bombers",
    "russian-drone-attack-record",
    "strike-date-cgtn",
    "drones-launched-air-force",
    "russia-draft-memorandum",
    # positions.yaml
    "ukraine-ceasefire-2025-06",
    "european-powers-ceasefire-2025-06",
    "russia-ceasefire-2025-06",
    "ukraine-territory-2025-06",
    "ukraine-armed-forces-limits-2025-06",
    "ukraine-reparations-2025-06",
    "russia-prisoners-2025-05",
    "ukraine-prisoners-2025-05",
    "russia-peace-memoranda-2025-06",
    "ukraine-peace-memoranda-2025-06",
    "russia-direct-talks-2025-05",
]

# Items taken from the report whose publisher, date and URL are unknown.
FROM_REPORT = [
    # actors.yaml: labels
    "tass-label-state-owned",
    "interfax-label-state-affiliated",
    "rt-label-propaganda-outlet",
    # places.yaml
    "ciragan-palace",
    "istanbul",
    "sumy-region",
    "kharkiv-region",
    # rounds/round-1.yaml
    "round-1",
    "r1-prisoner-exchange",
    "r1-prisoners-1000-each",
    "r1-no-breakthrough",
    "r1-medinsky-fight-forever",
    "r1-medinsky-threat-sumy-kharkiv",
    "r1-russian-demands-ukrainian-view",
    "r1-date-report",
    "r1-prisoners-per-side-report",
    "r1-swap-rank-report",
    # rounds/round-2.yaml
    "round-2",
    "r2-presided-by-fidan",
    "r2-umerov-met-fidan-first",
    "r2-children-list-handed",
    "r2-ended",
    "r2-half-as-long-as-r1",
    "r2-no-resumption-russians-fly-home",
    "r2-third-round-undetermined",
    "r2-russian-delegation-working-mood",
    "medinsky-memorandum-received",
    "medinsky-memorandum-languages",
    "roadmap-against-russian-terms",
    "r2-date-report",
    "r2-scheduled-start-report",
    "r2-delay-report",
    "r2-duration-report",
    "memo-received-date-report",
    "ukraine-roadmap",
    "roadmap-front-line-start",
    "roadmap-no-military-restrictions",
    "roadmap-no-recognition",
    "roadmap-ceasefire-30-days",
    "roadmap-all-prisoners-returned",
    "roadmap-leaders-meeting",
    "ukraine-draft-memorandum",
    "ukraine-children-list",
    # events.yaml
    "russian-invasion-2022",
    "russian-memorandum-not-public",
    "weekend-strike-on-russian-aircraft",
    "strike-destroyed-aircraft",
    "zelensky-history-books",
    "strike-date-report",
    "strike-aircraft-destroyed-report",
    "russia-draft-memorandum",
    # positions.yaml
    "ukraine-ceasefire-2025-06",
    "russia-territory-2025-05",
    "ukraine-territory-2025-06",
    "ukraine-armed-forces-limits-2025-06",
    "russia-prisoners-2025-05",
    "ukraine-prisoners-2025-05",
    "ukraine-prisoners-2025-06",
    "ukraine-children-2025-06",
    "ukraine-leaders-meeting-2025-06",
    "russia-peace-memoranda-2025-06",
    "ukraine-peace-memoranda-2025-06",
    "russia-direct-talks-2025-06",
]

LISTS = {CGTN: FROM_CGTN, REPORT: FROM_REPORT}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _load_files() -> list[tuple[Path, object]]:
    files = sorted(BRIEFING.rglob("*.yaml"))
    assert files, f"no YAML files under {BRIEFING}"
    return [(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in files]


def _mappings(node: object):
    """Every mapping anywhere in a YAML tree."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _mappings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _mappings(value)


def _source_of(citation: object) -> str:
    return citation if isinstance(citation, str) else citation["source"]


@pytest.fixture(scope="module")
def documents() -> list[tuple[Path, object]]:
    return _load_files()


@pytest.fixture(scope="module")
def cited_items(documents) -> dict[str, dict]:
    """Every mapping with an ``id`` and ``citations``, by id."""
    items: dict[str, dict] = {}
    for path, data in documents:
        for mapping in _mappings(data):
            if "id" in mapping and "citations" in mapping:
                item_id = mapping["id"]
                assert item_id not in items, f"{path.name}: id {item_id!r} used twice"
                items[item_id] = mapping
    return items


@pytest.fixture(scope="module")
def all_citations(documents) -> list[tuple[str, object]]:
    """(file name, citation) for every citation anywhere, roles and members included."""
    found = []
    for path, data in documents:
        for mapping in _mappings(data):
            for citation in mapping.get("citations") or []:
                found.append((str(path.relative_to(BRIEFING)), citation))
    return found


@pytest.fixture(scope="module")
def article_texts() -> dict[str, str]:
    texts = {}
    for source, name in SEED_FILES.items():
        path = SEEDS / name
        if not path.exists():
            pytest.skip(f"source article not available: {path}")
        text = path.read_text(encoding="utf-8")
        if source in CONTENT_BOUNDS:
            start, end = CONTENT_BOUNDS[source]
            text = text[text.index(start) : text.rindex(end)]
        texts[source] = _normalise(text)
    return texts


def test_lists_are_long_enough_and_have_no_repeats():
    assert len(FROM_CGTN) + len(FROM_REPORT) >= 35
    for source, ids in LISTS.items():
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        assert not repeated, f"{source}: listed twice: {repeated}"


def test_only_the_two_articles_are_sources(documents):
    source_ids = [
        source["id"]
        for _, data in documents
        if isinstance(data, dict)
        for source in data.get("sources") or []
    ]
    assert sorted(source_ids) == sorted(SEED_FILES)


@pytest.mark.parametrize("source", [CGTN, REPORT])
def test_listed_items_exist_and_cite_their_article(source, cited_items):
    missing = [i for i in LISTS[source] if i not in cited_items]
    assert not missing, f"listed for {source} but not in the briefing: {missing}"
    uncited = [
        i
        for i in LISTS[source]
        if source not in {_source_of(c) for c in cited_items[i]["citations"]}
    ]
    assert not uncited, f"listed for {source} but not citing it: {uncited}"


def test_every_cited_item_is_listed_under_exactly_its_sources(cited_items):
    unlisted = sorted(i for i in cited_items if not any(i in ids for ids in LISTS.values()))
    assert not unlisted, f"cited items missing from both lists: {unlisted}"
    mismatched = {}
    for item_id, item in cited_items.items():
        cited = {_source_of(c) for c in item["citations"]}
        listed = {source for source, ids in LISTS.items() if item_id in ids}
        if cited != listed:
            mismatched[item_id] = {"cites": sorted(cited), "listed under": sorted(listed)}
    assert not mismatched, f"lists and citations disagree: {mismatched}"


def test_every_citation_names_one_of_the_articles(all_citations):
    bad = [(f, c) for f, c in all_citations if _source_of(c) not in SEED_FILES]
    assert not bad


def test_quotes_are_short_and_verbatim(all_citations, article_texts):
    quotes = [
        (f, c["source"], c["quote"])
        for f, c in all_citations
        if isinstance(c, dict) and "quote" in c
    ]
    assert quotes
    too_long = [(f, q) for f, _, q in quotes if len(q.split()) > MAX_QUOTE_WORDS]
    assert not too_long, f"quotes over {MAX_QUOTE_WORDS} words: {too_long}"
    not_found = [(f, s, q) for f, s, q in quotes if _normalise(q) not in article_texts[s]]
    assert not not_found, f"quotes not found in the cited article: {not_found}"
