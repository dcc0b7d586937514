"""The copy of each page the search index gets: extra spellings and number forms, and
nothing that makes every page match (footnotes, repeated lists, the disagreement warning)."""

from __future__ import annotations

from generator.search import Matcher, aliases, number_forms, searchable


def _aliases(text: str, names: list[list[str]] | None = None) -> str:
    return " ".join(aliases(text, Matcher(names or [])))


def test_grouped_numbers_get_their_digits_and_plain_ones_their_grouping() -> None:
    assert number_forms("release 1,000 prisoners") == ["1000"]
    assert number_forms("1 000 and 1.000 and 12,500,000") == ["1000", "1000", "12500000"]
    assert number_forms("25000 and 1000 troops") == ["25,000", "1,000"]


def test_years_ids_and_decimals_are_not_numbers_to_regroup() -> None:
    assert number_forms("in 2025, in 1999 and in 2100") == []
    assert number_forms("r5-1234 cgtn-2025-06-02 v1234b 3.14159 12,34") == []


def test_a_section_saying_1_000_is_found_by_1000() -> None:
    assert _aliases("each side would release 1,000 prisoners").split() == ["1000"]
    assert "1,000" in _aliases("1000 prisoners")


def test_a_person_is_matched_by_surname_alone() -> None:
    names = [["Volodymyr Zelensky", "Zelenskyy", "Zelensky"], ["Kyiv", "Kiev"]]
    added = _aliases("Zelensky said the strike would be in history books.", names)
    assert added.split() == ["Volodymyr", "Zelenskyy"]  # what the text lacks, each once


def test_a_name_spelled_as_a_stop_word_matches_nothing() -> None:
    matcher = Matcher([["Prisoner exchange", "of"], ["The Hague", "Den Haag"]])
    assert matcher.spellings_in("Part of the list of sources") == []
    assert matcher.spellings_in("talks in the Hague") == ["The Hague", "Den Haag"]


def test_each_section_gets_the_spellings_it_lacks_at_its_end() -> None:
    content = ('<h1 id="round">Round 2</h1>\n<p>Talks at Çırağan Palace.</p>\n'
               '<h2 id="outcomes">Outcomes</h2>\n<p>Zelensky named 1,000 prisoners.</p>')
    names = [["Volodymyr Zelensky", "Zelenskyy", "Zelensky"]]
    copy = searchable(content, Matcher(names))
    first, second = copy.split('<h2 id="outcomes">')
    assert first.endswith("<p>Ciragan</p>")
    assert second.endswith("<p>Volodymyr Zelenskyy 1000</p>")


def test_footnotes_repeated_lists_and_the_warning_are_left_out() -> None:
    content = (
        '<h1 id="r">Round</h1>\n'
        '<div class="admonition warning bf-markers">\n'
        '<p class="admonition-title">Sources disagree</p>\n'
        '<ul>\n<li><a href="#d">Date of the round</a></li>\n</ul>\n</div>\n'
        '<p>They met.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n'
        '<ul class="bf-refs" data-search-exclude="true">\n<li>Elsewhere</li>\n</ul>\n'
        '<h2 id="see-sources">What each source reported</h2>\n<p>CGTN: they met</p>\n'
        '<div class="footnote">\n<hr />\n<ol>\n<li id="fn:1"><p>CGTN, paragraph 1</p></li>\n'
        '</ol>\n</div>')
    copy = searchable(content, None)
    assert copy == '<h1 id="r">Round</h1>\n\n<p>They met.</p>\n\n'


def test_a_number_of_thousands_of_digits_is_grouped_without_converting_it() -> None:
    """Python refuses to convert more than 4,300 digits to an int: grouped as text."""
    digits = "1" + "0" * 4_300
    (form,) = number_forms(f"a figure of {digits} people")
    assert form == "10" + ",000" * 1_433
    assert searchable(f"<h1 id=\"x\">T</h1><p>{digits}</p>", None).endswith(f"<p>{form}</p>")


def test_folding_keeps_a_word_with_a_combining_mark_whole() -> None:
    """`İstanbul` case-folds to i + a combining dot: the search word is `istanbul`."""
    matcher = Matcher([["İstanbul"]])
    assert matcher.spellings_in("talks in istanbul today") == ["İstanbul"]


def test_the_copy_keeps_the_text_and_headings_but_not_the_markup_around_it() -> None:
    """Pagefind reads the words and the headings' ids (to link a result to its section);
    links, emphasis and attributes only cost it time and memory."""
    page = ('<h2 id="who" class="x">Who</h2>\n<p class="lead">The <a href="../a/">Kremlin</a>'
            ' said <strong>no</strong>.</p>\n<table data-search-exclude="true"><tr><td>Left'
            '</td></tr></table>\n<ul>\n<li id="f1">One <em class="bf-src">Reuters</em></li>\n</ul>')
    assert searchable(page, None) == ('<h2 id="who">Who</h2>\n<p>The Kremlin said no.</p>\n\n'
                                      '<ul>\n<li>One Reuters</li>\n</ul>')
