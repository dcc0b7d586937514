"""Stage 3: turn checked dicts into the typed model (generator.model).

Runs only on a briefing without problems, so every key it reads was checked and every
id it meets resolves. Items are kept in file order within each section; the render
stage chooses its own sort keys.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator import model as m
from generator.sections import VALUE_KINDS
from generator.validate import Checked

Item = dict[str, Any]


def build_briefing(slug: str, root: Path, checked: Checked, origins: dict[str, str],
                   files: list[str]) -> m.Briefing:
    """The model of one briefing. `origins` maps each shown path to its repo-relative path."""
    def origin(path: str, item: Item) -> m.Origin:
        return m.Origin(origins[path], item["_line"], item["_col"])

    briefing = m.Briefing(slug=slug, root=root, info=_info(checked, origin), files=files)
    builders = {
        "sources": _source, "actors": _actor, "places": _place, "issues": _issue,
        "rounds": _round, "facts": _fact, "documents": _document, "positions": _position,
        "claims": claim, "discrepancies": _discrepancy, "withdrawn": _withdrawn,
    }
    for section, build in builders.items():
        target = getattr(briefing, section)
        for path, item in checked.sections[section]:
            built = build(item, origin(path, item), lambda i, p=path: origin(p, i))
            if "label" in item:  # the editor's short name (generator/names.py)
                built.label = item["label"]
            target[item["id"]] = built
    return briefing


def _info(checked: Checked, origin) -> m.BriefingInfo:
    info = checked.briefing or {}
    return m.BriefingInfo(
        title=info["title"], summary=info["summary"], period_start=info["period"]["start"],
        period_end=info["period"]["end"], last_reviewed=info["last_reviewed"],
        origin=origin(checked.briefing_path, info),
        about_tolerance=info.get("about_tolerance", 0.2),
        period_note=info["period"].get("note"),
    )


def citations(items: list[Item] | None) -> list[m.Citation]:
    return [
        m.Citation(source=c["source"], locator=c.get("locator"), quote=c.get("quote"),
                   via=tuple(_step(step) for step in c.get("via", ())),
                   via_note=c.get("via_note"), translation=c.get("translation"))
        for c in items or []
    ]


def _step(step: Item) -> m.Step:
    return m.Step(actor=step.get("actor"), description=step.get("description"),
                  independent=step.get("independent", False))


def _source(item: Item, origin: m.Origin, _sub) -> m.Source:
    return m.Source(
        id=item["id"], title=item["title"], publisher=item["publisher"], url=item["url"],
        published=item["published"], language=item["language"], kind=item["kind"],
        origin=origin, archive_url=item.get("archived", item.get("archive_url")),
        published_note=item.get("published_note"), notes=item.get("notes"),
        accessed=item.get("accessed"))


def _actor(item: Item, origin: m.Origin, sub) -> m.Actor:
    return m.Actor(
        id=item["id"], name=item["name"], kind=item["kind"], origin=origin,
        aliases=item.get("aliases", []), description=item.get("description"),
        roles=[m.Role(title=r["title"], citations=citations(r["citations"]), of=r.get("of"),
                      start=r.get("from"), until=r.get("until"), note=r.get("note"))
               for r in item.get("roles", [])],
        members=[m.Membership(actor=r["actor"], role=r["role"],
                              citations=citations(r["citations"]), rounds=r.get("rounds", []),
                              note=r.get("note"))
                 for r in item.get("members", [])],
        labels=[m.Label(id=label["id"], text=label["text"],
                        citations=citations(label["citations"]), origin=sub(label))
                for label in item.get("labels", [])],
        citations=citations(item.get("citations")))


def _place(item: Item, origin: m.Origin, _sub) -> m.Place:
    return m.Place(
        id=item["id"], name=item["name"], kind=item["kind"], origin=origin,
        aliases=item.get("aliases", []), within=item.get("within"),
        citations=citations(item.get("citations")))


def _issue(item: Item, origin: m.Origin, _sub) -> m.Issue:
    return m.Issue(id=item["id"], name=item["name"], origin=origin,
                   description=item.get("description"), aliases=item.get("aliases", []))


def _round(item: Item, origin: m.Origin, _sub) -> m.Round:
    return m.Round(
        id=item["id"], number=item["number"], date=item["date"],
        citations=citations(item["citations"]), origin=origin, title=item.get("title"),
        venue=item.get("venue"), hosts=item.get("hosts", []),
        mediators=item.get("mediators", []), delegations=item.get("delegations", []),
        summary=item.get("summary"))


def _fact(item: Item, origin: m.Origin, _sub) -> m.Fact:
    return m.Fact(
        id=item["id"], kind=item.get("kind", "event"), text=item["text"],
        citations=citations(item["citations"]), origin=origin, when=item.get("when"),
        when_reported=item.get("when_reported"), round=item.get("round"),
        actors=item.get("actors", []), places=item.get("places", []),
        issues=item.get("issues", []), note=item.get("note"))


def _document(item: Item, origin: m.Origin, sub) -> m.Document:
    return m.Document(
        id=item["id"], title=item["title"], kind=item["kind"],
        citations=citations(item["citations"]), origin=origin, author=item.get("author"),
        recipient=item.get("recipient"), round=item.get("round"), when=item.get("when"),
        description=item.get("description"),
        items=[m.DocumentItem(id=e["id"], text=e["text"], citations=citations(e["citations"]),
                              origin=sub(e), label=e.get("label"))
               for e in item.get("items", [])])


def _position(item: Item, origin: m.Origin, _sub) -> m.Position:
    return m.Position(
        id=item["id"], issue=item["issue"], party=item["party"], stance=item["stance"],
        status=item["status"], as_of=item["as_of"], citations=citations(item["citations"]),
        origin=origin, note=item.get("note"), round=item.get("round"),
        document=item.get("document"))


def claim(item: Item, origin: m.Origin, _sub: object = None) -> m.Claim:
    """A checked claim (also an earlier version read back from the history: updates.py)."""
    value = item.get("value")
    return m.Claim(
        id=item["id"], subject=item["subject"], property=item["property"],
        reported=item["reported"], citations=citations(item["citations"]), origin=origin,
        value=claim_value(value) if value else None, note=item.get("note"),
        part_of=item.get("part_of"))


def _discrepancy(item: Item, origin: m.Origin, _sub) -> m.Discrepancy:
    return m.Discrepancy(
        id=item["id"], title=item["title"], claims=item["claims"], status=item["status"],
        analysis=item["analysis"], origin=origin, citations=citations(item.get("citations")))


def claim_value(value: Item) -> m.ClaimValue:
    """A checked `value:` mapping as a ClaimValue (durations in minutes)."""
    kind = next((key for key in VALUE_KINDS if key in value), None)
    if kind is None:  # a weekday alone: a day known only by its weekday
        return m.ClaimValue(kind="date", weekday=value["weekday"])
    raw, upper = value[kind], value.get("to")
    common = {"kind": kind, "approx": value.get("approx", "exact"),
              "weekday": value.get("weekday")}
    if kind == "duration":
        return m.ClaimValue(amount=duration_minutes(raw),
                            upper=duration_minutes(upper) if upper else None, **common)
    if kind in ("count", "quantity"):
        return m.ClaimValue(amount=float(raw), upper=float(upper) if upper else None,
                            unit=value.get("unit"), **common)
    if kind in ("date", "datetime"):
        return m.ClaimValue(when=raw, **common)
    return m.ClaimValue(choice=raw, **common)


def duration_minutes(text: str) -> float:
    """'1h30m' -> 90.0; the format was checked, so the pattern always matches."""
    match = re.match(r"^(?:(\d+)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+)m)?(?:(\d+)s)?$", text)
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return days * 1440 + hours * 60 + minutes + seconds / 60


def _withdrawn(item: Item, origin: m.Origin, _sub) -> m.Withdrawn:
    return m.Withdrawn(id=item["id"], reason=item["reason"], origin=origin)
