"""Detection over whole briefings: grouping, sources, findings, recorded discrepancies."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from generator.analyze import analyze, unreadable_claims
from generator.analyze.compare import compare
from generator.analyze.detect import conflicting_pairs
from generator.analyze.keys import Amount, Days, Key, Moment
from generator.analyze.ranges import Interval
from generator.findings import text_wording
from generator.model import (
    Briefing,
    BriefingInfo,
    Citation,
    Claim,
    ClaimValue,
    Discrepancy,
    Document,
    DocumentItem,
    Fact,
    Finding,
    Origin,
    Place,
    Source,
)
from generator.names import Names
from generator.when import parse_when

HERE = Origin("briefings/test/test.yaml", 1)
PUBLISHERS = {"cgtn": "CGTN", "report": "unknown", "tass": "TASS"}


def source(sid: str) -> Source:
    return Source(id=sid, title=f"Report {sid}" if sid == "report" else "unknown",
                  publisher=PUBLISHERS.get(sid, sid), url="unknown", published=None,
                  language="en", kind="news-report", origin=HERE)


def claim(cid: str, reported: str, *sources: str, subject: str = "round-2",
          prop: str = "duration", value: ClaimValue | None = None) -> Claim:
    return Claim(id=cid, subject=subject, property=prop, reported=reported,
                 citations=[Citation(s) for s in sources], origin=HERE, value=value)


def date_value(text: str, weekday: str | None = None) -> ClaimValue:
    kind = "datetime" if "T" in text else "date"
    return ClaimValue(kind=kind, when=parse_when(text), weekday=weekday)


def make(*claims: Claim, tolerance: float = 0.2, documents: tuple[Document, ...] = (),
         discrepancies: tuple[Discrepancy, ...] = (), places: tuple[Place, ...] = ()
         ) -> Briefing:
    info = BriefingInfo(title="Test", summary="", period_start=parse_when("2025"),
                        period_end=None, last_reviewed=parse_when("2025-06-03"), origin=HERE,
                        about_tolerance=tolerance)
    briefing = Briefing(
        slug="test", root=Path("briefings/test"), info=info,
        sources={s: source(s) for s in ("cgtn", "report", "tass")},
        claims={c.id: c for c in claims}, documents={d.id: d for d in documents},
        discrepancies={d.id: d for d in discrepancies}, places={p.id: p for p in places})
    MADE[:] = [briefing]
    return briefing


MADE: list[Briefing] = []  # the briefing `make` built last: its findings are worded with it


def explanation(finding: Finding) -> str:
    """A finding's sentence, as the CLI words it (templates/findings/<kind>.md.j2)."""
    return text_wording(Names(MADE[0])).explain(finding)


def title(finding: Finding) -> str:
    return text_wording(Names(MADE[0])).title(finding)


def record(rid: str, *claims: str, status: str = "open", analysis: str = "Why.") -> Discrepancy:
    return Discrepancy(id=rid, title=f"Title of {rid}", claims=list(claims), status=status,
                       analysis=analysis, origin=HERE, citations=[Citation("tass")])


# --- conflicts ---------------------------------------------------------------------------


def test_conflict_between_sources_is_explained_with_both_ranges() -> None:
    analysis = analyze(make(claim("dur-cgtn", "a little over an hour", "cgtn"),
                            claim("dur-report", "an hour and a half", "report")))
    [finding] = analysis.discrepancies
    assert finding.id == "conflict-dur-cgtn-dur-report"
    assert (finding.kind, finding.origin, finding.status) == ("conflict", "detected", "open")
    assert (finding.subject, finding.property) == ("round-2", "duration")
    assert finding.claims == ["dur-cgtn", "dur-report"]
    assert finding.sources == ["cgtn", "report"]
    assert explanation(finding) == (
        "CGTN: “a little over an hour” (60–75 min); Report report: “an hour and a half” "
        "(82.5–97.5 min): the ranges do not overlap.")
    assert analysis.about("round-2") == [finding]


def test_agreeing_values_give_no_discrepancy() -> None:
    analysis = analyze(make(claim("dur-cgtn", "a little over an hour", "cgtn"),
                            claim("dur-report", "74 minutes", "report")))
    assert analysis.discrepancies == []


