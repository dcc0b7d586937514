"""Synthetic briefings for benchmarks: a valid briefing folder of any size, deterministically.

`write_synthetic_briefing(out_dir, facts=10_000)` writes `out_dir/synthetic-10000/` in the
format of `docs/reference/format.md`. Everything scales with the number of facts (at
10,000 facts: 1,000 sources, 300 actors, 60 rounds, 30 issues, ~10,000 claims), and the
files are split the way an editor would split them (one per round, sources and actors in
chunks of 100), so no file grows with the briefing. The same seed gives the same bytes.

    python benchmarks/synth.py --facts 10000 --out /tmp/briefings
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SCHEMA = "schema/briefing.schema.json"
MAX_FILE_BYTES = 1_000_000
CHUNK = 100  # items per file for sources, actors, places
MAIN_PARTIES = 12  # parties with positions: a third of the governments, at most this many

_WORDS = """
the of and to in a on for that with said talks delegation minister officials would
after from at by ceasefire agreement proposal exchange prisoners meeting round statement
not was were has have had will could should also which their they its over about
security border forces troops withdrawal guarantees humanitarian corridor civilians aid
memorandum document draft points list demands conditions terms framework roadmap
president foreign spokesman adviser envoy mediator host palace hotel ministry capital
sides parties both two three first second next week month year day hours morning evening
progress positions stance sanctions energy infrastructure grain port shipping navigation
nuclear plant inspectors monitoring mission observers negotiators technical working group
children return families bodies remains wounded detainees release list names lawyers
reported according agency sources familiar matter confirmed denied declined comment
briefing journalists press conference television channel interview remarks later earlier
before during while between among within without despite against towards under along
new final initial further direct indirect broader limited full partial temporary lasting
"""
_STEMS = """
kar sel ven dor mir tal bes gor lun pav ost rav sim tol vel zar ber dan fen hal kos lem
nor pol ras tar vin yel zan bog cer dul gav jar kul mar nik ord pes rud sol tur vol
"""
VOCABULARY = tuple(_WORDS.split())

STEMS = tuple(_STEMS.split())
ACCENTED = "çğışöüéèàñłżřáíóúâêô"
ENDINGS = ("a", "o", "ev", "ova", "enko", "ić", "ak", "ski", "an", "in", "er", "ay", "ır", "eş")
PLACE_ENDINGS = ("ova", "grad", "köy", "ay", "dağ", "ıca", "ville", "burg", "ec", "iça", "ino")
CYRILLIC = dict(zip("abvgdezijklmnoprstufhc", "абвгдезийклмнопрстуфхц", strict=True))
FOLD = {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss"}

ISSUE_TOPICS = (
    "ceasefire", "prisoner exchange", "territory", "humanitarian corridors", "sanctions",
    "energy infrastructure", "Black Sea navigation", "nuclear plant safety",
    "return of children", "security guarantees", "grain exports", "missing persons",
    "sea ports", "air defence", "reconstruction", "elections", "language rights",
    "church property", "water supply", "border crossings",
)
ISSUE_QUALIFIERS = ("", "in the north", "in the south", "monitoring", "timetable", "funding")
LABELS = ("state-run", "independent", "pro-government", "opposition-leaning",
          "public broadcaster", "privately owned", "state-funded")
ROLE_TITLES = ("Foreign Minister", "Defence Minister", "Presidential aide", "Ambassador",
               "Deputy Foreign Minister", "Chief of Staff", "Spokesperson", "Envoy")
MEMBER_ROLES = ("head", "deputy", "member", "member", "member", "adviser")
SOURCE_KINDS = ("news-report", "news-report", "wire-report", "wire-report",
                "official-statement", "document", "interview", "broadcast",
                "social-media-post", "other")
FACT_KINDS = ("event", "event", "event", "statement", "statement", "agenda", "outcome",
              "next-step", "background")
STATUSES = ("proposed", "demanded", "offered", "accepted", "agreed", "rejected",
            "supported", "opposed", "conditional", "unclear")
DISCREPANCY_STATUSES = ("open", "explained", "resolved", "dismissed")
LANGUAGES = ("en", "en", "en", "ru", "uk", "tr", "fr", "de")
ZONES = ("+03:00", "+03:00", "+02:00", "Z", "+01:00", "-05:00")
WHEN_SAID = ("on Monday", "over the weekend", "late on Sunday", "earlier this month",
             "on Friday evening", "last week", "in the early hours")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
CHOICES = ("English", "Russian", "Ukrainian", "Turkish", "French")
PLAIN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


# ---------------------------------------------------------------- sizes


@dataclass(frozen=True, slots=True)
class Sizes:
    """How many of each kind a briefing of `facts` facts holds."""

    facts: int
    sources: int
    actors: int
    rounds: int
    issues: int
    places: int
    documents: int
    claims: int
    positions: int
    discrepancies: int


def sizes_for(facts: int) -> Sizes:
    """Proportional counts, with floors so that tiny briefings still have every kind."""
    rounds = max(2, round(facts / 166))
    return Sizes(
        facts=facts,
        sources=max(rounds * 8, facts // 10),
        actors=max(30, round(facts * 0.03)),
        rounds=rounds,
        issues=max(3, round(facts / 333)),
        places=max(10, facts // 100),
        documents=max(2, facts // 100),
        claims=facts,
        positions=max(6, facts // 10),
        discrepancies=max(2, facts // 200),
    )


# ---------------------------------------------------------------- text


class Text:
    """Deterministic words, names and sentences from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.cum = _zipf_weights(len(VOCABULARY))

    def words(self, low: int, high: int) -> list[str]:
        n = self.rng.randint(low, high)
        return self.rng.choices(VOCABULARY, cum_weights=self.cum, k=n)

    def sentence(self, low: int = 15, high: int = 40) -> str:
        words = self.words(low, high)
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), str(self.rng.randint(2, 900)))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def title(self) -> str:
        return self.sentence(6, 14).rstrip(".")

    def name(self, endings: tuple[str, ...] = ENDINGS) -> str:
        stem = "".join(self.rng.choice(STEMS) for _ in range(self.rng.randint(1, 2)))
        if self.rng.random() < 0.5:
            i = self.rng.randrange(len(stem))
            stem = stem[:i] + self.rng.choice(ACCENTED) + stem[i + 1 :]
        return (stem + self.rng.choice(endings)).capitalize()


