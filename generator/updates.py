"""What changed in a briefing and when, for readers: the Updates page, marks, feeds.

Built from `generator.history` (the git history of the fact files) and the briefing as
it is now. Data only: the templates `updates.md.j2`, `_macros.md.j2` (marks, correction
notes) and `feed.xml.j2` word it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from generator.analyze.context import Context, group_claims
from generator.analyze.detect import conflicts
from generator.findings import Wording, text_wording
from generator.history import Event, History, Stamp
from generator.model import Analysis, Briefing, Claim, Finding, Origin
from generator.names import Names
from generator.resolve import claim
from generator.when import parse_when

RECENT = timedelta(days=7)  # an item changed this close to the build date is marked
# The fields whose change is a correction of what a reader was told (not a new tag).
WORDING = {"facts": ("text", "when", "when_reported"), "claims": ("reported", "value")}
SETTLED = ("explained", "resolved", "dismissed")


@dataclass(slots=True)
class Update:
    """One entry of the Updates page."""

    stamp: Stamp
    change: str  # added | corrected | withdrawn | opened | settled
    section: str  # facts | claims | discrepancies (a finding: opened, settled)
    id: str  # the item's (or finding's) id
    anchor: str  # the entry's own anchor on the Updates page
    old: str | None = None  # the wording before (corrected, withdrawn)
    new: str | None = None  # the wording after (corrected)
    reason: str | None = None  # why it was withdrawn
    live: bool = True  # the item is still in the briefing (a link to it works)
    status: str | None = None  # a finding's status; corrected | withdrawn: what ended it
    title: str | None = None  # a finding's title

    @property
    def day(self) -> str:
        return self.stamp.date.date().isoformat()


@dataclass(slots=True)
class ItemStatus:
    """What a reader is told about one item where it is shown."""

    first: Stamp | None = None
    mark: str | None = None  # new | updated (changed within RECENT of the build)
    correction: Update | None = None  # the latest correction, one click away


@dataclass(slots=True)
class BriefingUpdates:
    known: bool  # False: no git history, every date unknown
    reason: str
    built: datetime
    entries: list[Update] = field(default_factory=list)  # newest first
    status: dict[str, ItemStatus] = field(default_factory=dict)  # by item id

    def mark(self, item_id: str) -> ItemStatus | None:
        return self.status.get(item_id)


def no_updates() -> BriefingUpdates:
    """For a briefing rendered without its history (unit tests, standalone calls)."""
    return BriefingUpdates(False, "the history of the fact files was not read",
                           datetime.now(UTC))


def briefing_updates(briefing: Briefing, analysis: Analysis, history: History | None,
                     built: datetime) -> BriefingUpdates:
    """The entries and per-item status of one briefing."""
    if history is None or not history.known:
        return BriefingUpdates(False, history.reason if history else "no history read", built)
    result = BriefingUpdates(True, "", built)
    events = history.events.get(briefing.slug, [])
    for event in events:
        entry = _entry(event, briefing)
        if entry is not None:
            result.entries.append(entry)
            if entry.change == "corrected" and entry.live:
                result.status.setdefault(entry.id, ItemStatus()).correction = entry
    for event in events:
        if event.change == "added" and event.section in ("facts", "claims") \
                and event.id in getattr(briefing, event.section):
            status = result.status.setdefault(event.id, ItemStatus())
            status.first = status.first or event.stamp
    _findings(result, briefing, analysis, history)
    _marks(result, briefing, history, built)
    result.entries.sort(key=lambda u: (u.stamp.date, u.stamp.commit, u.section, u.id),
                        reverse=True)
    return result


def _entry(event: Event, briefing: Briefing) -> Update | None:
    section = event.section
    anchor = f"update-{event.stamp.short}-{event.id}"
    live = event.id in getattr(briefing, section, {})
    if section == "facts" and event.change == "added" and event.new:
        return Update(event.stamp, "added", section, event.id, anchor,
                      new=_text(event.new, "text"), live=live)
    if section == "facts" and event.change == "removed" and event.old:
        note = briefing.withdrawn.get(event.id)
        return Update(event.stamp, "withdrawn", section, event.id, anchor,
                      old=_text(event.old, "text"), live=live,
                      reason=note.reason if note else event.stamp.message or None)
    if section in WORDING and event.change == "changed" and event.old and event.new \
            and any(event.old.get(k) != event.new.get(k) for k in WORDING[section]):
        dated = section == "facts" and any(event.old.get(k) != event.new.get(k)
                                           for k in ("when", "when_reported"))
        return Update(event.stamp, "corrected", section, event.id, anchor,
                      old=_wording(event.old, section, dated),
                      new=_wording(event.new, section, dated), live=live)
    return None


def _text(value: dict[str, Any], key: str) -> str:
    return str(value.get(key, ""))


def _wording(value: dict[str, Any], section: str, dated: bool) -> str:
    """The words a reader saw: a fact's text (with its date when that changed), a
    claim's reported phrase."""
    if section == "claims":
        return _text(value, "reported")
    when = value.get("when_reported") or value.get("when")
    return f"{when} · {_text(value, 'text')}" if when and dated else _text(value, "text")