def test_claims_of_the_same_source_are_never_compared() -> None:
    analysis = analyze(make(claim("a", "a little over an hour", "cgtn"),
                            claim("b", "an hour and a half", "cgtn"),
                            claim("c", "two hours", "cgtn", "tass", prop="delay"),
                            claim("d", "three hours", "cgtn", "tass", prop="delay")))
    assert analysis.discrepancies == []


def test_claims_citing_different_sets_of_sources_are_compared() -> None:
    analysis = analyze(make(claim("a", "a little over an hour", "cgtn"),
                            claim("b", "two hours", "cgtn", "tass")))
    [finding] = analysis.discrepancies
    assert finding.sources == ["cgtn", "tass"]
    assert "CGTN and TASS: “two hours”" in explanation(finding)


def test_groups_are_per_subject_and_property() -> None:
    analysis = analyze(make(
        claim("r1", "a little over an hour", "cgtn", subject="round-1"),
        claim("r2", "an hour and a half", "report", subject="round-2"),
        claim("delay", "an hour and a half", "report", subject="round-1", prop="delay")))
    assert analysis.discrepancies == []


def test_claims_with_the_same_range_share_one_finding() -> None:
    analysis = analyze(make(claim("a-cgtn", "a little over an hour", "cgtn"),
                            claim("a-tass", "a little over an hour", "tass"),
                            claim("b-report", "an hour and a half", "report")))
    [finding] = analysis.discrepancies
    assert finding.claims == ["a-cgtn", "a-tass", "b-report"]
    assert finding.sources == ["cgtn", "report", "tass"]
    assert explanation(finding).startswith(
        "CGTN: “a little over an hour”, TASS: “a little over an hour” (60–75 min); ")


def test_tolerance_comes_from_the_briefing() -> None:
    claims = (claim("a", "about two hours", "cgtn"), claim("b", "90 minutes", "report"))
    assert len(analyze(make(*claims)).discrepancies) == 1
    assert analyze(make(*claims, tolerance=0.3)).discrepancies == []


def test_counts_read_from_text_and_from_values() -> None:
    agree = make(claim("a", "over 40 aircraft", "report", prop="destroyed"),
                 claim("b", "41", "cgtn", prop="destroyed",
                       value=ClaimValue(kind="count", amount=41)))
    assert analyze(agree).discrepancies == []
    differ = make(claim("a", "over 40 aircraft", "report", prop="destroyed"),
                  claim("b", "forty", "cgtn", prop="destroyed"))
    [finding] = analyze(differ).discrepancies
    assert "41 or more" in explanation(finding) and "(40)" in explanation(finding)


def test_sunday_and_monday_conflict_and_the_zone_is_explained() -> None:
    analysis = analyze(make(
        claim("memo-cgtn", "said on Sunday", "cgtn", prop="said-on",
              value=date_value("2025-06-01", "sunday")),
        claim("memo-report", "said at 01:42 Moscow time", "report", prop="said-on",
              value=date_value("2025-06-02T01:42+03:00"))))
    [finding] = analysis.discrepancies
    assert finding.kind == "conflict"
    assert "can be the same moment in different time zones" in explanation(finding)
    assert "22:42 on Sunday 1 June 2025 in UTC" in explanation(finding)


def test_choices_equal_through_place_aliases() -> None:
    palace = Place(id="ciragan-palace", name="Çırağan Palace", kind="venue", origin=HERE,
                   aliases=["Ciragan Sarayi"])
    venue = {"prop": "venue"}
    same = make(claim("a", "at the Ciragan Sarayi", "cgtn", **venue,
                      value=ClaimValue(kind="choice", choice="Ciragan Sarayi")),
                claim("b", "Çırağan Palace", "report", **venue,
                      value=ClaimValue(kind="choice", choice="Çırağan Palace")),
                places=(palace,))
    assert analyze(same).discrepancies == []
    other = make(claim("a", "Çırağan Palace", "cgtn", **venue,
                       value=ClaimValue(kind="choice", choice="Ciragan Palace")),
                 claim("b", "Dolmabahçe Palace", "report", **venue,
                       value=ClaimValue(kind="choice", choice="Dolmabahçe Palace")),
                 places=(palace,))
    assert len(analyze(other).discrepancies) == 1


# --- weekday mismatches ------------------------------------------------------------------


def test_weekday_mismatch_is_flagged() -> None:
    analysis = analyze(make(claim("talks", "on Tuesday", "cgtn", prop="date",
                                  value=date_value("2025-07-23"))))
    [finding] = analysis.discrepancies
    assert (finding.id, finding.kind) == ("weekday-talks", "weekday-mismatch")
    assert finding.claims == ["talks"] and finding.sources == ["cgtn"]
    assert "Wednesday 23 July 2025 is not a Tuesday" in explanation(finding)


