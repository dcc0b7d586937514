"""The search index post-processing: extra spellings and number forms, and a small index."""

from __future__ import annotations

from generator.search import FIELD, Matcher, compact, enrich_index, number_forms


def _index(*docs: dict) -> dict:
    return {"config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": list(docs)}


def _aliases(text: str, names: list[list[str]] | None = None, title: str = "T") -> str:
    doc = {"location": "b/page/", "title": title, "text": text}
    return enrich_index(_index(doc), {"b": names or []})["docs"][0].get(FIELD, "")


def test_grouped_numbers_get_their_digits_and_plain_ones_their_grouping() -> None:
    assert number_forms("release 1,000 prisoners") == ["1000"]
    assert number_forms("1 000 and 1.000 and 12,500,000") == ["1000", "1000", "12500000"]
    assert number_forms("25000 and 1000 troops") == ["25,000", "1,000"]


def test_years_ids_and_decimals_are_not_numbers_to_regroup() -> None:
    assert number_forms("in 2025, in 1999 and in 2100") == []
    assert number_forms("r5-1234 cgtn-2025-06-02 v1234b 3.14159 12,34") == []


def test_a_section_saying_1_000_is_found_by_1000() -> None:
    assert _aliases("<p>each side would release 1,000 prisoners</p>").split() == ["1000"]
    assert "1,000" in _aliases("<p>1000 prisoners</p>")


def test_a_person_is_matched_by_surname_alone() -> None:
    names = [["Volodymyr Zelensky", "Zelenskyy", "Zelensky"], ["Kyiv", "Kiev"]]
    aliases = _aliases("<p>Zelensky said the strike would be in history books.</p>", names)
    assert aliases.split() == ["Volodymyr", "Zelenskyy"]  # what the text lacks, each once


def test_a_name_spelled_as_a_stop_word_matches_nothing() -> None:
    matcher = Matcher([["Prisoner exchange", "of"], ["The Hague", "Den Haag"]])
    assert matcher.spellings_in("Part of the list of sources") == []
    assert matcher.spellings_in("talks in the Hague") == ["The Hague", "Den Haag"]


def test_a_section_with_nothing_to_add_has_no_aliases_field() -> None:
    index = enrich_index(_index({"location": "b/x/", "title": "Plain", "text": "words"}), {})
    assert FIELD not in index["docs"][0]
    assert index["config"]["fields"][FIELD] == {"boost": 1.0}


def test_compact_keeps_each_value_once_without_readings_ids_or_markers() -> None:
    text = ("<ul> <li>date of Round 2: “on 2 June” (read as 2 June 2025 (Monday)) ⚠ disputed; "
            "“on 2 June”; “in June”<sup>3</sup></li> <li>CGTN (cgtn-2025-06-02): “1,000”</li>"
            " <li>Talks resumed; talks resumed.</li> </ul>")
    assert compact(text) == ("<ul> <li>date of Round 2: “on 2 June”; “in June”</li> "
                             "<li>CGTN: “1,000”</li> <li>Talks resumed; talks resumed.</li> </ul>")


def test_sections_repeating_other_pages_are_dropped() -> None:
    index = enrich_index(_index({"location": "b/a/#see-facts", "title": "x", "text": "y"},
                                {"location": "b/a/", "title": "A", "text": "z"}), {})
    assert [d["location"] for d in index["docs"]] == ["b/a/"]


def test_compact_drops_the_warning_and_repeated_list_items() -> None:
    text = ("<p>Summary.</p> <p>Sources disagree</p> <ul> <li>Date of Round 2 (open)</li> "
            "</ul> <ul> <li>A</li> <li>B</li> <li>A</li> </ul>")
    assert compact(text) == "<p>Summary.</p> <ul> <li>A</li> <li>B</li>  </ul>"


def test_compact_drops_urls() -> None:
    text = "Kind wire report Link https://cgtn.example/a-b?c=1 Published 2 June 2025"
    assert compact(text) == "Kind wire report Link Published 2 June 2025"


def test_a_number_of_thousands_of_digits_is_grouped_without_converting_it() -> None:
    """Python refuses to convert more than 4,300 digits to an int: grouped as text."""
    digits = "1" + "0" * 4_300
    (form,) = number_forms(f"a figure of {digits} people")
    assert form == "10" + ",000" * 1_433
    index = {"docs": [{"location": "x/", "title": "t", "text": f"<p>{digits}</p>"}]}
    assert enrich_index(index, {})["docs"][0][FIELD] == form


def test_folding_keeps_a_word_with_a_combining_mark_whole() -> None:
    """`İstanbul` case-folds to i + a combining dot: the search word is `istanbul`."""
    matcher = Matcher([["İstanbul"]])
    assert matcher.spellings_in("talks in istanbul today") == ["İstanbul"]
