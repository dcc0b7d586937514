"""Text helpers for the templates: escaping, links, dates. They return text, never Markdown.

Everything a contributor writes in YAML is plain text. `escape_markdown` is the one
escape every template expression goes through (the Jinja environment applies it to each
`{{ }}` value, see `generator.render`): HTML and Markdown punctuation become numeric
character references, so `<script>` or `[x](javascript:…)` reach the reader as typed.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date, datetime
from functools import cache
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from generator.model import ClaimValue, When
from generator.wording import MONTHS, duration, offset

# Characters with a meaning in HTML or in Markdown (with our extensions): written as
# numeric references they show as typed and can start no tag, link, emphasis, list, table
# cell, heading, footnote or attribute list.
_SPECIAL = "&<>\"\\`*_{}[]()#+-.!|~^=:"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
# Control characters: Python-Markdown uses \x02 and \x03 as its own placeholders.
_TABLE.update({c: None for c in range(32) if chr(c) not in "\t\n\r"})
_TABLE[0x7F] = None
# After the first character, these mean something only next to a character that is
# escaped anyway (`](`, `![`, `{:`, `<…:`) or at the start of a line (`- `, `+ `, `1. `,
# `!!!`): they stay as typed. Prose is full of them, and every reference is one more
# inline match for Python-Markdown (about a tenth of a large build's conversion).
_INNER = {k: v for k, v in _TABLE.items() if chr(k) not in ".-():+!"}

_SPACE = re.compile(r"\s+")
_START = re.compile(r" *\d*.?", re.S)  # spaces, digits ("1." starts a list), one more



def escape_markdown(value: object) -> Markup:
    """Plain text as inert Markdown on one line (each run of whitespace becomes one space)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return _escape_text(str(value))


@cache  # names, dates and separators recur on every page (see clear_caches)
def _escape_text(text: str) -> Markup:
    # `isprintable` is false for every whitespace character but the space: one fast scan
    # instead of a regular expression (it matters for a text of megabytes).
    if "  " in text or not text.isprintable():
        text = _SPACE.sub(" ", text)
    start = _START.match(text).end()  # through the first sign of a list or heading
    return Markup(text[:start].translate(_TABLE) + text[start:].translate(_INNER))


def paragraphs(text: str | None) -> list[str]:
    """Blank-line separated paragraphs of a long text (summary, analysis)."""
    if not text:
        return []
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def front_matter(value: str) -> Markup:
    """A YAML scalar for the page front matter, HTML-escaped.

    Material writes `page.meta.title` into `<title>` and the navigation without escaping,
    so the title must already be HTML; JSON strings are valid YAML.
    """
    return Markup(json.dumps(html.escape(" ".join(value.split())), ensure_ascii=False))


def safe_url(url: str | None) -> Markup | None:
    """An http(s) URL ready for a Markdown link target, or None for anything else."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Percent-encode what could end the link target or open HTML: ( ) < > " ' space ` \.
    return Markup(quote(url.strip(), safe="/:?#@!$&*+,;=%~[]-._"))


@cache
def excerpt(text: str, limit: int = 90) -> str:
    """The start of a text, cut at a word, for compact lists and table cells."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


_SENTENCE_END = re.compile(r"(?<=[.!?…])[”’\"»)]*\s+(?=[A-Z“\"«‘(0-9])")


def lead(text: str, limit: int = 220) -> str:
    """The first whole sentences of a text that fit in `limit` characters (at least one):
    a summary on a list never stops mid-sentence."""
    text = " ".join(text.split())
    out = ""
    for sentence in _SENTENCE_END.split(text):
        if out and len(out) + 1 + len(sentence) > limit:
            break
        out = f"{out} {sentence}" if out else sentence
    return out


_OPENING = "\"“„«‘‚'‹「"
_CLOSING = "\"”“»’‘'›」"


_NESTED = str.maketrans("“”", "‘’")


