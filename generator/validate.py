"""Stage 2: check every file of a briefing against the format, then the rules that span
items (unique ids, references, claim values), collecting every problem.

To add a rule about one key, edit generator/sections.py; a rule that looks across
items or keys goes here as a `_check_*` function called from `check_across`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.load import LoadedFile
from generator.problems import (
    CLAIM_VALUE,
    CONSISTENCY,
    DUPLICATE_ID,
    REFERENCE,
    Problem,
    show,
)
from generator.schema import MAX_MAGNITUDE, Context, Reference, did_you_mean, listing
from generator.sections import (
    DURATION_PATTERN,
    FILE,
    MAX_DURATION_DAYS,
    SECTION_ITEMS,
    VALUE_KINDS,
)
from generator.when import WhenError, parse_when

SINGULAR = {
    "sources": "source", "actors": "actor", "places": "place", "issues": "issue",
    "rounds": "round", "facts": "fact", "documents": "document", "positions": "position",
    "claims": "claim", "discrepancies": "discrepancy", "labels": "label",
    "document-items": "document item", "withdrawn": "withdrawn item",
}
_DURATION = re.compile(DURATION_PATTERN)


def a(noun: str) -> str:
    """The noun with its indefinite article: 'an actor', 'a round'."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


@dataclass(slots=True)
class Checked:
    """A briefing's items as checked dicts, each tagged with the file it came from."""

    briefing: dict[str, Any] | None = None
    briefing_path: str = ""
    sections: dict[str, list[tuple[str, dict[str, Any]]]] = field(
        default_factory=lambda: {name: [] for name in SECTION_ITEMS})
    ids: dict[str, tuple[str, str, int, int]] = field(default_factory=dict)  # id -> where
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)


def check_across(folder_shown: str, checked: Checked, first_path: str,
                 complete: bool = True) -> Checked:
    """The rules across files, once `check_file` has seen each (`first_path` the first).

    With `complete` false (a file could not be read at all), references to unknown ids
    are not reported: they would mostly point into the unreadable file and bury the one
    error that matters under false ones.
    """
    if checked.briefing is None and first_path and complete:
        checked.problems.append(Problem(
            first_path, 1, 1, f"no 'briefing' section in {folder_shown}",
            "add a file (e.g. briefing.yaml) with briefing: title, summary, period, "
            "last_reviewed", code=CONSISTENCY))
    _register_ids(checked)
    _check_references(checked, complete)
    _check_claim_values(checked)
    _check_roles(checked)
    _check_period(checked)
    return checked


@dataclass(frozen=True, slots=True)
class FileCheck:
    """One file checked on its own: what `check_file` adds to a briefing's `Checked`."""

    path: str
    data: Any
    problems: list[Problem]
    references: list[Reference]


def check_file(loaded: LoadedFile, checked: Checked) -> None:
    """Check one parsed file into `checked`, which keeps no reference to its node tree.

    The checked values take a fraction of the memory of the nodes (with their marks), so
    a caller that loads and checks one file at a time holds one file's nodes at most.
    """
    add_file(checked, check_one_file(loaded))


def check_one_file(loaded: LoadedFile) -> FileCheck:
    """The checks of one file that need no other file."""
    ctx = Context(loaded.path, seen=None)  # load.py refused anchors and aliases
    data = FILE.check(loaded.root, ctx)
    return FileCheck(loaded.path, data, ctx.problems, ctx.references)


def add_file(checked: Checked, file: FileCheck) -> None:
    """Add a checked file to its briefing's `Checked` (`mkdocs serve` keeps a file's
    `FileCheck` until the file changes; nothing here changes it)."""
    checked.problems.extend(file.problems)
    checked.references.extend(file.references)
    data = file.data
    if not isinstance(data, dict):
        return
    if "briefing" in data:
        if checked.briefing is not None:
            checked.problems.append(Problem(
                file.path, data["briefing"]["_line"], data["briefing"]["_col"],
                f"a second 'briefing' section (the first is in {checked.briefing_path})",
                "keep one briefing section per folder", code=CONSISTENCY))
        else:
            checked.briefing, checked.briefing_path = data["briefing"], file.path
    for name in SECTION_ITEMS:
        checked.sections[name].extend((file.path, item) for item in data.get(name, []))


