"""A claim's value as the analysis reads it: the editor's `value`, else its `reported` text."""

from __future__ import annotations

from dataclasses import replace

from generator.analyze.phrases import Reading, named_weekday, read_phrase
from generator.model import Briefing, Claim, ClaimValue


def read_claim(claim: Claim, english: bool = True) -> Reading | None:
    """The claim's value with its unit's rounding; None when there is none to compare.

    An editor's `value` wins; the `reported` phrase then only supplies the rounding of
    the unit it was stated in ("two hours" vs "120 minutes") and a weekday it names.
    `english` is false when no source the claim cites is in English: the phrase is then
    not read as English words.
    """
    if claim.value is None:
        return read_phrase(claim.reported, english)
    value = claim.value
    if value.weekday is None and value.kind in ("date", "datetime"):
        value = replace(value, weekday=named_weekday(claim.reported, english))
    phrase = read_phrase(claim.reported, english) if value.amount is not None else None
    if phrase is not None and _same_amount(phrase.value, value):
        return Reading(value, phrase.margin)
    return Reading(value, default_margin(value))


def unreadable_claims(briefing: Briefing) -> list[Claim]:
    """Claims without a `value` whose `reported` text the analysis cannot read, by id.

    They take part in no comparison; the checker may report them so that an editor
    adds a `value:`.
    """
    return [claim for _, claim in sorted(briefing.claims.items())
            if claim.value is None
            and read_phrase(claim.reported, in_english(claim, briefing)) is None]


def in_english(claim: Claim, briefing: Briefing) -> bool:
    """Whether a source the claim cites is in English (`en`, `en-GB`…), or none says."""
    languages = {briefing.sources[c.source].language.casefold().partition("-")[0]
                 for c in claim.citations if c.source in briefing.sources}
    return not languages or bool(languages & {"en", "english"})


def default_margin(value: ClaimValue) -> float:
    """The rounding of an exact duration when its phrasing does not show the unit.

    Whole days ±12 h; quarter hours from an hour up ±7.5 min (as if said in hours);
    anything else ±0.5 min. Counts and quantities are taken as written.
    """
    if value.kind != "duration" or value.amount is None:
        return 0.0
    minutes = value.amount
    if minutes >= 1440 and minutes % 1440 == 0:
        return 720.0
    if minutes >= 60 and minutes % 15 == 0:
        return 7.5
    return 0.5


def _same_amount(phrase: ClaimValue, value: ClaimValue) -> bool:
    return (phrase.kind == value.kind and phrase.amount is not None
            and abs(phrase.amount - value.amount) < 1e-6)
