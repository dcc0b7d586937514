"""Make Material's search find names however a reader types them.

lunr.js in the browser does no diacritic folding (`Ciragan` misses `Çırağan`) and knows
nothing of transliterations (`Zelenskyy`, `Зеленский`). After MkDocs has written
`search/search_index.json`, `enrich_index` gives every indexed section an extra field,
`aliases`, holding the ASCII-folded form of each of its words that has non-ASCII letters,
and every known spelling of each actor, place and issue it names. Material's search worker
indexes every field listed in the index's `config.fields` and shows only the title and
text, so the extra words make sections findable without cluttering the results.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.model import Briefing

FIELD = "aliases"
REPEAT = "#see-"  # sections repeating other pages' content (see generator/templates)
_FOOTNOTE_REF = re.compile(r"<sup>\d+</sup>")
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                       "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th",
                       "ð": "d"})
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")

Names = list[list[str]]  # each entry: every spelling of one actor, place or issue


def fold(text: str) -> str:
    """`Çırağan` -> `Ciragan`: what a reader without the diacritics types."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def briefing_names(briefing: Briefing) -> Names:
    """Every spelling of every actor, place and issue of a briefing, in id order."""
    items = [*briefing.actors.values(), *briefing.places.values(), *briefing.issues.values()]
    return [[item.name, *item.aliases] for item in sorted(items, key=lambda i: i.id)]


class Matcher:
    """Finds which named things a text mentions, by their words, in one pass over it."""

    def __init__(self, names: Names) -> None:
        self.names = names
        self.first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for index, spellings in enumerate(names):
            for spelling in spellings:
                words = _words(spelling)
                if words:
                    self.first.setdefault(words[0], []).append((words, index))

    def spellings_in(self, text: str) -> list[str]:
        """All spellings of every name that occurs in `text` under any of its spellings."""
        words = _words(text)
        found: set[int] = set()
        for i, word in enumerate(words):
            for candidate, index in self.first.get(word, ()):
                if tuple(words[i:i + len(candidate)]) == candidate:
                    found.add(index)
        return [s for index in sorted(found) for s in self.names[index]]


def enrich_index(index: dict[str, Any], names: dict[str, Names]) -> dict[str, Any]:
    """Add the `aliases` field to each section; `names` maps a briefing slug to its names.

    Sections that only repeat what other pages hold (ids starting `see-`: lists of facts
    naming an actor, backlinks...) are dropped, and so are footnote numbers, to keep the
    index small: the browser downloads it whole.
    """
    matchers = {slug: Matcher(n) for slug, n in names.items()}
    docs = [d for d in index.get("docs", []) if REPEAT not in d.get("location", "")]
    for doc in docs:
        doc["text"] = _FOOTNOTE_REF.sub("", doc.get("text", ""))
        text = _TAG.sub(" ", f"{doc.get('title', '')} {doc['text']}")
        matcher = matchers.get(doc.get("location", "").split("/", 1)[0])
        extra = matcher.spellings_in(text) if matcher else []
        doc[FIELD] = " ".join(_unique(_folded_words([text, *extra]), extra, text))
    index["docs"] = docs
    index.setdefault("config", {}).setdefault("fields", {})[FIELD] = {"boost": 1.0}
    return index


def enrich_file(path: Path, names: dict[str, Names]) -> None:
    """Rewrite a search index in place (compact JSON, as Material writes it)."""
    index = json.loads(path.read_text(encoding="utf-8"))
    text = json.dumps(enrich_index(index, names), ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text).casefold()))


def _folded_words(texts: Iterable[str]) -> list[str]:
    """ASCII forms of the words that have non-ASCII letters."""
    out = []
    for text in texts:
        for word in _WORD.findall(text):
            if not word.isascii():
                folded = fold(word)
                if folded.isascii() and folded != word:
                    out.append(folded)
    return out


def _unique(folded: list[str], spellings: list[str], text: str) -> list[str]:
    """Spellings and words not already in the text, each once, in first-seen order."""
    present = text.casefold()
    seen: dict[str, None] = {}
    for word in [*spellings, *folded]:
        if word.casefold() not in present:
            seen.setdefault(word, None)
    return list(seen)
