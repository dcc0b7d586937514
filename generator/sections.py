"""The fact-file format: every section and key a contributor may write.

To add a key or a field-level rule, edit the section here; the checker, the JSON Schema
for editors (`python -m generator schema`) and the reference page follow from it.
Rules that span items (references, duplicate ids) live in generator/validate.py.
"""

from __future__ import annotations

from typing import Any

from generator import wording
from generator.schema import (
    Boolean,
    Either,
    Enum,
    Field,
    Integer,
    ListOf,
    Number,
    Obj,
    OneOrList,
    Ref,
    Slug,
    Text,
    Url,
    WhenType,
)

MAX_QUOTE_WORDS = 25
SOURCE_KINDS = ("news-report", "wire-report", "official-statement", "document", "interview",
                "broadcast", "social-media-post", "other")
ACTOR_KINDS = ("person", "delegation", "government", "organisation", "outlet")
PLACE_KINDS = ("venue", "city", "country", "region", "other")
FACT_KINDS = ("event", "statement", "agenda", "outcome", "next-step", "background")
POSITION_STATUSES = ("proposed", "demanded", "offered", "accepted", "agreed", "rejected",
                     "supported", "opposed", "conditional", "unclear")
DISCREPANCY_STATUSES = ("open", "explained", "resolved", "dismissed")
APPROXIMATIONS = ("exact", "about", "over", "under", "at-least", "at-most", "a-little-over",
                  "a-little-under", "between")
WEEKDAYS = tuple(day.lower() for day in wording.WEEKDAYS)
VALUE_KINDS = ("count", "duration", "quantity", "date", "datetime", "choice")
DURATION_PATTERN = r"^(?=[0-9])([0-9]+d)?([0-9]+(\.[0-9]+)?h)?([0-9]+m)?([0-9]+s)?$"
MAX_DURATION_DAYS = 36_525  # a hundred years: longer is a typo in a negotiation briefing

# Ids the site itself uses, so no contributor id can meet them: `index` names each
# folder's first page (`actors/index.md`), `title` is every page's heading, the others
# are the anchors of the sections of generated pages (`{ #facts-box }` in the templates)
# and of the discrepancies the analysis finds (`conflict-<claim>-<claim>`). An item's id
# is its page name or its anchor, so one equal to these would put two elements with one
# id on a page, or two pages at one path. tests/test_site.py checks every anchor of a
# built site against these lists: a new section anchor in a template must be added here.
RESERVED_IDS = frozenset({
    "index", "title", "agenda", "contents", "coverage-gaps", "documents", "facts-box",
    "key-figures", "labels", "latest", "latest-round", "member-of", "members", "months",
    "not-reported", "open-discrepancies", "outcomes", "undated",
    "positions", "reported-values", "roles", "rounds", "single-source", "what-follows",
    "what-happened", "updates", "single-origin", "derived",
    *ACTOR_KINDS,  # the actors page's groups
})
# `finding-` is for the ids of finding kinds added later (generator/analyze/kinds.py).
RESERVED_PREFIXES = ("about-", "bf-", "conflict-", "day-", "finding-", "gap-", "kind-",
                     "party-", "places-", "see-", "single-source-", "update-", "weekday-",
                     "single-origin-", "derived-")

CITE_HINT = "add citations: [source-id], naming the source that reports it"


def _id(doc: str = "Unique id within the briefing; also the item's anchor on the site") -> Field:
    return Field(Slug(doc=doc, reserved=RESERVED_IDS, reserved_prefixes=RESERVED_PREFIXES),
                 required=True, example="id: lowercase-words")


def _refs(*sections: str, doc: str = "") -> Field:
    return Field(ListOf(Ref(sections=sections), doc=doc))


