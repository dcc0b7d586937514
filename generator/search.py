"""Search that scales: a Pagefind index of every page, with the spellings readers type.

Pagefind writes a static index split into small chunks: the reader's browser downloads only
the chunks a query needs (a few hundred KB at 50,000 facts), and nothing before the first
search, where Material's lunr index is one file fetched whole on every page load (20 MB at
50,000 facts). Pagefind ignores accents, but knows nothing of transliterations (`Zelenskyy`,
`Зеленский`), of letters without a decomposition (`ı`, `ł`) or of digit grouping (`1000`
vs `1,000`). So each page goes to the index as its content HTML (what Markdown made of it,
without the theme around it) plus, at the end of each section, the words a reader may type
for what the section says: the ASCII-folded form of each word with non-ASCII letters, every
known spelling of each actor, place and issue it names (a person also by surname alone:
"Zelensky said…"), and the other form of each number (`1,000` ↔ `1000`). Only the copy sent
to the index carries them; the pages of the site are unchanged.

The copy also leaves out what would make every page match a source's name or an id:
footnotes and footnote numbers, lists repeating other pages' content (marked
`data-search-exclude`, and sections whose id starts with `see-`), and the "Sources
disagree" warning (the discrepancies pages index each discrepancy).

`search_index.py` runs Pagefind over these copies.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from generator.folding import strip_marks
from generator.model import Briefing
from generator.names import Names as ItemNames

_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
# Common English words: a name spelled as one of them ("of") would match nearly every text,
# so it is never looked for.
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

# The class of the warning atop a page whose items sources disagree about
# (templates/_markers.md.j2): a list of links to discrepancies, each indexed on the
# discrepancies pages.
MARKERS = "bf-markers"
# What the copy sent to the index leaves out (see the module's docstring).
_LEFT_OUT = re.compile(
    r'<sup(?: id="fnref[^"]*")?><a class="footnote-ref"[^>]*>[^<]*</a></sup>'  # footnote numbers
    # (a footnote's first reference has an id, the later ones not: generator/lean.py)
    r'|<div class="footnote".*?</ol>\s*</div>'  # the footnotes
    rf'|<div class="admonition warning {MARKERS}">.*?</div>'
    r'|<(ul|ol|p|div|table|details|figure)\b[^>]*data-search-exclude[^>]*>.*?</\1>'
    r'|<!-- see -->.*?<!-- /see -->', re.S)  # references in Markdown (timeline_page.md.j2)
_SECTION = re.compile(r'(?=<h[1-6][^>]*\sid="[^"]*")')
_SECTION_ID = re.compile(r'<h[1-6][^>]*\sid="([^"]*)"')
REPEAT = "see-"  # ids of sections repeating other pages' content (see generator/templates)
EXCLUDE = ["[data-search-exclude]", ".footnote", ".footnote-ref"]  # for Pagefind, too
SEARCH_MARK = ' data-search-exclude="true"'  # as the templates and lean.py write it


Names = list[list[str]]  # each entry: every spelling of one actor, place or issue


@lru_cache(maxsize=1 << 16)  # the same names and accented words recur on every page
def fold(text: str) -> str:
    """`Çırağan` -> `Ciragan`: what a reader without the diacritics types (the same table
    as the analysis folds names with, generator/folding.py)."""
    return strip_marks(text)


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
        self.single: dict[str, set[int]] = {}  # a one-word spelling -> whose it is
        self.lengths: dict[str, set[int]] = {}  # first word -> lengths of longer spellings
        self.phrases: dict[tuple[str, ...], set[int]] = {}  # a longer spelling -> whose
        for index, spellings in enumerate(names):
            for spelling in spellings:
                words = _words(spelling)
                if not words or all(w in _STOP_WORDS for w in words):
                    continue
                if len(words) == 1:
                    self.single.setdefault(words[0], set()).add(index)
                else:
                    self.lengths.setdefault(words[0], set()).add(len(words))
                    self.phrases.setdefault(words, set()).add(index)

    def spellings_in(self, text: str) -> list[str]:
        """All spellings of every name that occurs in `text` under any of its spellings.

        Each word of the text is looked up once per length of the spellings starting with
        it (a handful), not once per spelling: a large briefing has hundreds of names
        starting "Delegation of"."""
        words = _words(text)
        present = set(words)
        found = {i for w in present & self.single.keys() for i in self.single[w]}
        if not present.isdisjoint(self.lengths.keys()):
            for at, word in enumerate(words):
                for length in self.lengths.get(word, ()):
                    found.update(self.phrases.get(words[at:at + length], ()))
        return [s for index in sorted(found) for s in self.names[index]]


def without_search_marks(page: str) -> str:
    """A built page without the marks that kept parts of it out of its searchable copy:
    the copy is made before (`searchable`), so in the published page they do nothing
    (10,600 of them at 50,000 facts)."""
    return page.replace(SEARCH_MARK, "")


def searchable(content: str, matcher: Matcher | None) -> str:
    """A page's content HTML as the index gets it: without what nobody searches for, and
    with each section's other spellings at its end (in a `<p>` of their own)."""
    sections = []
    for section in _SECTION.split(_LEFT_OUT.sub("", content)):
        heading = _SECTION_ID.match(section)
        if heading and heading.group(1).startswith(REPEAT):
            continue
        words = aliases(html.unescape(_TAG.sub(" ", section)), matcher)
        sections.append(section + (f"\n<p>{html.escape(' '.join(words))}</p>" if words else ""))
    return _plain_markup("".join(sections))


# Tags inside a line of text, dropped from the copy (their text stays, joined as a browser
# joins it), and attributes, dropped but for headings' ids (Pagefind links results to the
# heading above them). Pagefind's time and memory grow with the bytes it reads: at 10,000
# facts this makes the copies a third smaller. Everything left out by attribute is gone by
# then (`_LEFT_OUT`).
_INLINE_TAG = re.compile(r"</?(?:a|span|strong|em|b|i|sup|sub|code|abbr|small|mark|q|cite|"
                         r"time|bdi|del|ins|s|u)\b[^>]*>")
_TAG_ATTRIBUTES = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s[^>]*>")
_ID = re.compile(r'\sid="([^"]*)"')
_HEADINGS = {f"h{n}" for n in range(1, 7)}


def _plain_markup(content: str) -> str:
    def bare(tag: re.Match[str]) -> str:
        found = _ID.search(tag[0]) if tag[1] in _HEADINGS else None
        return f'<{tag[1]} id="{found[1]}">' if found else f"<{tag[1]}>"
    return _TAG_ATTRIBUTES.sub(bare, _INLINE_TAG.sub("", content))


def aliases(text: str, matcher: Matcher | None) -> list[str]:
    """Words a reader may type for what `text` says that it does not hold, each once."""
    extra = [w for s in (matcher.spellings_in(text) if matcher else []) for w in s.split()]
    return _unique([*extra, *_folded_words([text, *extra]), *number_forms(text)], text)


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