def _findings(result: BriefingUpdates, briefing: Briefing, analysis: Analysis,
              history: History) -> None:
    """Discrepancies opened (when their last claim came) or settled by an editor."""
    titles = text_wording(Names(briefing))
    for finding in analysis.discrepancies:
        stamps = [h.last for c in finding.claims
                  if (h := history.of(briefing.slug, "claims", c)) is not None]
        if stamps and len(stamps) == len(finding.claims):
            stamp = max(stamps, key=lambda s: s.date)
            result.entries.append(_finding_entry(finding, stamp, "opened",
                                                 titles.title(finding)))
        settled = _settled(finding, briefing.slug, history)
        if settled is not None:
            result.entries.append(_finding_entry(finding, settled, "settled",
                                                 titles.title(finding)))
    _corrected_away(result, briefing, analysis, history, titles)


def _settled(finding: Finding, slug: str, history: History) -> Stamp | None:
    if not finding.recorded or finding.status not in SETTLED:
        return None
    item = history.of(slug, "discrepancies", finding.recorded)
    if item is None:
        return None
    for event in reversed(item.events):
        if (event.new or {}).get("status") in SETTLED and \
                (event.old or {}).get("status") not in SETTLED:
            return event.stamp
    return None


def _corrected_away(result: BriefingUpdates, briefing: Briefing, analysis: Analysis,
                    history: History, titles: Wording) -> None:
    """Conflicts that an edit to one of their claims ended: each claim's version before a
    correction or withdrawal is compared again with the claims of its group as they are
    now (only those already published then). A conflict that no current finding covers
    was settled by that edit: the Updates page lists when it opened and when it ended."""
    standing = [set(f.claims) for f in analysis.discrepancies]
    settled: dict[str, tuple[Finding, Stamp, Stamp, str]] = {}
    slug = briefing.slug
    groups = group_claims(briefing)
    for event in history.events.get(slug, []):
        if event.section != "claims" or event.change == "added" or not event.old:
            continue
        before = _claim_as_it_was(event.old, briefing)
        if before is None:
            continue
        peers = [c for c in groups.get((before.subject, before.property), [])
                 if c.id != before.id and _published_by(history, slug, c.id, event.stamp)]
        if not peers:
            continue
        then = replace(briefing, claims={c.id: c for c in [*peers, before]})
        ctx = Context.of(then)
        for detected in conflicts(ctx.groups, ctx):
            finding = detected.finding
            if before.id in finding.claims and not any(set(finding.claims) <= claims
                                                       for claims in standing):
                opened = max((item.first for c in finding.claims
                              if (item := history.of(slug, "claims", c)) is not None),
                             key=lambda s: s.date, default=event.stamp)
                change = "withdrawn" if event.change == "removed" else "corrected"
                settled[finding.id] = (finding, opened, event.stamp, change)
    for finding, opened, ended, change in settled.values():
        title = titles.title(finding)
        for stamp, kind in ((opened, "opened"), (ended, "settled")):
            entry = _finding_entry(finding, stamp, kind, title)
            entry.live, entry.status = False, change  # corrected | withdrawn
            result.entries.append(entry)


def _published_by(history: History, slug: str, claim_id: str, stamp: Stamp) -> bool:
    item = history.of(slug, "claims", claim_id)
    return item is not None and item.first.date <= stamp.date


def _claim_as_it_was(raw: dict[str, Any], briefing: Briefing) -> Claim | None:
    """A claim's earlier version (plain YAML values, checked when it was committed) in the
    model, built as the current ones are (resolve.claim) from the keys the comparison
    reads; None when it cannot be read back."""
    try:
        item = {key: raw[key] for key in ("id", "subject", "property", "reported")}
        item["citations"] = [{"source": c["source"] if isinstance(c, dict) else c}
                             for c in raw.get("citations", [])]
        if isinstance(raw.get("value"), dict):
            item["value"] = _checked_value(raw["value"])
        return claim(item, Origin(briefing.slug, 0))
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


def _checked_value(value: dict[str, Any]) -> dict[str, Any]:
    """Dates read as the checker reads them; the other value kinds stay as written."""
    return {k: parse_when(str(v)) if k in ("date", "datetime") else v
            for k, v in value.items()}


def _finding_entry(finding: Finding, stamp: Stamp, change: str, title: str) -> Update:
    return Update(stamp, change, "discrepancies", finding.id,
                  f"update-{stamp.short}-{change}-{finding.id}", status=finding.status,
                  title=title)


def _marks(result: BriefingUpdates, briefing: Briefing, history: History,
           built: datetime) -> None:
    """"new" for items first published within RECENT of the build, "updated" for changes."""
    since = built - RECENT
    for section in ("facts", "claims"):
        for item_id in getattr(briefing, section):
            item = history.of(briefing.slug, section, item_id)
            if item is None or item.last.date < since or item.last.date > built:
                continue
            status = result.status.setdefault(item_id, ItemStatus())
            status.mark = "new" if item.first.date >= since else "updated"
