"""The one naming service: a short and a long name for every id of a briefing.

Every stage that shows an id to a reader asks here: the analysis, every template, the
search index and the JSON export. So a thing is called the same everywhere, and a
reader never meets an id, a "None" or an "unknown publisher, untitled".

- The *short* name is for running text, links, table cells and lists: "CGTN",
  "Round 2", "News report, 2 Jun 2025".
- The *long* name is for a thing's own heading and page title: "CGTN, “Ukraine, Russia
  resume peace talks in Istanbul”, 2 June 2025", "Round 1: Istanbul talks".

An editor's `label` on any item replaces the default short name; the long name stays
the full one. Names are worked out on first use and kept: a large briefing names only
the items its pages show.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.markup import format_when
from generator.model import UNKNOWN, Briefing, Source, When
from generator.wording import MONTHS

# Words that say no more than a round's number: "Second round", "Round 2 of talks".
_ROUND_WORDS = frozenset((
    "round", "rounds", "the", "of", "talks", "session", "meeting", "negotiations", "first",
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth"))
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)?$")
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Name:
    """The two names of one thing (equal when there is nothing more to say)."""

    short: str
    long: str


def property_name(prop: str) -> str:
    """A claim property in words: 'actual-start' -> 'actual start'."""
    return prop.replace("-", " ").replace("_", " ")


def kind_name(kind: str) -> str:
    """A kind in words: 'news-report' -> 'news report'."""
    return kind.replace("-", " ").replace("_", " ")


def short_date(when: When) -> str:
    """'2 Jun 2025', 'Jun 2025', '2025': a date short enough for a name."""
    start = when.start
    if when.precision == "year":
        return str(start.year)
    month = MONTHS[start.month - 1][:3]
    if when.precision == "month":
        return f"{month} {start.year}"
    return f"{start.day} {month} {start.year}"


def title_adds(number: int, title: str | None) -> bool:
    """Whether a round's title says more than its number ("Second round" does not)."""
    if not title:
        return False
    words = _WORD.findall(title.casefold())
    return any(w not in _ROUND_WORDS and not _ORDINAL.match(w) and w != str(number)
               for w in words)


class Names:
    """Short and long names of a briefing's items, each worked out once on first use."""

    def __init__(self, briefing: Briefing) -> None:
        self.b = briefing
        self._cache: dict[str, Name] = {}
        self._sources = _source_names(briefing)
        # Sources the site names by their kind alone: a description, not a proper name.
        self._described = {sid for sid, s in briefing.sources.items()
                           if s.publisher == UNKNOWN and s.title == UNKNOWN and not s.label}
        self._items = {item.id: (doc, n) for doc in briefing.documents.values()
                       for n, item in enumerate(doc.items, 1)}
        self._labels = {label.id: (actor, label) for actor in briefing.actors.values()
                        for label in actor.labels}
        self.used: set[str] | None = None  # ids named, while a page records them

    def of(self, item_id: str) -> Name:
        if self.used is not None:
            self.used.add(item_id)
        name = self._cache.get(item_id)
        if name is None:
            name = self._cache[item_id] = self._name(item_id)
        return name

    def short(self, item_id: str | None) -> str:
        return self.of(item_id).short if item_id else ""

    def long(self, item_id: str | None) -> str:
        return self.of(item_id).long if item_id else ""

    @staticmethod
    def prop(prop: str) -> str:
        """A claim property in words: 'actual start'."""
        return property_name(prop)

    def sources(self, source_ids: Iterable[str]) -> list[str]:
        """Short names of sources, in the order of their names."""
        return sorted((self.short(s) for s in set(source_ids)), key=str.casefold)

    def in_text(self, item_id: str, start: bool = False) -> str:
        """The short name as a sentence uses it. A name the site made up for a source known
        only by its kind reads "the unattributed news report" inside a sentence ("The …"
        at its `start`); a proper name ("CGTN") or an editor's label stays as it is."""
        short = self.short(item_id)
        if item_id not in self._described:
            return short
        text = f"the {short[:1].lower()}{short[1:]}"
        return text[:1].upper() + text[1:] if start else text

    def sources_in_text(self, source_ids: Iterable[str]) -> list[str]:
        """`sources`, each as a sentence uses it (`in_text`)."""
        ordered = sorted(set(source_ids), key=lambda s: self.short(s).casefold())
        return [self.in_text(s) for s in ordered]

    def about(self, subject: str, prop: str) -> Name:
        """A property of a thing: 'Duration of Round 2'; of a fact, whose name is a label
        of its own: 'Aircraft destroyed (Strike on Russian air bases)'."""
        what = property_name(prop).capitalize()
        if subject in self.b.facts:
            return Name(f"{what} ({self.short(subject)})", f"{what} ({self.long(subject)})")
        return Name(f"{what} of {self.short(subject)}", f"{what} of {self.long(subject)}")

    def ids(self) -> list[str]:
        """Every id this service names, sorted (the JSON export lists their names)."""
        ids = [*self._sources]
        for section in (self.b.actors, self.b.places, self.b.issues, self.b.rounds,
                        self.b.facts, self.b.documents, self.b.positions, self.b.claims,
                        self.b.discrepancies):
            ids.extend(section)
        ids += [*self._items, *self._labels]
        return sorted(set(ids))

    # ------------------------------------------------------------------ defaults

    def _name(self, item_id: str) -> Name:
        b = self.b
        if item_id in self._sources:
            return self._sources[item_id]
        for table in (b.actors, b.places, b.issues):
            if item_id in table:
                item = table[item_id]
                return _labelled(item, item.name)
        if item_id in b.rounds:
            return _round_name(b.rounds[item_id])
        if item_id in b.documents:
            return _labelled(b.documents[item_id], b.documents[item_id].title)
        if item_id in b.facts:
            return self._fact(item_id)
        if item_id in b.claims:
            claim = b.claims[item_id]
            return _labelled(claim, *_pair(self.about(claim.subject, claim.property)))
        if item_id in b.positions:
            p = b.positions[item_id]
            short = f"{self.short(p.party)} on {self.short(p.issue)}"
            return _labelled(p, short, f"{short}, {format_when(p.as_of)}")
        if item_id in b.discrepancies:
            return _labelled(b.discrepancies[item_id], b.discrepancies[item_id].title)
        if item_id in self._items:
            doc, n = self._items[item_id]
            item = next(i for i in doc.items if i.id == item_id)
            return _labelled(item, f"Point {n} of {self.short(doc.id)}", item.text)
        if item_id in self._labels:
            actor, label = self._labels[item_id]
            text = f"“{label.text}” for {self.short(actor.id)}"
            return Name(text, text)
        return Name(item_id, item_id)

    def _fact(self, fact_id: str) -> Name:
        """A fact's default short name says what kind of fact and where it belongs."""
        fact = self.b.facts[fact_id]
        kind = kind_name(fact.kind).capitalize()
        if fact.round:
            short = f"{kind} of {self.short(fact.round)}"
        elif fact.when:
            short = f"{kind}, {short_date(fact.when)}"
        else:
            short = f"{kind}, undated"
        return _labelled(fact, short, fact.text)


