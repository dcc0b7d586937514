"""Names compared as equal: case, spacing, diacritics and the briefing's aliases folded."""

from __future__ import annotations

import re

from generator.folding import strip_marks
from generator.model import Briefing

_PUNCTUATION_FORMS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"[^\w\s]")
_ARTICLE = re.compile(r"^the ")


def fold(text: str) -> str:
    """Lower case without diacritics, spaces collapsed: 'Çırağan  Palace' -> 'ciragan palace'."""
    bare = strip_marks(text.casefold().translate(_PUNCTUATION_FORMS))
    return _SPACES.sub(" ", bare).strip()


def name_key(text: str) -> str:
    """A name reduced for comparison: folded, punctuation and a leading 'the' dropped."""
    words = _SPACES.sub(" ", _PUNCTUATION.sub(" ", fold(text).replace("_", " "))).strip()
    return _ARTICLE.sub("", words)


def alias_index(briefing: Briefing) -> dict[str, frozenset[str]]:
    """Every id, name and alias of an actor, place or issue -> the ids it may name."""
    index: dict[str, set[str]] = {}
    for section in (briefing.actors, briefing.places, briefing.issues):
        for item in section.values():
            for name in (item.id, item.name, *item.aliases):
                index.setdefault(name_key(name), set()).add(item.id)
    return {key: frozenset(ids) for key, ids in index.items()}