@cache
def quoted(text: str) -> str:
    """Text in quotation marks, unless the source's own marks already enclose all of it.

    Double marks inside become single ones, as a quotation within a quotation is written
    (“fight the war ‘forever’”): two closing marks in a row read as a typo.
    """
    text = " ".join(text.split())
    if len(text) > 1 and text[0] in _OPENING and text[-1] in _CLOSING:
        return text
    return f"“{text.translate(_NESTED)}”"


@cache  # a fact's date is shown on several pages
def format_when(when: When | None, reported: str | None = None) -> str:
    """A date at the precision the source gave: "June 2025", "31 May–1 June 2025"."""
    if when is None:
        text = "Undated"
    elif when.precision == "interval" and "/" in when.text:
        first, last = when.text.split("/", 1)
        text = _format_range(when.start, _precision(first), when.end, _precision(last))
    else:
        text = _format_point(when.start, when.precision)
    if reported and " ".join(reported.casefold().split()) not in text.casefold():
        text += f" (reported as {quoted(reported)})"  # only wording that says more
    return text


def format_day(value: date | datetime) -> str:
    """A calendar day as pages write it: 3 March 2026."""
    return _format_point(value.date() if isinstance(value, datetime) else value, "day")


def _precision(text: str) -> str:
    if "T" in text:
        return "minute"
    return {4: "year", 7: "month"}.get(len(text), "day")


def _format_point(value: date | datetime, precision: str) -> str:
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return f"{MONTHS[value.month - 1]} {value.year}"
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if precision == "minute" and isinstance(value, datetime):
        text += f", {value:%H:%M} {offset(value.utcoffset())}"
    return text




def _format_range(start: date | datetime, p1: str, end: date | datetime, p2: str) -> str:
    """Shared month and year written once: "1–2 June 2025", "31 May–1 June 2025"."""
    if p1 == p2 == "day" and start.year == end.year:
        if start.month == end.month:
            return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
        return f"{start.day} {MONTHS[start.month - 1]}–{_format_point(end, 'day')}"
    if p1 == p2 == "month" and start.year == end.year:
        return f"{MONTHS[start.month - 1]}–{MONTHS[end.month - 1]} {end.year}"
    return f"{_format_point(start, p1)}–{_format_point(end, p2)}"


_APPROX = {"exact": "", "about": "about ", "over": "over ", "under": "under ",
           "at-least": "at least ", "at-most": "at most ", "a-little-over": "a little over ",
           "a-little-under": "a little under ", "between": "between "}


def format_value(value: ClaimValue | None) -> str:
    """How the analysis reads a claim: "over 40", "a little over 1 h", "1 June 2025 (Sunday)"."""
    if value is None:
        return ""
    approx = _APPROX.get(value.approx, f"{value.approx} ")
    if value.kind in ("date", "datetime") and value.when is not None:
        text = format_when(value.when)
        if value.weekday:
            text += f" ({value.weekday.capitalize()})"
        return approx + text
    if value.kind == "choice":
        return value.choice or ""
    amount = _amount(value.amount, value.kind, value.unit)
    if value.approx == "between" and value.upper is not None:
        return f"between {amount} and {_amount(value.upper, value.kind, value.unit)}"
    return approx + amount


def _amount(number: float | None, kind: str, unit: str | None) -> str:
    if number is None:
        return "?"
    if kind == "duration":
        return duration(number)
    text = f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"
    return f"{text} {unit}" if unit else text


@cache
def anchor_id(value: str) -> Markup:
    """An id as an HTML id and URL fragment; briefing ids already match this pattern."""
    return Markup(re.sub(r"[^a-z0-9_-]+", "-", str(value).lower()).strip("-") or "item")


def clear_caches() -> None:
    """Forget the cached texts once a briefing is rendered.

    The caches have no size limit: a fixed one made them thrash (and rendering slower than
    linear) once a briefing held more distinct ids or texts than the limit. They live for
    one briefing's rendering instead.
    """
    for cached in (_escape_text, excerpt, quoted, format_when, anchor_id):
        cached.cache_clear()