def _zipf_weights(n: int) -> list[float]:
    total, cum = 0.0, []
    for rank in range(1, n + 1):
        total += 1 / rank
        cum.append(total)
    return cum


def fold(text: str) -> str:
    """ASCII form of a name: the alias a reader without the diacritics would type."""
    text = "".join(FOLD.get(c, c) for c in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def cyrillic(text: str) -> str:
    return "".join(CYRILLIC.get(c, c) for c in fold(text).lower()).capitalize()


# ---------------------------------------------------------------- dates


START = date(2019, 1, 7)


def day(d: date) -> str:
    return d.isoformat()


def minute(d: date, rng: random.Random) -> str:
    return f"{d.isoformat()}T{rng.randint(6, 22):02d}:{rng.choice((0, 15, 30, 42)):02d}" + (
        rng.choice(ZONES)
    )


def when_near(d: date, rng: random.Random) -> str:
    """A `when` at one of the five precisions, near day `d`."""
    r = rng.random()
    if r < 0.5:
        return day(d)
    if r < 0.7:
        return minute(d, rng)
    if r < 0.8:
        return d.isoformat()[:7]
    if r < 0.85:
        return str(d.year)
    return f"{day(d)}/{day(d + timedelta(days=rng.randint(1, 3)))}"


# ---------------------------------------------------------------- the world


@dataclass(slots=True)
class World:
    """Ids generated so far, for references; `used` enforces one namespace for all ids."""

    rng: random.Random
    text: Text
    sizes: Sizes
    used: set[str] = field(default_factory=set)
    governments: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    delegations: dict[str, str] = field(default_factory=dict)  # id -> its government
    outlets: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    venues: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    issues: list[str] = field(default_factory=list)
    round_sources: list[list[str]] = field(default_factory=list)  # by round index
    any_sources: list[str] = field(default_factory=list)  # a few per round
    round_dates: list[date] = field(default_factory=list)
    english: set[str] = field(default_factory=set)  # sources in English: phrases readable

    def new_id(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate

    def cite(self, sources: list[str], k: int = 1) -> list[Any]:
        """`k` citations from distinct sources, in the short and the long form."""
        return [self.citation(s) for s in self.rng.sample(sources, min(k, len(sources)))]

    def citation(self, source: str, quote: str | None = None) -> Any:
        r = self.rng.random()
        if r < 0.6 and quote is None:
            return source
        locator = f"paragraph {self.rng.randint(1, 12)}"
        cited: dict[str, Any] = {"source": source, "locator": locator}
        if quote is not None:
            cited["quote"] = quote
        if r > 0.85 and self.outlets:
            outlet_id, outlet_name = self.rng.choice(self.outlets)
            cited["via"] = outlet_id
            cited["via_note"] = f"according to {outlet_name}"
        return cited


def build_places(w: World) -> list[dict[str, Any]]:
    n = w.sizes.places
    countries = [_place(w, "country", None) for _ in range(max(2, n // 10))]
    cities = [_place(w, "city", w.rng.choice(countries)["id"]) for _ in range(max(2, n * 3 // 10))]
    venues = [_place(w, "venue", w.rng.choice(cities)["id"]) for _ in range(max(2, n * 6 // 10))]
    w.venues = [v["id"] for v in venues]
    w.places = [p["id"] for p in countries + cities + venues]
    return countries + cities + venues


def _place(w: World, kind: str, within: str | None) -> dict[str, Any]:
    name = w.text.name(PLACE_ENDINGS)
    if kind == "venue":
        name = f"{name} {w.rng.choice(('Palace', 'Hotel', 'Conference Centre', 'Residence'))}"
    place: dict[str, Any] = {"id": w.new_id(slug(name)), "name": name, "kind": kind}
    if fold(name) != name:
        place["aliases"] = [fold(name)]
    if within:
        place["within"] = within
    return place




def plan_rounds(w: World) -> None:
    """Reserve the round ids and fix their dates: weekly, from START."""
    for i in range(w.sizes.rounds):
        w.used.add(f"round-{i + 1}")
        w.round_dates.append(START + timedelta(days=7 * i + w.rng.randint(0, 2)))


def build_issues(w: World) -> list[dict[str, Any]]:
    names = [f"{t} {q}".strip().capitalize() for q in ISSUE_QUALIFIERS for t in ISSUE_TOPICS]
    issues = []
    for i in range(w.sizes.issues):
        name = names[i % len(names)] + ("" if i < len(names) else f" ({i // len(names) + 1})")
        issue: dict[str, Any] = {"id": w.new_id(slug(name)), "name": name,
                                 "description": w.text.sentence(10, 25)}
        if w.rng.random() < 0.3:
            issue["aliases"] = [w.rng.choice(VOCABULARY[:60])]
        issues.append(issue)
    w.issues = [i["id"] for i in issues]
    return issues


# ---------------------------------------------------------------- actors


def build_outlets_and_governments(w: World) -> list[dict[str, Any]]:
    """The actors sources need (publishers) and everything else refers to (governments)."""
    n = w.sizes.actors
    governments = [_government(w) for _ in range(max(3, n // 10))]
    outlets = [_outlet(w) for _ in range(max(3, n // 10))]
    return governments + outlets


def build_people(w: World, outlets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Persons, organisations and delegations; labels for the outlets (they need sources)."""
    for outlet in outlets:
        if outlet["kind"] == "outlet":
            _label(w, outlet)
    n = w.sizes.actors - len(outlets)
    n_delegations = max(3, w.sizes.actors * 15 // 100)
    organisations = [_organisation(w) for _ in range(max(1, w.sizes.actors // 20))]
    persons = [_person(w) for _ in range(max(6, n - n_delegations - len(organisations)))]
    governments = w.governments * (n_delegations // len(w.governments) + 1)
    delegations = [_delegation(w, g) for g in governments[:n_delegations]]
    return organisations + persons + delegations


def _government(w: World) -> dict[str, Any]:
    country = w.text.name(PLACE_ENDINGS)
    actor = {"id": w.new_id(slug(country)), "name": f"Government of {country}",
             "kind": "government"}
    w.governments.append(actor["id"])
    return actor


def _outlet(w: World) -> dict[str, Any]:
    name = f"{w.text.name(PLACE_ENDINGS)} {w.rng.choice(('News', 'Agency', 'TV', 'Daily'))}"
    outlet_id = w.new_id(slug(name))
    w.outlets.append((outlet_id, name))
    return {"id": outlet_id, "name": name, "kind": "outlet"}


def _label(w: World, outlet: dict[str, Any]) -> None:
    labels = [
        {"id": w.new_id(f"{outlet['id']}-label-{i + 1}"), "text": w.rng.choice(LABELS),
         "citations": w.cite(w.any_sources, 1)}
        for i in range(w.rng.randint(0, 2))
    ]
    if labels:
        outlet["labels"] = labels


def _organisation(w: World) -> dict[str, Any]:
    name = f"{w.text.name(PLACE_ENDINGS)} {w.rng.choice(('Council', 'Committee', 'Foundation'))}"
    return {"id": w.new_id(slug(name)), "name": name, "kind": "organisation",
            "description": w.text.sentence(10, 25)}


def _person(w: World) -> dict[str, Any]:
    name = f"{w.text.name()} {w.text.name()}"
    actor: dict[str, Any] = {"id": w.new_id(slug(name)), "name": name, "kind": "person"}
    if w.rng.random() < 0.6:
        actor["aliases"] = sorted({fold(name), cyrillic(name)} - {name})
    if w.rng.random() < 0.3:
        actor["description"] = w.text.sentence(10, 25)
    actor["roles"] = [_role(w) for _ in range(w.rng.randint(1, 2))]
    w.persons.append(actor["id"])
    return actor


def _role(w: World) -> dict[str, Any]:
    start = START - timedelta(days=w.rng.randint(0, 3000))
    role: dict[str, Any] = {"title": w.rng.choice(ROLE_TITLES), "of": w.rng.choice(w.governments),
                            "from": start.isoformat()[: w.rng.choice((4, 7, 10))]}
    if w.rng.random() < 0.3:
        role["until"] = (start + timedelta(days=w.rng.randint(400, 2000))).isoformat()[:7]
    role["citations"] = w.cite(w.any_sources, 1)
    return role


def _delegation(w: World, government: str) -> dict[str, Any]:
    """A government's delegation (some have several, for different tracks)."""
    delegation_id = w.new_id(f"{government}-delegation")
    people = w.rng.sample(w.persons, min(len(w.persons), w.rng.randint(3, 8)))
    members = []
    for i, person in enumerate(people):
        role = MEMBER_ROLES[i] if i < 2 else w.rng.choice(MEMBER_ROLES[2:])
        member: dict[str, Any] = {"actor": person, "role": role}
        if i > 0 and w.rng.random() < 0.2:
            member["rounds"] = sorted({f"round-{w.rng.randint(1, w.sizes.rounds)}" for _ in "ab"})
        member["citations"] = w.cite(w.any_sources, 1)
        members.append(member)
    w.delegations[delegation_id] = government
    return {"id": delegation_id, "name": f"Delegation of {government.replace('-', ' ').title()}",
            "kind": "delegation", "members": members}


# ---------------------------------------------------------------- sources


def build_sources(w: World) -> list[dict[str, Any]]:
    """Sources, each published around one round: the facts of that round cite them."""
    w.round_sources = [[] for _ in range(w.sizes.rounds)]
    out = []
    for i in range(w.sizes.sources):
        index = i % w.sizes.rounds
        source = _source(w, w.round_dates[index], i)
        w.round_sources[index].append(source["id"])
        out.append(source)
    w.any_sources = [s for sources in w.round_sources for s in sources[:3]]
    return out


def _source(w: World, d: date, i: int) -> dict[str, Any]:
    rng = w.rng
    publisher = rng.choice(w.outlets)[1] if rng.random() > 0.05 else "unknown"
    source_id = w.new_id(f"{slug(publisher)[:20].strip('-')}-{d.isoformat()}-{i + 1}")
    url = "unknown" if rng.random() < 0.1 else f"https://{slug(publisher)}.example/{source_id}"
    source: dict[str, Any] = {"id": source_id, "title": w.text.title(), "publisher": publisher,
                              "url": url}
    if rng.random() < 0.3:
        source["archive_url"] = f"https://archive.example/{source_id}"
    source["published"] = rng.choice(
        (day(d), day(d), day(d + timedelta(days=1)), minute(d, rng), "unknown"))
    if rng.random() < 0.1:
        source["published_note"] = "updated the same day; the page does not state the time zone"
    source.update(language=rng.choice(LANGUAGES), kind=rng.choice(SOURCE_KINDS))
    if source["language"] == "en":
        w.english.add(source_id)
    if rng.random() < 0.1:
        source["notes"] = w.text.sentence(8, 20)
    return source


# ---------------------------------------------------------------- rounds and facts


def spread(total: int, parts: int) -> list[int]:
    """`total` split into `parts` near-equal whole numbers, the larger ones first."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def build_round(w: World, i: int) -> dict[str, Any]:
    d, rng = w.round_dates[i], w.rng
    date_value = day(d) if rng.random() < 0.8 else f"{day(d)}/{day(d + timedelta(days=1))}"
    return {
        "id": f"round-{i + 1}", "number": i + 1, "title": f"Round {i + 1} of direct talks",
        "date": date_value, "venue": rng.choice(w.venues), "hosts": [rng.choice(w.governments)],
        "mediators": [rng.choice(w.persons)],
        "delegations": _delegations(w),
        "summary": w.text.sentence(20, 40),
        "citations": w.cite(w.round_sources[i], rng.randint(1, 3)),
    }


def _delegations(w: World) -> list[str]:
    """Two or three delegations of different governments."""
    chosen: dict[str, str] = {}
    for delegation in w.rng.sample(sorted(w.delegations), len(w.delegations)):
        chosen.setdefault(w.delegations[delegation], delegation)
    return list(chosen.values())[: w.rng.randint(2, 3)]


def build_fact(
    w: World, fact_id: str, d: date, sources: list[str], round_id: str | None
) -> dict[str, Any]:
    rng = w.rng
    fact: dict[str, Any] = {"id": w.new_id(fact_id), "kind": rng.choice(FACT_KINDS),
                            "text": w.text.sentence()}
    if rng.random() < 0.95:
        fact["when"] = when_near(d + timedelta(days=rng.randint(-1, 2)), rng)
    if rng.random() < 0.1:
        fact["when_reported"] = rng.choice(WHEN_SAID)
    if round_id:
        fact["round"] = round_id
    fact["actors"] = rng.sample(w.persons + w.governments, rng.randint(1, 3))
    if rng.random() < 0.5:
        fact["places"] = rng.sample(w.places, rng.randint(1, 2))
    if rng.random() < 0.6:
        fact["issues"] = rng.sample(w.issues, min(len(w.issues), rng.randint(1, 2)))
    fact["citations"] = w.cite(sources, rng.choice((1, 1, 2, 3)))
    return fact


def build_background(w: World, count: int) -> list[dict[str, Any]]:
    """Facts before the talks, not tied to a round: coarser dates, any source."""
    facts = []
    for k in range(count):
        d = START - timedelta(days=w.rng.randint(30, 3650))
        facts.append(build_fact(w, f"background-{k + 1}", d, w.any_sources, None))
    return facts


def build_document(w: World, i: int, k: int) -> dict[str, Any]:
    """A document with points; half the time one source reports only some (a coverage gap)."""
    rng, sources = w.rng, w.round_sources[i]
    kind = rng.choice(("memorandum", "roadmap", "list", "letter", "draft"))
    doc_id = w.new_id(f"r{i + 1}-{kind}-{k + 1}")
    citing = rng.sample(sources, min(len(sources), rng.randint(2, 4)))
    author, recipient = rng.sample(w.governments, 2)
    items = []
    for n in range(rng.randint(3, 8)):
        cited = [s for j, s in enumerate(citing) if j == 0 or rng.random() < 0.8]
        items.append({"id": w.new_id(f"{doc_id}-point-{n + 1}"), "text": w.text.sentence(10, 30),
                      "citations": cited})
    return {"id": doc_id, "title": w.text.title(), "kind": kind, "author": author,
            "recipient": recipient, "round": f"round-{i + 1}", "when": day(w.round_dates[i]),
            "description": w.text.sentence(15, 30), "citations": citing, "items": items}


def build_position(w: World, i: int) -> dict[str, Any]:
    """A main party's stance on an issue as of this round: the same pairs recur over time."""
    rng = w.rng
    party = rng.choice(w.governments[: min(MAIN_PARTIES, max(2, len(w.governments) // 3))])
    issue = rng.choice(w.issues)
    as_of = day(w.round_dates[i])
    return {"id": w.new_id(f"{party}-{issue}-{as_of}"), "issue": issue, "party": party,
            "stance": w.text.sentence(10, 30), "status": rng.choice(STATUSES), "as_of": as_of,
            "citations": w.cite(w.round_sources[i], rng.randint(1, 2))}


# ---------------------------------------------------------------- claims

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ROUND_PROPERTIES = (("duration", "duration"), ("actual-start", "datetime"),
                    ("scheduled-start", "datetime"), ("date", "date"), ("language", "choice"))
FACT_PROPERTIES = (("prisoners-exchanged", "count"), ("bodies-returned", "count"),
                   ("participants", "count"), ("distance", "quantity"), ("date", "date"),
                   ("start-time", "datetime"), ("duration", "duration"))
DOCUMENT_PROPERTIES = (("page-count", "count"), ("handed-over", "date"), ("points", "count"))


@dataclass(slots=True)
class Phrase:
    """What a source wrote and the comparable value; `plain` ones may leave `value` out."""

    reported: str
    value: dict[str, Any]
    plain: bool = False


def hours(h: int) -> str:
    return "an hour" if h == 1 else f"{NUMBER_WORDS[h] if h < len(NUMBER_WORDS) else h} hours"


def fmt_duration(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return (f"{h}h" if h else "") + (f"{m}m" if m or not h else "")


def duration_phrase(minutes: int, rng: random.Random) -> Phrase:
    h, m = divmod(minutes, 60)
    form = rng.randrange(5)
    if form == 0 and h and 0 < m <= h * 12:  # within the quarter "a little" allows
        value = {"duration": f"{h}h", "approx": "a-little-over"}
        return Phrase(f"a little over {hours(h)}", value, True)
    r = round(minutes / 60)
    if form == 1 and r >= 1 and abs(r * 60 - minutes) <= r * 9:  # within "about" (20 %)
        return Phrase(f"about {hours(r)}", {"duration": f"{r}h", "approx": "about"}, True)
    if form == 2 and minutes > 15:
        lower = (minutes - 1) // 15 * 15
        value = {"duration": fmt_duration(lower), "approx": "over"}
        return Phrase(f"more than {lower} minutes", value)
    if form == 3 and h and 1 < h + 1 < len(NUMBER_WORDS):
        return Phrase(f"between {NUMBER_WORDS[h]} and {NUMBER_WORDS[h + 1]} hours",
                      {"duration": f"{h}h", "approx": "between", "to": f"{h + 1}h"})
    parts = (f"{h} hour{'s' * (h > 1)}" if h else "", f"{m} minutes" if m else "")
    text = " ".join(p for p in parts if p)
    return Phrase(text, {"duration": fmt_duration(minutes)}, True)


def count_phrase(n: int, rng: random.Random) -> Phrase:
    form = rng.randrange(5)
    lower = (n - 1) // 10 * 10
    if form == 0 and n >= 20:
        r = int(float(f"{n:.2g}"))
        return Phrase(f"about {r:,}", {"count": r, "approx": "about"}, True)
    if form == 1 and lower > 0:
        return Phrase(f"over {lower:,}", {"count": lower, "approx": "over"}, True)
    if form == 2:
        return Phrase(f"at least {n:,}", {"count": n, "approx": "at-least"})
    if form == 3 and lower > 0:
        return Phrase(f"between {lower:,} and {lower + 10:,}",
                      {"count": lower, "approx": "between", "to": lower + 10})
    return Phrase(f"{n:,}", {"count": n}, True)


def quantity_phrase(q: float, rng: random.Random) -> Phrase:
    if rng.random() < 0.5 and abs(round(q) - q) <= 0.15 * q:
        value = {"quantity": round(q), "unit": "km", "approx": "about"}
        return Phrase(f"about {round(q)} kilometres", value)
    return Phrase(f"{q} km", {"quantity": q, "unit": "km"})


def date_phrase(d: date, rng: random.Random) -> Phrase:
    said = d + timedelta(days=1) if rng.random() < 0.05 else d  # a wrong weekday, now and then
    form = rng.randrange(3)
    if form == 0:
        weekday = WEEKDAYS[said.weekday()]
        return Phrase(f"on {weekday.capitalize()}, {d.day} {MONTHS[d.month - 1]}",
                      {"date": day(d), "weekday": weekday})
    if form == 1:
        return Phrase(f"in {MONTHS[d.month - 1]} {d.year}", {"date": day(d)[:7]})
    return Phrase(f"on {d.day} {MONTHS[d.month - 1]} {d.year}", {"date": day(d)})


def datetime_phrase(d: date, minutes: int, rng: random.Random) -> Phrase:
    h, m = divmod(minutes, 60)
    stamp = f"{day(d)}T{h:02d}:{m:02d}+03:00"
    if rng.random() < 0.4:
        return Phrase(f"around {h}:{m:02d} local time", {"datetime": stamp, "approx": "about"})
    return Phrase(f"at {h:02d}:{m:02d} (UTC+3)", {"datetime": stamp})


def truth(kind: str, d: date, rng: random.Random) -> Any:
    """The value a group of sources reports (each in its own words)."""
    return {
        "duration": lambda: rng.randint(40, 300),
        "count": lambda: rng.choice((rng.randint(3, 60), rng.randint(100, 2000))),
        "quantity": lambda: round(rng.uniform(0.5, 40), 1),
        "date": lambda: d + timedelta(days=rng.randint(-2, 2)),
        "datetime": lambda: rng.randint(8 * 60, 20 * 60),
        "choice": lambda: rng.choice(CHOICES),
    }[kind]()


def conflicting(kind: str, value: Any, rng: random.Random) -> Any:
    """A value that cannot be the same as `value`, whatever the phrasing."""
    if kind == "date":
        return value + timedelta(days=rng.choice((-3, 3)))
    if kind == "choice":
        return CHOICES[(CHOICES.index(value) + 1) % len(CHOICES)]
    if kind == "datetime":
        return min(value + 180, 23 * 60)
    return value * 3 + (1 if kind == "count" else 0)


def phrase(kind: str, value: Any, d: date, rng: random.Random) -> Phrase:
    if kind == "duration":
        return duration_phrase(value, rng)
    if kind == "count":
        return count_phrase(value, rng)
    if kind == "quantity":
        return quantity_phrase(value, rng)
    if kind == "date":
        return date_phrase(value, rng)
    if kind == "datetime":
        return datetime_phrase(d, value, rng)
    return Phrase(f"in {value}", {"choice": value})


@dataclass(slots=True)
class ClaimGroup:
    claims: list[dict[str, Any]]
    conflict: bool


def claim_group(w: World, subject: str, prop: tuple[str, str], d: date, sources: list[str],
                size: int) -> ClaimGroup:
    """`size` sources' values for one property of one subject, sometimes contradicting."""
    rng, (name, kind) = w.rng, prop
    value = truth(kind, d, rng)
    conflict = size > 1 and rng.random() < 0.25
    claims = []
    for j, source in enumerate(rng.sample(sources, size)):
        said = conflicting(kind, value, rng) if conflict and j == size - 1 else value
        p = phrase(kind, said, d, rng)
        claim: dict[str, Any] = {"id": w.new_id(f"{subject}-{name}-{j + 1}"), "subject": subject,
                                 "property": name, "reported": p.reported}
        # Only an English source's phrase is read without a value (same draws as before).
        if not (p.plain and rng.random() < 0.3 and source in w.english):
            claim["value"] = Flow(p.value)
        quote = p.reported if rng.random() < 0.3 else None
        claim["citations"] = [w.citation(source, quote)]
        claims.append(claim)
    return ClaimGroup(claims, conflict)


def build_claims(w: World, i: int, facts: list[dict[str, Any]], documents: list[dict[str, Any]],
                 budget: int) -> list[ClaimGroup]:
    """About `budget` claims for round `i`: on the round, its documents and its facts."""
    rng, sources, d = w.rng, w.round_sources[i], w.round_dates[i]
    subjects = [(f"round-{i + 1}", p) for p in ROUND_PROPERTIES]
    subjects += [(doc["id"], p) for doc in documents for p in DOCUMENT_PROPERTIES]
    groups: list[ClaimGroup] = []
    taken: set[tuple[str, str]] = set()
    while budget > 0:
        if subjects:
            subject, prop = subjects.pop(0)
        else:
            subject, prop = rng.choice(facts)["id"], rng.choice(FACT_PROPERTIES)
        if (subject, prop[0]) in taken:
            continue
        taken.add((subject, prop[0]))
        size = min(rng.randint(2, 6), budget, len(sources))
        groups.append(claim_group(w, subject, prop, d, sources, size))
        budget -= size
    return groups


def build_discrepancies(w: World, groups: list[ClaimGroup]) -> list[dict[str, Any]]:
    """Editors' records: mostly of conflicts, some of agreeing pairs (dismissed)."""
    rng = w.rng
    conflicts = [g for g in groups if g.conflict]
    agreeing = [g for g in groups if not g.conflict and len(g.claims) > 1]
    n = w.sizes.discrepancies
    chosen = rng.sample(conflicts, min(len(conflicts), n - n // 5))
    chosen += rng.sample(agreeing, min(len(agreeing), n - len(chosen)))
    out = []
    for k, group in enumerate(chosen):
        first, last = group.claims[0], group.claims[-1]
        status = rng.choice(DISCREPANCY_STATUSES) if group.conflict else "dismissed"
        record: dict[str, Any] = {
            "id": w.new_id(f"discrepancy-{k + 1}"),
            "title": f"{first['property'].replace('-', ' ').capitalize()} of {first['subject']}",
            "claims": [first["id"], last["id"]], "status": status,
            "analysis": w.text.sentence(20, 40),
        }
        if rng.random() < 0.5:
            record["citations"] = [first["citations"][0] if isinstance(first["citations"][0], str)
                                   else first["citations"][0]["source"]]
        out.append(record)
    return out


# ---------------------------------------------------------------- YAML


class Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line, `{duration: "1h", approx: about}`, as editors write values."""


def scalar(value: Any) -> str:
    """A scalar that YAML 1.2 and 1.1 read back as the same value: ids plain, text quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if PLAIN.fullmatch(value) and value not in RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def emit(value: Any, indent: int = 0) -> list[str]:
    """Block-style YAML lines for a mapping or a list, lists of scalars in flow style."""
    pad = " " * indent
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if isinstance(item, Flow):
                inner = ", ".join(f"{k}: {scalar(v)}" for k, v in item.items())
                lines.append(f"{pad}{key}: {{{inner}}}")
            elif isinstance(item, dict) or (isinstance(item, list) and _has_mappings(item)):
                lines.append(f"{pad}{key}:")
                lines.extend(emit(item, indent + 2))
            elif isinstance(item, list):
                lines.append(f"{pad}{key}: [{', '.join(scalar(v) for v in item)}]")
            else:
                lines.append(f"{pad}{key}: {scalar(item)}")
        return lines
    lines = []
    for item in value:
        if isinstance(item, dict):
            inner = emit(item, indent + 2)
            lines.append(f"{pad}- {inner[0][indent + 2 :]}")
            lines.extend(inner[1:])
        else:
            lines.append(f"{pad}- {scalar(item)}")
    return lines


def _has_mappings(items: list[Any]) -> bool:
    return any(isinstance(i, dict) for i in items)


def to_yaml(sections: dict[str, Any], depth: int) -> str:
    """One file: the schema line (relative to the file, `depth` folders below the briefing)."""
    header = f"# yaml-language-server: $schema={'../' * (depth + 2)}{SCHEMA}"
    body = []
    for section, items in sections.items():
        body.append(f"{section}:")
        body.extend(emit(items, 2))
    return "\n".join([header, *body]) + "\n"


# ---------------------------------------------------------------- the folder


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[k : k + size] for k in range(0, len(items), size)]


def build_files(facts: int, seed: int = 1) -> dict[str, dict[str, Any]]:
    """Every file of the briefing: relative path -> its sections, in a fixed order."""
    rng = random.Random(seed)
    w = World(rng, Text(rng), sizes_for(facts))
    plan_rounds(w)
    files: dict[str, dict[str, Any]] = {}
    places, issues = build_places(w), build_issues(w)
    early = build_outlets_and_governments(w)
    sources = build_sources(w)
    actors = early + build_people(w, early)
    files.update(_chunked("places", places, CHUNK))
    files.update(_chunked("actors", actors, CHUNK))
    files.update(_chunked("sources", sources, CHUNK))
    groups = _rounds(w, files)
    background = build_background(w, facts - sum(len(f.get("facts", [])) for f in files.values()))
    files.update(_chunked("facts", background, 250, folder="background"))
    files.update(_chunked("discrepancies", build_discrepancies(w, groups), CHUNK))
    files["briefing.yaml"] = {"briefing": _briefing(w), "issues": issues}
    return files


def _chunked(
    section: str, items: list[Any], size: int, folder: str | None = None
) -> dict[str, Any]:
    folder = folder or section
    return {f"{folder}/{folder}-{k + 1:03d}.yaml": {section: chunk}
            for k, chunk in enumerate(chunks(items, size))}


def _rounds(w: World, files: dict[str, dict[str, Any]]) -> list[ClaimGroup]:
    """One file per round (the round, its facts, documents, positions) and one for its claims."""
    n = w.sizes.rounds
    in_rounds = w.sizes.facts - w.sizes.facts // 10
    plan = zip(spread(in_rounds, n), spread(w.sizes.documents, n), spread(w.sizes.positions, n),
               spread(w.sizes.claims, n), strict=True)
    groups: list[ClaimGroup] = []
    for i, (n_facts, n_docs, n_positions, n_claims) in enumerate(plan):
        facts = [build_fact(w, f"r{i + 1}-{k + 1}", w.round_dates[i], w.round_sources[i],
                            f"round-{i + 1}") for k in range(n_facts)]
        documents = [build_document(w, i, k) for k in range(n_docs)]
        positions = [build_position(w, i) for _ in range(n_positions)]
        round_groups = build_claims(w, i, facts, documents, n_claims)
        sections = {"rounds": [build_round(w, i)], "facts": facts, "documents": documents,
                    "positions": positions}
        files[f"rounds/round-{i + 1:03d}.yaml"] = {k: v for k, v in sections.items() if v}
        files[f"claims/round-{i + 1:03d}.yaml"] = {
            "claims": [c for g in round_groups for c in g.claims]}
        groups.extend(round_groups)
    return groups


def _briefing(w: World) -> dict[str, Any]:
    return {
        "title": f"Synthetic briefing ({w.sizes.facts:,} facts)",
        "summary": "Generated for benchmarks: " + w.text.sentence(20, 40),
        "period": Flow({"start": day(w.round_dates[0]), "end": day(w.round_dates[-1])}),
        "last_reviewed": day(w.round_dates[-1] + timedelta(days=1)),
        "about_tolerance": 0.2,
    }


def write_synthetic_briefing(out_dir: Path, facts: int, seed: int = 1) -> Path:
    """Write the briefing folder `out_dir/synthetic-<facts>/` and return it.

    The folder must not exist yet or be empty: benchmarks write into fresh directories.
    """
    folder = Path(out_dir) / f"synthetic-{facts}"
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty")
    for rel, sections in build_files(facts, seed).items():
        path = folder / rel
        text = to_yaml(sections, rel.count("/"))
        if len(text.encode()) > MAX_FILE_BYTES:
            raise ValueError(f"{rel} would be {len(text.encode()):,} bytes, above the file limit")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000, help="number of facts (default 10000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the briefing in")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    folder = write_synthetic_briefing(args.out, args.facts, args.seed)
    files = sorted(folder.rglob("*.yaml"))
    size = sum(f.stat().st_size for f in files)
    print(f"{folder}: {len(files)} files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