def test_matching_weekday_is_not_flagged() -> None:
    analysis = analyze(make(claim("talks", "on Wednesday", "cgtn", prop="date",
                                  value=date_value("2025-07-23", "wednesday"))))
    assert analysis.discrepancies == []


# --- single source and coverage ----------------------------------------------------------


def test_single_source_groups() -> None:
    analysis = analyze(make(claim("delay", "over an hour", "report", prop="delay"),
                            claim("dur-a", "a little over an hour", "cgtn"),
                            claim("dur-b", "74 minutes", "report"),
                            claim("start-a", "at 13:00", "tass", prop="start"),
                            claim("start-b", "1pm", "tass", prop="start")))
    assert [f.id for f in analysis.single_source] == [
        "single-source-round-2-delay", "single-source-round-2-start"]
    delay, start = analysis.single_source
    assert (delay.kind, delay.sources, delay.claims) == ("single-source", ["report"], ["delay"])
    assert start.claims == ["start-a", "start-b"]
    assert explanation(start) == ("Reported only by TASS: “at 13:00”; “1pm”. No other source gives "
                                  "it to compare with.")
    assert analysis.discrepancies == []


def test_findings_name_facts_and_unnamed_sources_in_words() -> None:
    """A reader meets neither a fact's id nor a source's id in a finding's text."""
    briefing = make(claim("strike", "over 40 aircraft", "nameless", subject="strike-fact",
                          prop="aircraft-destroyed"))
    briefing.sources["nameless"] = Source(
        id="nameless", title="unknown", publisher="unknown", url="unknown", published=None,
        language="en", kind="news-report", origin=HERE)
    briefing.facts["strike-fact"] = Fact(
        id="strike-fact", kind="event", origin=HERE, citations=[Citation("nameless")],
        text="Ukraine attacked Russian military aircraft at bases far inside Russia.")
    [finding] = analyze(briefing).single_source
    assert title(finding) == "Aircraft destroyed (Event, undated)"  # never a cut excerpt
    assert explanation(finding).startswith(
        "Reported only by the unattributed news report: “over 40 aircraft”")
    assert "nameless" not in explanation(finding) and "strike-fact" not in explanation(finding)


def item(iid: str, *sources: str) -> DocumentItem:
    return DocumentItem(id=iid, text=f"Point {iid}.", citations=[Citation(s) for s in sources],
                        origin=HERE)


def test_coverage_gaps_per_covering_source() -> None:
    roadmap = Document(id="roadmap", title="Roadmap", kind="memorandum",
                       citations=[Citation("report"), Citation("tass")], origin=HERE,
                       items=[item("ceasefire", "cgtn", "report"), item("prisoners", "report"),
                              item("meeting", "report")])
    unlisted = Document(id="letter", title="Letter", kind="letter",
                        citations=[Citation("cgtn")], origin=HERE)
    gaps = analyze(make(documents=(roadmap, unlisted))).coverage_gaps
    assert [(g.id, g.items, g.sources) for g in gaps] == [
        ("gap-roadmap-cgtn", ["prisoners", "meeting"], ["cgtn"]),
        ("gap-roadmap-tass", ["ceasefire", "prisoners", "meeting"], ["tass"]),
    ]
    assert gaps[0].kind == "coverage-gap" and gaps[0].subject == "roadmap"
    assert explanation(gaps[0]).startswith("CGTN reports 1 of the 3 points of “Roadmap”")
    assert explanation(gaps[0]).endswith("the 2 it leaves out are reported by Report report.")
    assert explanation(gaps[1]).startswith("TASS cites “Roadmap” but none of its 3 points")


# --- recorded discrepancies --------------------------------------------------------------


def _conflicting(*records: Discrepancy) -> Briefing:
    return make(claim("dur-cgtn", "a little over an hour", "cgtn"),
                claim("dur-report", "an hour and a half", "report"),
                claim("dur-tass", "an hour and a half", "tass"),
                claim("delay-a", "over an hour", "cgtn", prop="delay"),
                claim("delay-b", "an hour and a half", "report", prop="delay"),
                discrepancies=records)


