"""The one-page brief of a briefing too large to list whole: built for real with MkDocs
from the benchmarks' synthetic briefing (200 facts: its latest round has more outcomes,
and the briefing more open discrepancies, than the brief shows in full).

A reader sees the first outcomes and next steps of the latest round and the most
recently reported open discrepancies in full, is told how many more there are, and
follows a link to the pages holding them all. (The Istanbul brief, short enough to
show whole, is in the golden tree; that it prints to one or two A4 pages, at both sizes,
is tested in tests/browser/test_print.py.)
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from built_html import read_html
from test_synthetic import run, siteconfig, synth

from generator.analyze import analyze
from generator.model import Analysis, Briefing
from generator.pipeline import read_briefings
from generator.view.home import BRIEF_FACTS, BRIEF_FINDINGS

REPO = Path(__file__).resolve().parents[1]
FACTS = 200
SLUG = f"synthetic-{FACTS}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Briefing, Analysis]:
    """The built site, and the briefing and analysis it was built from."""
    work = tmp_path_factory.mktemp("brief")
    briefings = work / "briefings"
    synth.write_synthetic_briefing(briefings, FACTS)
    config = siteconfig.write_build_config(REPO, work, briefings)
    result = run("-m", "mkdocs", "build", "--strict", "-f", str(config))
    assert result.returncode == 0, result.stdout + result.stderr
    [briefing] = read_briefings(briefings).briefings
    return work / "site" / SLUG, briefing, analyze(briefing)


def section(page: str, anchor: str) -> str:
    """The HTML of a page from the heading with this id to the next h2."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start:end if end > 0 else len(page)]


def items(html: str) -> list[str]:
    return [re.sub(r"<sup.*?</sup>", "", li, flags=re.S)
            for li in re.findall(r"<li>(.*?)</li>", html, flags=re.S)]


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_the_latest_rounds_outcomes_show_the_first_ones_and_count_the_rest(built) -> None:
    site, briefing, _ = built
    latest = max(briefing.rounds.values(), key=lambda r: (r.date.sort_key, r.number))
    brief = read_html(site / "brief" / "index.html")
    round_page = read_html(site / "rounds" / latest.id / "index.html")
    for kind, heading, anchor in (("outcome", "Outcomes", "outcomes"),
                                  ("next-step", "What follows", "what-follows")):
        total = sum(1 for f in briefing.facts.values() if f.round == latest.id and f.kind == kind)
        assert total > BRIEF_FACTS, "the synthetic round no longer has enough to cut"
        block = brief.split(f"<strong>{heading}</strong>", 1)[1].split("</ul>", 1)[0]
        *shown, rest = items(block)
        assert len(shown) == BRIEF_FACTS
        assert all(unescape(s).strip() in unescape(round_page) for s in shown), heading
        assert text(rest) == f"And {total - BRIEF_FACTS} more on the page of Round {latest.number}."
        assert f'href="../rounds/{latest.id}/#{anchor}"' in rest
        assert f'id="{anchor}"' in round_page  # where the link lands


def test_open_discrepancies_show_the_newest_and_link_to_all_of_them(built) -> None:
    site, briefing, analysis = built
    brief = read_html(site / "brief" / "index.html")
    block = section(brief, "open-discrepancies")
    opened = [f for f in analysis.discrepancies if f.status == "open"]
    assert len(opened) > BRIEF_FINDINGS, "the synthetic briefing no longer has enough to cut"
    assert (f"The {BRIEF_FINDINGS} most recently reported of {len(opened)} open "
            "discrepancies. The Discrepancies page lists them all") in text(block)
    assert 'href="../discrepancies/"' in block
    shown = re.findall(r'href="\.\./discrepancies/(?:[^"#]*)#([^"]+)"', block)
    assert len(shown) == BRIEF_FINDINGS

    def latest(finding_id: str) -> str:
        finding = next(f for f in opened if f.id == finding_id)
        published = [briefing.sources[s].published for s in finding.sources]
        return max((p.sort_key for p in published if p), default="")

    others = [f.id for f in opened if f.id not in shown]
    assert min(map(latest, shown)) >= max(map(latest, others))
    assert [latest(i) for i in shown] == sorted(map(latest, shown), reverse=True)
    # every open discrepancy, shown or not, is on the pages the brief links to
    listed = "".join(read_html(p)
                     for p in (site / "discrepancies").rglob("index.html"))
    assert all(f'id="{f.id}"' in listed for f in opened)


def test_actor_pages_list_the_brief_only_where_it_shows_their_facts(built) -> None:
    site, briefing, _ = built
    brief = unescape(read_html(site / "brief" / "index.html"))
    latest = max(briefing.rounds.values(), key=lambda r: (r.date.sort_key, r.number))
    facts = [f for f in briefing.facts.values()
             if f.round == latest.id and f.kind in ("outcome", "next-step")]
    shown = {a for f in facts if f.text in brief for a in f.actors}
    hidden = {a for f in facts if f.text not in brief for a in f.actors} - shown
    assert shown and hidden, "the synthetic round no longer names actors both ways"

    def mentions_brief(actor: str) -> bool:
        page = read_html(site / "actors" / actor / "index.html")
        # no "Other pages that mention" section when the page links to all such pages
        return ('id="see-mentions"' in page
                and 'href="../../brief/"' in section(page, "see-mentions"))

    assert all(map(mentions_brief, shown))
    assert not any(map(mentions_brief, hidden))