VIA_STEP = Either(
    short=Ref(sections=("actors",), doc="The actor (outlet, agency, office) cited"),
    short_key="actor",
    long=Obj("via step", {
        "description": Field(Text(doc="Who, when the source does not name them"),
                             required=True, example='description: "an unnamed official"'),
        "independent": Field(Boolean(doc="true when the editor knows this unnamed origin "
                                         "is not one of the other origins")),
    }),
    doc="An actor id, or {description: 'an unnamed official'} for an unnamed one",
)
NOTE = Field(Text(doc="The editor's note: reasoning or context, not what sources say"))

CITATION = Either(
    short=Ref(sections=("sources",), doc="A source id"),
    short_key="source",
    long=Obj("citation", {
        "source": Field(Ref(sections=("sources",), doc="The source read"), required=True,
                        example="source: source-id"),
        "locator": Field(Text(doc="Where in the source: a paragraph, a page, a time code")),
        "quote": Field(Text(doc="The source's exact words, a short phrase",
                            max_words=MAX_QUOTE_WORDS)),
        "translation": Field(Text(doc="The quote in English, when the source is in another "
                                      "language; the quote stays as the source wrote it",
                                  max_words=2 * MAX_QUOTE_WORDS)),
        "via": Field(OneOrList(VIA_STEP, doc="Who the source says it has this from: one step, "
                                             "or a chain, nearest first (X citing Y citing…)")),
        "via_note": Field(Text(doc="How the source attributes it, e.g. 'a copy seen by…'")),
    }),
    doc="A source id, or a mapping with source, locator, quote, translation, via",
)
CITATIONS = Field(ListOf(CITATION, min_items=1, empty_hint=CITE_HINT,
                         doc="Where this is reported: one citation at least"),
                  required=True, example="citations: [source-id]")
OPTIONAL_CITATIONS = Field(ListOf(CITATION, doc="Where this is reported"))
ALIASES = Field(ListOf(Text(), doc="Other spellings, transliterations, short names"))
LABEL_WORDS = 8
NAME_LABEL = Field(Text(doc="The short name the site gives this item (generator/names.py), "
                            "instead of the default one", max_words=LABEL_WORDS,
                            long_hint="a label is a short name: a few words"),
                   example="label: Reuters report")

BRIEFING = Obj("briefing", {
    "title": Field(Text(), required=True, example='title: "…"'),
    "summary": Field(Text(), required=True, example='summary: "…"'),
    "period": Field(Obj("period", {
        "start": Field(WhenType(), required=True, example='start: "2025-05-16"'),
        "end": Field(WhenType(allow_ongoing=True), required=True, example="end: ongoing"),
        "note": NOTE,
    }), required=True, example='period: {start: "2025-05-16", end: ongoing}'),
    "last_reviewed": Field(WhenType(), required=True, example='last_reviewed: "2025-06-03"'),
    "about_tolerance": Field(Number(minimum=0, maximum=1,
                                    doc="How far 'about X' may stray, as a share of X")),
}, doc="The briefing itself; exactly once per folder")

SOURCE = Obj("source", {
    "id": _id(),
    "label": NAME_LABEL,
    "title": Field(Text(), required=True, example='title: "…"'),
    "publisher": Field(Text(doc="Who published it, or unknown"), required=True,
                       example="publisher: unknown"),
    "url": Field(Url(allow_unknown=True), required=True, example="url: unknown"),
    "archived": Field(Url(doc="A link to an archived copy")),
    "archive_url": Field(Url(doc="The former name of 'archived'")),
    "accessed": Field(WhenType(doc="When the editor read the source")),
    "published": Field(WhenType(allow_unknown=True, doc="When published, or unknown"),
                       required=True, example="published: unknown"),
    "published_note": Field(Text(doc="What the source says of its time, e.g. 'updated 21:17'")),
    "language": Field(Text(doc="Language code, e.g. en, ru, uk, sl, zh"), required=True,
                      example="language: en"),
    "kind": Field(Enum(values=SOURCE_KINDS), required=True, example="kind: news-report"),
    "notes": Field(Text()),
})