def test_recorded_discrepancy_reviews_the_detected_one() -> None:
    analysis = analyze(_conflicting(record("duration-dispute", "dur-cgtn", "dur-report",
                                           status="explained", analysis="Different clocks.")))
    [finding] = analysis.discrepancies
    assert finding.id == "conflict-dur-cgtn-dur-report"  # the detected id stays the anchor
    assert (finding.origin, finding.recorded) == ("detected", "duration-dispute")
    assert (finding.status, finding.analysis) == ("explained", "Different clocks.")
    assert finding.citations == [Citation("tass")]


def test_dismissed_stays_listed_with_its_reason() -> None:
    analysis = analyze(_conflicting(record("noise", "dur-tass", "dur-cgtn", status="dismissed",
                                           analysis="Rounding by the agency.")))
    [finding] = analysis.discrepancies
    assert (finding.status, finding.analysis) == ("dismissed", "Rounding by the agency.")


def test_unmatched_recorded_discrepancy_is_listed_as_recorded() -> None:
    analysis = analyze(_conflicting(record("delay-doubt", "delay-a", "delay-b"),
                                    record("same-side", "dur-report", "dur-tass")))
    by_id = {f.id: f for f in analysis.discrepancies}
    assert set(by_id) == {"conflict-dur-cgtn-dur-report", "delay-doubt", "same-side"}
    delay = by_id["delay-doubt"]
    assert (delay.origin, delay.kind, delay.recorded) == ("recorded", "conflict", "delay-doubt")
    assert (delay.subject, delay.property, title(delay)) == ("round-2", "delay",
                                                           "Title of delay-doubt")
    assert delay.claims == ["delay-a", "delay-b"] and delay.sources == ["cgtn", "report"]
    assert explanation(delay).startswith("Recorded by an editor; the automatic rules flag no")
    assert by_id["conflict-dur-cgtn-dur-report"].recorded is None  # same side: no review


def test_weekday_mismatch_is_reviewed_by_a_record_naming_its_claim() -> None:
    analysis = analyze(make(
        claim("talks", "on Tuesday", "cgtn", prop="date", value=date_value("2025-07-23")),
        claim("talks-b", "on Wednesday", "report", prop="date", value=date_value("2025-07-23")),
        discrepancies=(record("which-day", "talks", "talks-b", status="resolved"),)))
    [finding] = analysis.discrepancies
    assert (finding.kind, finding.recorded, finding.status) == (
        "weekday-mismatch", "which-day", "resolved")


# --- stability, unreadable claims, the sweep ----------------------------------------------


def test_ids_and_order_do_not_depend_on_input_order() -> None:
    claims = [claim("a", "a little over an hour", "cgtn"), claim("b", "two hours", "report"),
              claim("c", "an hour and a half", "tass"), claim("d", "on Tuesday", "cgtn",
                                                              prop="date",
                                                              value=date_value("2025-07-23"))]
    first = analyze(make(*claims))
    second = analyze(make(*reversed(claims)))
    assert first == second
    assert [f.id for f in first.discrepancies] == [
        "weekday-d", "conflict-a-b", "conflict-a-c", "conflict-b-c"]


def test_unreadable_claims_are_skipped_and_listed() -> None:
    briefing = make(claim("vague", "a great many", "cgtn", prop="count"),
                    claim("clear", "41", "report", prop="count"),
                    claim("valued", "lots", "tass", prop="count",
                          value=ClaimValue(kind="count", amount=12)))
    assert [c.id for c in unreadable_claims(briefing)] == ["vague"]
    [finding] = analyze(briefing).discrepancies  # 41 against 12; "vague" takes no part
    assert finding.claims == ["clear", "valued"]


def _brute_force(keys: list[Key]) -> set[frozenset[int]]:
    return {frozenset((id(a), id(b))) for n, a in enumerate(keys) for b in keys[n + 1:]
            if (outcome := compare(a, b)) is not None and outcome.conflict}


def test_sweep_matches_comparing_every_pair_of_days_and_moments() -> None:
    rng = random.Random(11)
    keys: list[Key] = []
    for _ in range(150):
        first = date(2025, 6, 1) + timedelta(days=rng.randrange(20))
        keys.append(Days(first, first + timedelta(days=rng.choice([0, 0, 1, 6]))))
        at = datetime(2025, 6, 1, tzinfo=timezone(timedelta(hours=rng.choice([-5, 0, 3]))))
        at += timedelta(hours=rng.randrange(20 * 24))
        keys.append(Moment(at, at + timedelta(seconds=59), at))
    keys += [Days(None, None, "sunday"), Days(None, None, "monday")]
    keys = list(dict.fromkeys(keys))
    found = {frozenset((id(a), id(b))) for a, b, _ in conflicting_pairs(keys)}
    assert found == _brute_force(keys)


