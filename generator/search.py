"""Make Material's search find names however a reader types them, from a small index.

lunr.js in the browser does no diacritic folding (`Ciragan` misses `Çırağan`) and knows
nothing of transliterations (`Zelenskyy`, `Зеленский`) or of digit grouping (`1000` misses
`1,000`: the search separator splits at the comma). After MkDocs has written
`search/search_index.json`, `enrich_index` gives indexed sections an extra field,
`aliases`, holding the ASCII-folded form of each of their words that has non-ASCII letters,
every known spelling of each actor, place and issue they name (a person also by surname
alone: "Zelensky said…"), and the other form of each number (`1,000` ↔ `1000`). Material's
search worker indexes every field listed in the index's `config.fields` and shows only the
title and text, so the extra words make sections findable without cluttering the results.

The browser downloads the index whole, so `compact` also drops from it what a reader never
searches for or finds elsewhere: footnote numbers, the "(read as …)" readings of quoted
values, a value repeated by several sources, a list item repeated, ids in parentheses,
URLs, "⚠ disputed" markers and the "Sources disagree" warning listing them (the discrepancies
pages index each discrepancy).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.model import Briefing
from generator.names import Names as ItemNames
from generator.problems import processing

FIELD = "aliases"
REPEAT = "#see-"  # sections repeating other pages' content (see generator/templates)
_FOOTNOTE_REF = re.compile(r"<sup>\d+</sup>")
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                       "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
                       "ð": "d"})
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
# lunr's English stop words: dropped from the index and from queries alike, so a name
# spelled as one of them ("of") can never be searched, and would match nearly every text.
_STOP_TEXT = """
a able about across after all almost also am among an and any are as at be because been
but by can cannot could dear did do does either else ever every for from get got had has
have he her hers him his how however i if in into is it its just least let like likely may
me might most must my neither no nor not of off often on only or other our own rather said
say says she should since so some than that the their them then there these they this tis
to too twas us wants was we were what when where which while who whom why will with would
yet you your"""
_STOP_WORDS = frozenset(_STOP_TEXT.split())

# Numbers: "1,000" (also "1 000", "1.000"), and "1000" with four or more digits, not years.
_GROUPED = re.compile(r"(?<![\w.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\w]|[.,]\d)")
_PLAIN = re.compile(r"(?<![\w.,-])\d{4,}(?![\w]|[.,]\d)")
_YEARS = range(1800, 2200)

# What `compact` drops: how the site read a quoted value ("(read as about 4 h)", possibly
# with nested parentheses), an id in parentheses after a name, the discrepancy markers.
_READ_AS = re.compile(r" \(read as [^()]*(?:\([^()]*\)[^()]*)*\)")
_ID_IN_PARENS = re.compile(r" \((?:[a-z0-9]+-)+[a-z0-9]+\)")
_URL = re.compile(r" ?https?://[^\s<>\"]+")  # a reader searches a source by its name
_MARKER = " ⚠ disputed"
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)
# The warning atop a page whose items sources disagree about (templates/_markers.md.j2):
# a list of links to discrepancies, each indexed on the discrepancies pages.
WARNING_TITLE = "Sources disagree"
_WARNING = re.compile(rf"<p>{WARNING_TITLE}</p>\s*<ul>.*?</ul>\s*", re.S)

Names = list[list[str]]  # each entry: every spelling of one actor, place or issue


def fold(text: str) -> str:
    """`Çırağan` -> `Ciragan`: what a reader without the diacritics types."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def briefing_names(briefing: Briefing) -> Names:
    """Every spelling of every actor, place and issue of a briefing, in id order.

    A person is also named by surname alone ("Zelensky said…"): the last word of each
    spelling of several words joins the spellings.
    """
    items = [*briefing.actors.values(), *briefing.places.values(), *briefing.issues.values()]
    shown = ItemNames(briefing)
    names = []
    for item in sorted(items, key=lambda i: i.id):
        name = shown.of(item.id)
        spellings = [name.short, name.long, item.name, *item.aliases]
        if getattr(item, "kind", "") == "person":
            spellings += [s.split()[-1] for s in spellings if len(s.split()) > 1]
        names.append(list(dict.fromkeys(spellings)))
    return names