def _items_with_ids(checked: Checked):
    for section, items in checked.sections.items():
        for path, item in items:
            yield section, path, item
            if section == "actors":
                yield from (("labels", path, label) for label in item.get("labels", []))
            if section == "documents":
                yield from (("document-items", path, entry) for entry in item.get("items", []))


def _register_ids(checked: Checked) -> None:
    for section, path, item in _items_with_ids(checked):
        if "id" not in item:
            continue
        where = (section, path, item["_line"], item["_col"])
        first = checked.ids.setdefault(item["id"], where)
        if first is not where:
            kind, first_path, line, col = first
            checked.problems.append(Problem(
                path, item["_line"], item["_col"],
                f"duplicate id '{item['id']}': already used by {a(SINGULAR[kind])} at "
                f"{first_path}:{line}:{col}",
                "ids must be unique within a briefing; rename one of them", code=DUPLICATE_ID))


MAX_SUGGESTIONS = 200  # "did you mean" costs a scan of every id: only for the first problems


def _check_references(checked: Checked, complete: bool) -> None:
    known_by_sections: dict[tuple[str, ...], list[str]] = {}
    for ref in checked.references:
        found = checked.ids.get(ref.target)
        if found and found[0] == "withdrawn":  # listed as withdrawn: nothing to point at
            checked.problems.append(Problem(
                ref.path, ref.line, ref.col, f"'{ref.target}' was withdrawn",
                "remove the reference, or restore the item and its id", code=REFERENCE))
            continue
        if (found and (not ref.sections or found[0] in ref.sections)) or not (
                found or complete):
            continue
        if ref.sections not in known_by_sections:
            known_by_sections[ref.sections] = sorted(
                i for i, where in checked.ids.items()
                if not ref.sections or where[0] in ref.sections)
        suggest = len(checked.problems) < MAX_SUGGESTIONS
        checked.problems.append(
            _reference_problem(ref, found, known_by_sections[ref.sections], suggest))


def _reference_problem(ref: Reference, found: tuple | None, known: list[str],
                       suggest: bool) -> Problem:
    wanted = " or ".join(SINGULAR[s] for s in ref.sections) or "item"
    if found:
        message = f"'{ref.target}' is {a(SINGULAR[found[0]])}, not {a(wanted)}"
        return Problem(ref.path, ref.line, ref.col, message, f"give the id of {a(wanted)}",
                       code=REFERENCE)
    label = f"known {SINGULAR[ref.sections[0]]} ids" if len(ref.sections) == 1 else "known ids"
    hint = (suggest and did_you_mean(ref.target, known)) or (
        listing(label, known) if known else f"define the {wanted} first")
    return Problem(ref.path, ref.line, ref.col, f"unknown {wanted} '{ref.target}'", hint,
                   code=REFERENCE)


def _check_claim_values(checked: Checked) -> None:
    for path, claim in checked.sections["claims"]:
        value = claim.get("value")
        if isinstance(value, dict):
            for message, hint in _claim_value_problems(value):
                checked.problems.append(
                    Problem(path, value["_line"], value["_col"], message, hint,
                            code=CLAIM_VALUE))


def _claim_value_problems(value: dict[str, Any]) -> list[tuple[str, str]]:
    kinds = [key for key in VALUE_KINDS if key in value]
    if not kinds and value.get("_rejected", set()) & {*VALUE_KINDS, "weekday"}:
        return []  # its one value key is wrong and already reported: no knock-on error
    if not kinds and "weekday" in value:
        return _weekday_only_problems(value)
    if len(kinds) != 1:
        found = ", ".join(kinds) or "none"
        return [(f"a claim value needs exactly one of {', '.join(VALUE_KINDS)} (found: {found})",
                 "e.g. value: {duration: 1h, approx: a-little-over}")]
    kind, problems = kinds[0], []
    if kind == "duration":
        problems.extend(_duration_problems(str(value["duration"])))
    approx = value.get("approx", "exact")
    if (approx == "between") != ("to" in value):
        problems.append(("'between' and 'to' go together",
                         "write approx: between with to: <upper end>, or neither"))
    elif "to" in value:
        problems.extend(_upper_end_problems(kind, str(value["to"])))
    if "unit" in value and kind != "quantity":
        problems.append(("'unit' belongs to a quantity", "remove unit, or use quantity:"))
    if "weekday" in value and kind not in ("date", "datetime"):
        problems.append(("'weekday' belongs to a date", "remove weekday, or use date:"))
    if kind == "datetime" and value["datetime"].precision != "minute":
        problems.append(("a datetime needs a time and zone, e.g. 2025-06-02T13:00+03:00",
                         "use date: for a day, month or year"))
    return problems