def _pair(name: Name) -> tuple[str, str]:
    return name.short, name.long


def _labelled(item: Any, short: str, long: str | None = None) -> Name:
    """The editor's label, when given, replaces the default short name."""
    label = getattr(item, "label", None)
    return Name(label or short, long if long is not None else short)


def _round_name(rnd: Any) -> Name:
    short = f"Round {rnd.number}"
    label = getattr(rnd, "label", None)
    long = f"{short}: {rnd.title}" if title_adds(rnd.number, rnd.title) else short
    return Name(label or short, long)


def source_name(source: Source) -> Name:
    """A source's names from what is known of it, before any two are told apart."""
    known = source.publisher != UNKNOWN
    titled = source.title != UNKNOWN
    kind = kind_name(source.kind).capitalize()
    date = short_date(source.published) if source.published else None
    if known:
        short = source.publisher
    elif titled:
        short = source.title
    else:
        short = f"Unattributed {kind.lower()}" + (f", {date}" if date else "")
    parts = [source.publisher if known else f"Unattributed {kind.lower()}"]
    if titled:
        parts.append(f"“{source.title}”")
    if source.published:
        parts.append(format_when(source.published))
    long = ", ".join(parts)
    if not known and not titled:
        missing = "publisher and title" if source.published else "publisher, title or date"
        long += f" (no {missing} recorded)"
    return Name(source.label or short, long)


def _source_names(briefing: Briefing) -> dict[str, Name]:
    """Every source's names; sources that would share a short name get their date, then a
    number in id order, so that a reader can tell them apart."""
    names = {sid: source_name(s) for sid, s in sorted(briefing.sources.items())}
    shared = Counter(n.short for sid, n in names.items() if not briefing.sources[sid].label)
    for sid, name in names.items():
        source = briefing.sources[sid]
        if shared[name.short] > 1 and not source.label and source.published:
            date = short_date(source.published)
            if not name.short.endswith(date):
                names[sid] = Name(f"{name.short}, {date}", name.long)
    shared = Counter(n.short for n in names.values())
    seen: Counter[str] = Counter()
    for sid, name in names.items():
        if shared[name.short] > 1:
            seen[name.short] += 1
            names[sid] = Name(f"{name.short} ({seen[name.short]})", name.long)
    return names