class Matcher:
    """Finds which named things a text mentions, by their words, in one pass over it."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for index, spellings in enumerate(names):
            for spelling in spellings:
                words = _words(spelling)
                if words and not all(w in _STOP_WORDS for w in words):
                    self.first.setdefault(words[0], []).append((words, index))

    def spellings_in(self, text: str) -> list[str]:
        """All spellings of every name that occurs in `text` under any of its spellings."""
        words = _words(text)
        starts = self.first.keys() & set(words)  # usually none of a long text's words
        found = {index for w in starts for c, index in self.first[w] if len(c) == 1}
        if any(len(c) > 1 for w in starts for c, _ in self.first[w]):
            for i, word in enumerate(words):
                for candidate, index in self.first.get(word, ()):
                    if tuple(words[i:i + len(candidate)]) == candidate:
                        found.add(index)
        return [s for index in sorted(found) for s in self.names[index]]


def enrich_index(index: dict[str, Any], names: dict[str, Names]) -> dict[str, Any]:
    """Compact each section and add its `aliases` field; `names` maps a slug to its names.

    Sections that only repeat what other pages hold (ids starting `see-`: lists of facts
    naming an actor, backlinks...) are dropped. A section with nothing to add gets no
    `aliases` field at all (Material's worker skips a missing field).
    """
    matchers = {slug: Matcher(n) for slug, n in names.items()}
    docs = [d for d in index.get("docs", []) if REPEAT not in d.get("location", "")]
    for doc in docs:
        doc["text"] = compact(doc.get("text", ""))
        text = _TAG.sub(" ", f"{doc.get('title', '')} {doc['text']}")
        matcher = matchers.get(doc.get("location", "").split("/", 1)[0])
        extra = [w for s in (matcher.spellings_in(text) if matcher else []) for w in s.split()]
        words = _unique([*extra, *_folded_words([text, *extra]), *number_forms(text)], text)
        if words:
            doc[FIELD] = " ".join(words)
        else:
            doc.pop(FIELD, None)
    index["docs"] = docs
    index.setdefault("config", {}).setdefault("fields", {})[FIELD] = {"boost": 1.0}
    return index


def enrich_file(path: Path, names: dict[str, Names]) -> None:
    """Rewrite a search index in place (compact JSON, as Material writes it)."""
    with processing(path.as_posix()):
        index = json.loads(path.read_text(encoding="utf-8"))
        text = json.dumps(enrich_index(index, names), ensure_ascii=False,
                          separators=(",", ":"))
        path.write_text(text, encoding="utf-8")


def compact(text: str) -> str:
    """A section's text without what nobody searches for or what it says twice.

    Footnote numbers, readings of quoted values, ids in parentheses, URLs (tokens such as
    `https`, `www`, `com` match everything), discrepancy markers and the warning listing
    them; a list item repeated word for word; in a list item of values ("date of Round 2:
    “on 2 June”; “on 2 June”"), each value once.
    """
    text = _FOOTNOTE_REF.sub("", text)
    if WARNING_TITLE in text:
        text = _WARNING.sub("", text)
    text = _READ_AS.sub("", text).replace(_MARKER, "")
    text = _ID_IN_PARENS.sub("", text)
    if "://" in text:
        text = _URL.sub("", text)
    if "<li>" not in text:
        return text
    seen: set[str] = set()
    return _ITEM.sub(lambda item: _distinct(item, seen), text)


def _distinct(item: re.Match[str], seen: set[str]) -> str:
    """A list item with each of its values once; nothing if an earlier item said the same."""
    kept: dict[str, str] = {}
    for piece in item.group(1).split("; "):
        _, sep, value = piece.partition(": “")
        kept.setdefault(sep[-1] + value if sep else piece, piece)
    body = "; ".join(kept.values())
    if body in seen:
        return ""
    seen.add(body)
    return f"<li>{body}</li>"


def number_forms(text: str) -> list[str]:
    """The other way to write each number: `1,000` -> `1000`, `25000` -> `25,000`.

    Plain numbers of four digits that could be years (1800-2199) are left alone.
    """
    grouped = dict.fromkeys(_GROUPED.findall(text))  # each number once: a long text of
    plain = dict.fromkeys(_PLAIN.findall(text))  # figures repeats many of them
    forms = [re.sub(r"\D", "", n) for n in grouped]
    forms += [_grouped(n) for n in plain if len(n) > 4 or int(n) not in _YEARS]
    return forms


def _grouped(digits: str) -> str:
    """`25000` -> `25,000`, in ASCII digits, by string: Python converts at most 4,300
    digits to an int, and a text may hold a longer run."""
    digits = "".join(str(unicodedata.digit(c)) for c in digits) if not digits.isascii() \
        else digits
    head = len(digits) % 3 or 3
    return ",".join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


def _words(text: str) -> tuple[str, ...]:
    """The folded, case-folded words of a text (folding only the runs that need it)."""
    text = text.casefold()
    if not text.isascii():
        text = _NON_ASCII.sub(lambda run: fold(run[0]), text)
    return tuple(_WORD.findall(text))


def _folded_words(texts: Iterable[str]) -> list[str]:
    """ASCII forms of the words that have non-ASCII letters.

    Found from the non-ASCII runs outwards, so that a long text of ASCII words costs one
    scan in C rather than a look at each word.
    """
    out = []
    for text in texts:
        if text.isascii():
            continue
        end = 0
        for run in _NON_ASCII.finditer(text):
            if run.start() < end:  # part of the word just taken
                continue
            start = run.start()
            while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                start -= 1
            end = _WORD_TAIL.match(text, run.start()).end()
            for word in _WORD.findall(text[start:end]):
                if not word.isascii():
                    folded = fold(word)
                    if folded.isascii() and folded != word:
                        out.append(folded)
    return out


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_WORD_TAIL = re.compile(r"(?:\w|[^\x00-\x7f])*")


def _unique(words: list[str], text: str) -> list[str]:
    """Words not already in the text, each once, in first-seen order.

    "In the text" means one of its words (letters and digits, possibly joined by `-`, `.`,
    `,` or an apostrophe: `1,000`): a set, so the test is linear in the text's length
    (looking each word up in the whole text made a 2 MB field take minutes).
    """
    if not words:
        return []
    present = set(_TOKEN.findall(text.casefold()))
    return [word for word in dict.fromkeys(words) if word.casefold() not in present]


_TOKEN = re.compile(r"\w+(?:[-.,'’]\w+)*")  # "talks", "1,000", "al-nahyan", "o'neill"