_DURATION_PART = re.compile(r"([0-9.]+)([dhms])")
_MINUTES = {"d": 1440, "h": 60, "m": 1, "s": 1 / 60}


def duration_too_long(text: str) -> bool:
    """A duration (already matching DURATION_PATTERN) over MAX_DURATION_DAYS.

    Each part is measured by its digits before it is converted: `1<309 zeros>h` would be
    an infinite float, and one with 4,301 digits cannot be converted at all.
    """
    total = 0.0
    for number, unit in _DURATION_PART.findall(text):
        if len(number.partition(".")[0]) > 9:
            return True
        total += float(number) * _MINUTES[unit]
    return total > MAX_DURATION_DAYS * 1440


def _duration_problems(text: str) -> list[tuple[str, str]]:
    if not _DURATION.match(text):
        return [(f"{show(text)} is not a duration",
                 "write days, hours, minutes, seconds as 30d, 1h, 74m, 1h30m or 90s")]
    if duration_too_long(text):
        return [(f"duration {show(text, 20)} is longer than {MAX_DURATION_DAYS:,} days "
                 "(100 years)", "check for stray digits; write the duration the source gives")]
    return []


def _weekday_only_problems(value: dict[str, Any]) -> list[tuple[str, str]]:
    """A weekday alone ("on Sunday"): a day known only by its weekday, nothing to qualify."""
    extra = [key for key in ("approx", "to", "unit") if key in value]
    if extra:
        return [(f"a weekday alone takes no {', '.join(extra)}",
                 "remove it, or give the date: value: {date: 2025-06-01, weekday: sunday}")]
    return []


def _upper_end_problems(kind: str, upper: str) -> list[tuple[str, str]]:
    if kind == "duration":
        return _duration_problems(upper)
    if kind in ("count", "quantity") and not re.match(r"^[0-9]+(\.[0-9]+)?$", upper):
        return [(f"{show(upper)} is not a number", "write the upper end in digits")]
    if kind in ("count", "quantity") and (
            len(upper.partition(".")[0]) > 16 or float(upper) > MAX_MAGNITUDE):
        return [(f"{show(upper, 20)} is over the maximum of {MAX_MAGNITUDE:,}",
                 "check for a typo or stray digits")]
    if kind in ("date", "datetime"):
        try:
            parse_when(upper)
        except WhenError as error:
            return [(str(error), error.hint)]
    return []


def _check_roles(checked: Checked) -> None:
    """A post cannot end before it starts (compared by day: precisions may differ)."""
    for path, actor in checked.sections["actors"]:
        for role in actor.get("roles", []):
            start, until = role.get("from"), role.get("until")
            if start and until and _day(until.end) < _day(start.start):
                checked.problems.append(Problem(
                    path, role["_line"], role["_col"],
                    f"the role '{role.get('title', '')}' ends ({until.text}) before it "
                    f"starts ({start.text})", "swap from and until, or correct the year",
                    code=CONSISTENCY))


def _day(moment: Any) -> str:
    return moment.isoformat()[:10]


def _check_period(checked: Checked) -> None:
    info = checked.briefing
    period = info.get("period") if info else None
    if not isinstance(period, dict) or not period.get("start") or not period.get("end"):
        return
    if period["start"].sort_key > period["end"].sort_key:
        checked.problems.append(Problem(
            checked.briefing_path, period["_line"], period["_col"],
            "the period ends before it starts", "swap start and end", code=CONSISTENCY))