ROLE = Obj("role", {
    "title": Field(Text(), required=True, example="title: Defence minister"),
    "of": Field(Ref(sections=("actors",))),
    "from": Field(WhenType()),
    "until": Field(WhenType()),
    "note": NOTE,
    "citations": CITATIONS,
})
MEMBERSHIP = Obj("member", {
    "actor": Field(Ref(sections=("actors",)), required=True, example="actor: person-id"),
    "role": Field(Text(doc="head, deputy, member, adviser…"), required=True,
                  example="role: head"),
    "rounds": _refs("rounds"),
    "note": NOTE,
    "citations": CITATIONS,
})
LABEL = Obj("label", {
    "id": _id(),
    "text": Field(Text(doc="The label as the source words it"), required=True,
                  example="text: state-run"),
    "citations": CITATIONS,
})
ACTOR = Obj("actor", {
    "id": _id(),
    "label": NAME_LABEL,
    "name": Field(Text(), required=True, example="name: …"),
    "kind": Field(Enum(values=ACTOR_KINDS), required=True, example="kind: person"),
    "aliases": ALIASES,
    "description": Field(Text()),
    "roles": Field(ListOf(ROLE)),
    "members": Field(ListOf(MEMBERSHIP)),
    "labels": Field(ListOf(LABEL)),
    "citations": OPTIONAL_CITATIONS,
})
PLACE = Obj("place", {
    "id": _id(),
    "label": NAME_LABEL,
    "name": Field(Text(), required=True, example="name: …"),
    "kind": Field(Enum(values=PLACE_KINDS), required=True, example="kind: venue"),
    "aliases": ALIASES,
    "within": Field(Ref(sections=("places",))),
    "citations": OPTIONAL_CITATIONS,
})
ISSUE = Obj("issue", {
    "id": _id(),
    "label": NAME_LABEL,
    "name": Field(Text(), required=True, example="name: Ceasefire"),
    "description": Field(Text()),
    "aliases": ALIASES,
})
ROUND = Obj("round", {
    "id": _id(),
    "label": NAME_LABEL,
    "number": Field(Integer(minimum=0), required=True, example="number: 1"),
    "title": Field(Text()),
    "date": Field(WhenType(), required=True, example='date: "2025-06-02"'),
    "venue": Field(Ref(sections=("places",))),
    "hosts": _refs("actors"),
    "mediators": _refs("actors"),
    "delegations": _refs("actors"),
    "summary": Field(Text()),
    "citations": CITATIONS,
})
FACT = Obj("fact", {
    "id": _id(),
    "label": NAME_LABEL,
    "kind": Field(Enum(values=FACT_KINDS)),
    "text": Field(Text(), required=True, example='text: "…"'),
    "when": Field(WhenType()),
    "when_reported": Field(Text(doc="The source's own words for the time: 'over the weekend'")),
    "round": Field(Ref(sections=("rounds",))),
    "actors": _refs("actors"),
    "places": _refs("places"),
    "issues": _refs("issues"),
    "note": NOTE,
    "citations": CITATIONS,
})
DOCUMENT_ITEM = Obj("document item", {
    "id": _id(),
    "label": NAME_LABEL,
    "text": Field(Text(), required=True, example='text: "…"'),
    "citations": CITATIONS,
})
DOCUMENT = Obj("document", {
    "id": _id(),
    "label": NAME_LABEL,
    "title": Field(Text(), required=True, example='title: "…"'),
    "kind": Field(Text(doc="memorandum, roadmap, list, letter…"), required=True,
                  example="kind: memorandum"),
    "author": Field(Ref(sections=("actors",))),
    "recipient": Field(Ref(sections=("actors",))),
    "round": Field(Ref(sections=("rounds",))),
    "when": Field(WhenType()),
    "description": Field(Text()),
    "items": Field(ListOf(DOCUMENT_ITEM)),
    "citations": CITATIONS,
})
POSITION = Obj("position", {
    "id": _id(),
    "label": NAME_LABEL,
    "issue": Field(Ref(sections=("issues",)), required=True, example="issue: issue-id"),
    "party": Field(Ref(sections=("actors",)), required=True, example="party: actor-id"),
    "stance": Field(Text(), required=True, example='stance: "…"'),
    "status": Field(Enum(values=POSITION_STATUSES), required=True, example="status: demanded"),
    "as_of": Field(WhenType(), required=True, example='as_of: "2025-06-02"'),
    "round": Field(Ref(sections=("rounds",), doc="The round at which the party took this "
                                                 "stance, when a source says so")),
    "document": Field(Ref(sections=("documents",), doc="The document that sets out this "
                                                       "stance, when a source says so")),
    "note": NOTE,
    "citations": CITATIONS,
})
CLAIM_VALUE = Obj("claim value", {
    "count": Field(Integer(minimum=0)),
    "duration": Field(Text(doc="A length of time such as 30d, 1h, 74m, 1h30m")),
    "quantity": Field(Number()),
    "date": Field(WhenType()),
    "datetime": Field(WhenType()),
    "choice": Field(Text()),
    "unit": Field(Text()),
    "approx": Field(Enum(values=APPROXIMATIONS)),
    "to": Field(Text(doc="The upper end of a 'between' value, in the same form")),
    "weekday": Field(Enum(values=WEEKDAYS, doc="A weekday the source named for this date")),
}, doc="Exactly one of count, duration, quantity, date, datetime, choice; or a weekday "
       "alone")