def test_sweep_finds_exactly_the_pairs_that_do_not_overlap() -> None:
    rng = random.Random(7)
    keys = []
    for _ in range(200):
        lo = rng.choice([rng.uniform(0, 100), float(rng.randrange(0, 100, 5))])
        hi = lo + rng.choice([0, rng.uniform(0, 20), 5.0])
        open_ends = (False, False) if hi == lo else (rng.random() < 0.3, rng.random() < 0.3)
        keys.append(Amount("duration", None, Interval(lo, hi, *open_ends)))
    keys = list(dict.fromkeys(keys))
    found = {frozenset((id(a), id(b))) for a, b, _ in conflicting_pairs(keys)}
    assert found == _brute_force(keys)


def test_a_group_with_many_distinct_values_is_one_finding() -> None:
    claims = [claim(f"c{n:02d}", f"{10 * n} minutes", ("cgtn", "report", "tass")[n % 3])
              for n in range(1, 13)]
    [finding] = analyze(make(*claims)).discrepancies
    assert finding.id == "conflict-round-2-duration"
    assert len(finding.claims) == 12 and finding.sources == ["cgtn", "report", "tass"]
    assert "12 different values, too many to list pair by pair" in explanation(finding)
    reviewed = analyze(make(*claims, discrepancies=(record("messy", "c01", "c07"),)))
    assert reviewed.discrepancies[0].recorded == "messy"


# --- through the checker ---------------------------------------------------------------

FACT_FILE = """\
briefing:
  title: Demo talks
  summary: A small briefing for the analysis.
  period: {start: "2025-05-16", end: ongoing}
  last_reviewed: "2025-06-03"
  about_tolerance: 0.2
sources:
  - {id: wire-a, title: First report, publisher: Example Wire, url: unknown,
     published: unknown, language: en, kind: wire-report}
  - {id: paper-b, title: Second report, publisher: unknown, url: unknown,
     published: unknown, language: en, kind: news-report}
places:
  - {id: palace, name: Çırağan Palace, kind: venue, aliases: [Ciragan Palace]}
rounds:
  - {id: round-1, number: 1, date: "2025-05-16", venue: palace, citations: [wire-a]}
claims:
  - {id: r1-duration-wire, subject: round-1, property: duration,
     reported: "a little over an hour", citations: [wire-a]}
  - {id: r1-duration-paper, subject: round-1, property: duration,
     reported: "an hour and a half", value: {duration: "1h30m"}, citations: [paper-b]}
  - {id: r1-venue-wire, subject: round-1, property: venue, reported: "Ciragan Palace",
     value: {choice: Ciragan Palace}, citations: [wire-a]}
  - {id: r1-venue-paper, subject: round-1, property: venue, reported: "Çırağan Palace",
     value: {choice: Çırağan Palace}, citations: [paper-b]}
  - {id: r1-date-paper, subject: round-1, property: date, reported: "on Tuesday",
     value: {date: "2025-05-16"}, citations: [paper-b]}
discrepancies:
  - id: r1-duration
    title: How long the first round lasted
    claims: [r1-duration-wire, r1-duration-paper]
    status: explained
    analysis: The wire counts from the opening statements.
"""


def test_a_checked_briefing_end_to_end(tmp_path: Path) -> None:
    from generator.pipeline import read_briefings

    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "demo.yaml").write_text(FACT_FILE, encoding="utf-8")
    reading = read_briefings(tmp_path)
    assert reading.problems == []
    [briefing] = reading.briefings
    analysis = analyze(briefing)
    weekday, conflict = analysis.discrepancies  # by property: date, then duration
    assert (conflict.id, conflict.recorded, conflict.status) == (
        "conflict-r1-duration-paper-r1-duration-wire", "r1-duration", "explained")
    assert "(60–75 min)" in explanation(conflict) and "(82.5–97.5 min)" in explanation(conflict)
    assert weekday.id == "weekday-r1-date-paper"
    assert "Friday 16 May 2025 is not a Tuesday" in explanation(weekday)
    assert [f.id for f in analysis.single_source] == ["single-source-round-1-date"]
    assert unreadable_claims(briefing) == []
