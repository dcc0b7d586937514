"""The v2 fixture (`tests/fixtures/v2/`), built for real with MkDocs + Material.

A fictional briefing of three rounds from outlets in several languages: it exercises the
format's newer keys and checks, and an editor's record that reviews several conflicts.
"""

from __future__ import annotations

import gzip
import html
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from built_html import read_html
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.analyze import analyze
from generator.pipeline import read_briefings
from generator.wording import allows

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "v2"
SLUG = "river-talks"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build --strict` of the fixture with the repository's own configuration."""
    tmp = tmp_path_factory.mktemp("v2")
    shutil.copytree(FIXTURE / "briefings", tmp / "briefings")
    shutil.copytree(FIXTURE / "docs", tmp / "docs")
    shutil.copytree(ROOT / "docs" / "assets", tmp / "docs" / "assets")
    shutil.copytree(ROOT / "overrides", tmp / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    config = load_config(str(tmp / "mkdocs.yml"), site_dir=str(tmp / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return tmp / "site"


@pytest.fixture(scope="module")
def briefing():
    reading = read_briefings(FIXTURE / "briefings")
    assert reading.problems == []
    return reading.briefings[0]


def page(site: Path, path: str) -> str:
    text = read_html(site / SLUG / path / "index.html")
    return text[text.index("<article"):text.index("</article>")]


def test_a_record_reviewing_several_conflicts_is_one_finding(briefing):
    findings = [f for f in analyze(briefing).discrepancies if f.recorded == "round-3-length"]
    assert len(findings) == 1
    assert set(findings[0].claims) == {"r3-duration-courier", "r3-duration-delo",
                                       "r3-duration-xinhua"}
    assert len(findings[0].covers) == 2


def test_a_record_reviewing_several_conflicts_renders_once(site: Path):
    text = page(site, "discrepancies")
    assert text.count("How long the third round lasted") == 1
    ids = re.findall(r'<[a-zA-Z][^>]*?\sid="([^"]+)"', text)
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert "conflict-r3-duration-courier-r3-duration-xinhua" in ids  # older links still land


def test_ids_are_unique_and_each_claim_is_marked_once(site: Path):
    for built in sorted((site / SLUG).rglob("index.html")):
        raw = read_html(built)
        ids = re.findall(r'<[a-zA-Z][^>]*?\sid="([^"]+)"', raw)
        assert [i for i, n in Counter(ids).items() if n > 1] == [], built
    round_3 = page(site, "rounds/round-3")
    for claim in ("r3-duration-courier", "r3-duration-delo", "r3-duration-xinhua"):
        # the claim's anchor: its cell's id when it starts the cell, else an empty span
        after = round_3[re.search(rf'<(?:span|td|li) id="{claim}">', round_3).end():]
        marked = after[:re.search(r"; <span id=|</td>|</li>", after).start()]
        assert marked.count("⚠ disputed") == 1, marked


def test_a_weekday_alone_is_a_value_compared_with_other_weekdays(briefing):
    assert briefing.claims["r2-day-delo"].value.weekday == "friday"
    found = {f.id for f in analyze(briefing).discrepancies}
    assert "conflict-r2-day-courier-r2-day-delo" in found


def test_the_editors_note_is_shown_apart_from_what_sources_say(site: Path):
    round_3 = page(site, "rounds/round-3")
    assert ('<span class="bf-note">Editor\'s note: Both outlets report it the same evening;'
            in round_3)
    assert "Editor's note: The courier" in round_3  # on the claim
    assert "Editor's note: The courier calls it a demand" in page(site, "issues/border")


def test_a_translation_is_shown_beside_the_verbatim_quote(site: Path):
    round_3 = page(site, "rounds/round-3")
    assert "“brez dogovora” (in English: “without an agreement”)" in round_3


def test_a_via_chain_reads_as_a_relay(site: Path):
    round_3 = page(site, "rounds/round-3")
    assert ("citing River Wire, citing Westland TV, citing an unnamed Westland official "
            "(River Wire, quoting Westland TV)") in round_3
    assert "citing River Wire\u00a0" in round_3  # a single `via`, as before


def test_languages_are_named_and_sources_show_archive_and_access_dates(site: Path):
    sources = page(site, "sources")
    for name in ("Slovenian", "Chinese", "Russian", "English"):
        assert f"<td>{name}</td>" in sources
    assert "<td>sl</td>" not in sources
    text = "".join(read_html(p) for p in (site / SLUG / "sources").rglob("*.html"))
    assert "https://archive.example/vesti-raund-2" in text
    assert "12 April 2025" in text and "22 May 2025" in text


def test_old_spellings_stay_valid(briefing):
    """`archive_url` (the former name of `archived`) and a single `via` still read."""
    assert briefing.sources["izvestia-r2"].archive_url == "https://archive.example/vesti-raund-2"
    steps = briefing.facts["r3-no-deal"].citations[1].via
    assert [s.actor for s in steps] == ["river-wire"]


def test_the_complete_example_of_the_format_reference_passes_the_checker(tmp_path: Path):
    text = (ROOT / "docs" / "reference" / "format.md").read_text(encoding="utf-8")
    example = text.split("<!-- checked-example -->\n```yaml\n", 1)[1].split("```", 1)[0]
    folder = tmp_path / "briefings" / "example"
    folder.mkdir(parents=True)
    (folder / "example.yaml").write_text(example, encoding="utf-8")
    reading = read_briefings(tmp_path / "briefings")
    assert reading.problems == []
    facts = reading.briefings[0].facts
    assert facts["r3-no-deal"].note and facts["r3-no-deal"].citations[0].translation
    for key in ("archived:", "accessed:", "note:", "translation:", "via: [", "weekday:",
                "until:", "round: round-3", "members:", "period: {start"):
        assert key in example


def test_each_round_shows_the_post_held_on_its_date(site: Path):
    assert "then Deputy foreign minister of Eastland" in page(site, "rounds/round-1")
    for later in ("rounds/round-2", "rounds/round-3"):
        text = page(site, later)
        assert "then Foreign minister of Eastland" in text
        assert "Deputy foreign minister" not in text
    actor = page(site, "actors/ana-novak")
    rows = re.findall(r"<tr>.*?</tr>", actor, re.S)
    attended = [r for r in rows if "Round 1" in r or "Round 2" in r]
    assert any("Round 1" in r and "Deputy foreign minister" in r for r in attended)
    assert any("Round 2" in r and "Foreign minister" in r and "Deputy" not in r
               for r in attended)
    delegation = page(site, "actors/eastland-delegation")
    assert re.search(r"Round 1: Deputy foreign minister.*Round 2: Foreign minister",
                     delegation, re.S)


def test_the_read_as_column_shows_the_reading_compared(site: Path):
    text = page(site, "discrepancies")
    cells = re.findall(r'<tr><td><a href="[^"]*#(r[23]-[a-z-]+)">.*?</td><td>.*?</td>'
                       r"<td>.*?</td><td>(.*?)</td></tr>", text, re.S)
    read = {cid: html.unescape(cell) for cid, cell in cells}
    assert read["r3-duration-courier"] == "112.5–127.5 min"  # read from the wording alone
    assert read["r3-duration-delo"] == "292.5–307.5 min"
    assert read["r2-day-courier"].startswith("a Thursday")


def test_derived_readings_are_worked_out_and_checked(briefing):
    analysis = analyze(briefing)
    derived = {d.rule: d for d in analysis.derived}
    assert allows(derived["start-end"].allows) == "3 h 30 min"  # 10:00 to 13:30
    assert allows(derived["parts-total"].allows) == "200"  # 120 + 80, agrees with the total
    assert derived["start-delay"].inputs == ["r2-scheduled-delo", "r2-delay-delo"]
    kinds = {f.kind: f for f in analysis.discrepancies}
    conflict = kinds["derived-conflict"]  # after 11:00 against "began at 10.15am"
    assert conflict.derived == derived["start-delay"].id
    assert conflict.claims == ["r2-scheduled-delo", "r2-delay-delo", "r2-start-courier"]
    assert [f for f in analysis.discrepancies if f.derived and f is not conflict] == []


def test_a_derived_reading_shows_its_derivation_on_the_page_and_in_the_export(site: Path):
    text = html.unescape(page(site, "discrepancies"))
    assert re.search(r"Duration</strong> of <a [^>]*>Round 1</a>: 3 h 30 min, from The River "
                     r"Courier’s start and end", text)
    assert "Worked out from Dnevnik Reka’s own scheduled start and delay: 11:00" in text
    assert re.search(r'<a href="#derived-actual-start-[^"]*">How it was worked out</a>', text)
    data = gzip.decompress((site / SLUG / "export.json.gz").read_bytes()).decode("utf-8")
    assert '"rule":"start-delay"' in data and '"derived":"derived-actual-start-' in data


def test_independent_origins_are_counted_from_via_chains(briefing):
    analysis = analyze(briefing)
    counts = {o.id: o for o in analysis.origins}
    assert (counts["r3-ceasefire-offer"].reports, counts["r3-ceasefire-offer"].independent,
            counts["r3-ceasefire-offer"].origins) == (2, 1, ["river-wire"])
    assert (counts["r3-no-deal"].independent, counts["r3-no-deal"].origins) == (
        2, ["delo-r3", "river-wire"])
    # an unnamed origin counts on its own only when the editor says it is independent
    assert (counts["r3-boat-route"].independent, counts["r3-boat-route"].unnamed) == (1, 1)
    assert [f.subject for f in analysis.single_origin] == ["r3-ceasefire-offer",
                                                           "r3-next-meeting"]


def test_origins_are_shown_beside_what_several_sources_report(site: Path):
    round_3 = html.unescape(page(site, "rounds/round-3"))
    assert re.search(r"Westland offered a ceasefire on the river\..*?"
                     r"\(2 reports, 1 origin: River Wire\)", round_3, re.S)
    assert "(2 reports, 2 origins)" in round_3
    discrepancies = html.unescape(page(site, "discrepancies"))
    assert "2 sources report it, all from one origin, River Wire" in discrepancies


def test_in_istanbul_both_reports_take_ukraines_roadmap_from_reuters():
    reading = read_briefings(ROOT / "briefings")
    analysis = analyze(reading.briefings[0])
    single = {f.subject: f.origins for f in analysis.single_origin}
    assert single["ukraine-roadmap"] == ["reuters"]


def test_editors_notes_on_period_roles_and_members_are_shown(site: Path):
    assert "From the first round to the third" in page(site, "")
    actor = page(site, "actors/ana-novak")
    assert "no other source dates the appointment" in actor
    assert "names her as head for every round" in actor
    assert "names her as head for every round" in page(site, "actors/eastland-delegation")


def test_the_positions_matrix_shows_each_stance_with_its_round_in_order(site: Path):
    cells = re.sub(r"<[^>]+>", "", page(site, "issues"))
    assert re.search(r"proposed, Round 1 → demanded, Round 3", cells), cells[-2000:]
    assert "(Round 3)" in re.sub(r"<[^>]+>", "", page(site, "issues/border"))