CLAIM = Obj("claim", {
    "id": _id(),
    "label": NAME_LABEL,
    "subject": Field(Ref(doc="The id of what the claim is about"), required=True,
                     example="subject: round-2"),
    "property": Field(Slug(doc="What is measured, the same word across sources"),
                      required=True, example="property: duration"),
    "reported": Field(Text(doc="The source's own phrasing"), required=True,
                      example='reported: "a little over an hour"'),
    "value": Field(CLAIM_VALUE),
    "part_of": Field(Slug(doc="The property of the same subject that this count is a part "
                              "of: the source's parts are added up and checked against it")),
    "note": NOTE,
    "citations": CITATIONS,
})
DISCREPANCY = Obj("discrepancy", {
    "id": _id(),
    "label": NAME_LABEL,
    "title": Field(Text(), required=True, example='title: "…"'),
    "claims": Field(ListOf(Ref(sections=("claims",)), min_items=2,
                           empty_hint="list the ids of the claims that disagree"),
                    required=True, example="claims: [claim-a, claim-b]"),
    "status": Field(Enum(values=DISCREPANCY_STATUSES), required=True, example="status: open"),
    "analysis": Field(Text(), required=True, example='analysis: "…"'),
    "citations": OPTIONAL_CITATIONS,
})

WITHDRAWN = Obj("withdrawn item", {
    "id": Field(Slug(doc="The id of an item taken out of the briefing; no item may use it"),
                required=True, example="id: withdrawn-fact-id"),
    "reason": Field(Text(doc="Why the editors withdrew it, shown on the Updates page"),
                    required=True, example='reason: "The source retracted its report."'),
})

SECTION_ITEMS: dict[str, Obj] = {
    "sources": SOURCE,
    "actors": ACTOR,
    "places": PLACE,
    "issues": ISSUE,
    "rounds": ROUND,
    "facts": FACT,
    "documents": DOCUMENT,
    "positions": POSITION,
    "claims": CLAIM,
    "discrepancies": DISCREPANCY,
    "withdrawn": WITHDRAWN,
}
FILE = Obj("fact file", {
    "briefing": Field(BRIEFING),
    **{name: Field(ListOf(item)) for name, item in SECTION_ITEMS.items()},
}, doc="A fact file: any of the sections, each a list (briefing: a mapping)")


def json_schema() -> dict[str, Any]:
    """The format as JSON Schema (draft-07), for the YAML language server."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "briefing.schema.json",
        "title": "Briefing fact file",
        **FILE.json_schema(),
    }
