"""Text folded for matching: what a reader without the diacritics types, one table for all.

Search (generator/search.py) indexes the folded spelling next to the written one, and the
analysis (generator/analyze/names.py) compares names folded: both fold with this module,
so "Çırağan", "Straße" and "Þórshöfn" match the same typed words in both.
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter and a mark.
LETTERS = {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h",
           "Ħ": "H", "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
           "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
_LETTERS = str.maketrans(LETTERS)


def strip_marks(text: str) -> str:
    """`Çırağan Straße` -> `Ciragan Strasse`: diacritics and special letters folded, case
    and everything else kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
