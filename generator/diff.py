"""Compare two versions of the briefings by id: the data behind `diff`, updates and feeds.

Each version is read through the whole pipeline (load, check, resolve, analyze), then
every item becomes a plain dict of its fields (the JSON export's form, without the
file positions, which move whenever a line is added above). Items are matched by id
within their section; findings by their stable id, so the detection is compared too.
Nothing here writes English: `generator.diffreport` and its templates do.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.analyze import analyze
from generator.export import dump
from generator.findings import text_wording
from generator.model import Analysis, Briefing, Citation
from generator.names import Names
from generator.pipeline import Reading, read_briefings
from generator.problems import Problem

# Sections compared, in the order reports list them; document items are their own section.
SECTIONS = ("briefing", "facts", "claims", "sources", "actors", "places", "issues", "rounds",
            "documents", "document-items", "positions", "discrepancies", "withdrawn")
WORDED = ("facts", "document-items")
IGNORED = frozenset({"origin"})  # where an item sits in its file is not part of it


@dataclass(slots=True)
class FieldChange:
    """One field of an item whose value differs: `old` → `new` (plain JSON values)."""

    field: str
    old: Any
    new: Any


@dataclass(slots=True)
class ItemChange:
    """An item added, removed or changed, with its name on the side where it exists."""

    section: str
    id: str
    change: str  # added | removed | changed
    name: str
    round: str | None = None  # a fact's round id (for "3 facts added to Round 2")
    round_name: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    reason: str | None = None  # why a removed item was withdrawn (its `withdrawn` note)
    citations_added: list[dict[str, Any]] = field(default_factory=list)
    citations_removed: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class FindingChange:
    """A finding of the analysis opened, closed or changed between the versions."""

    id: str
    change: str  # opened | closed | changed
    kind: str
    title: str
    status: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(slots=True)
class BriefingDiff:
    slug: str
    title: str
    change: str  # added | removed | changed
    items: list[ItemChange] = field(default_factory=list)
    findings: list[FindingChange] = field(default_factory=list)

    def count(self, section: str, change: str) -> int:
        return sum(1 for i in self.items if i.section == section and i.change == change)


@dataclass(slots=True)
class SiteDiff:
    old: str  # what was compared, as given (folder or revision)
    new: str
    briefings: list[BriefingDiff] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.briefings


# ------------------------------------------------------------------- snapshots


@dataclass(slots=True)
class Snapshot:
    """One briefing as plain values by section and id, with names and its findings."""

    slug: str
    title: str
    items: dict[str, dict[str, dict[str, Any]]]
    names: dict[str, str]
    rounds: dict[str, str]  # fact id -> round id
    findings: dict[str, dict[str, Any]]


def snapshot(briefing: Briefing, analysis: Analysis | None = None) -> Snapshot:
    """The comparable form of a briefing (analysed here unless `analysis` is given)."""
    analysis = analysis if analysis is not None else analyze(briefing)
    shown = Names(briefing)
    items: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in SECTIONS}
    items["briefing"]["briefing"] = _plain(briefing.info)
    for section in SECTIONS[1:]:
        if section == "document-items":
            continue
        for item_id, item in getattr(briefing, section).items():
            items[section][item_id] = _plain(item)
    for document in briefing.documents.values():
        items["documents"][document.id].pop("items", None)
        for doc_item in document.items:
            items["document-items"][doc_item.id] = {"document": document.id,
                                                    **_plain(doc_item)}
    # A reviewer reads a fact or a document point by its words (the long name); other
    # items by their short names.
    names = {i: shown.long(i) if section in WORDED else shown.short(i)
             for section in SECTIONS[1:] if section != "withdrawn" for i in items[section]}
    names["briefing"] = briefing.info.title
    titles = text_wording(shown)
    findings = {f.id: {**dump(f), "title": titles.title(f)} for f in analysis.findings}
    return Snapshot(briefing.slug, briefing.info.title, items, names,
                    {f.id: f.round for f in briefing.facts.values() if f.round}, findings)


def _plain(item: Any) -> dict[str, Any]:
    return _strip(dump(item))


def _strip(value: Any) -> Any:
    """The value without `origin` fields, at any depth (labels and points have them too)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in IGNORED}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


# ------------------------------------------------------------------- comparison


def diff_snapshots(old: Snapshot | None, new: Snapshot | None) -> BriefingDiff | None:
    """What changed from `old` to `new` (None: the same, or both absent)."""
    if old is None and new is None:
        return None
    either = new or old
    assert either is not None
    change = "added" if old is None else "removed" if new is None else "changed"
    result = BriefingDiff(either.slug, either.title, change)
    for section in SECTIONS:
        before = old.items[section] if old else {}
        after = new.items[section] if new else {}
        for item_id in sorted(before.keys() | after.keys()):
            item = _item_change(section, item_id, before.get(item_id), after.get(item_id),
                                old, new)
            if item is not None:
                result.items.append(item)
    result.findings = _finding_changes(old.findings if old else {},
                                       new.findings if new else {})
    if change == "changed" and not result.items and not result.findings:
        return None
    return result


def _item_change(section: str, item_id: str, before: dict[str, Any] | None,
                 after: dict[str, Any] | None, old: Snapshot | None,
                 new: Snapshot | None) -> ItemChange | None:
    side = new if after is not None else old
    assert side is not None
    round_id = side.rounds.get(item_id) if section == "facts" else None
    change = "added" if before is None else "removed" if after is None else "changed"
    item = ItemChange(section, item_id, change, side.names.get(item_id, item_id),
                      round_id, side.names.get(round_id) if round_id else None)
    if after is None and new is not None and item_id in new.items["withdrawn"]:
        item.reason = new.items["withdrawn"][item_id]["reason"]
    if before is not None and after is not None:
        item.fields = field_changes(before, after)
        if not item.fields:
            return None
        cites = next((f for f in item.fields if f.field == "citations"), None)
        if cites is not None:
            item.citations_added = [c for c in cites.new if c not in cites.old]
            item.citations_removed = [c for c in cites.old if c not in cites.new]
    return item


def field_changes(before: dict[str, Any], after: dict[str, Any],
                  prefix: str = "") -> list[FieldChange]:
    """Fields whose values differ, in the order the format lists them.

    Lists of items with ids (an actor's labels, a document's points) are compared by id,
    field by field: `labels.tass-label.citations`, not the whole list twice.
    """
    keys = list(before) + [k for k in after if k not in before]
    out: list[FieldChange] = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if _by_id(old) and _by_id(new) and key != "citations":
            out += _list_changes(f"{prefix}{key}", old, new)
        else:
            out.append(FieldChange(prefix + key, old, new))
    return out


def _by_id(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value)


def _list_changes(name: str, old: list[dict[str, Any]],
                  new: list[dict[str, Any]]) -> list[FieldChange]:
    before, after = {v["id"]: v for v in old}, {v["id"]: v for v in new}
    out: list[FieldChange] = []
    for item_id in [*before, *(i for i in after if i not in before)]:
        if item_id not in after or item_id not in before:
            out.append(FieldChange(f"{name}.{item_id}", before.get(item_id),
                                   after.get(item_id)))
        else:
            out += field_changes(before[item_id], after[item_id], f"{name}.{item_id}.")
    return out


def _finding_changes(before: dict[str, dict[str, Any]],
                     after: dict[str, dict[str, Any]]) -> list[FindingChange]:
    out = []
    for finding_id in sorted(before.keys() | after.keys()):
        old, new = before.get(finding_id), after.get(finding_id)
        here = new or old
        assert here is not None
        change = "opened" if old is None else "closed" if new is None else "changed"
        fields = field_changes(old, new) if old is not None and new is not None else []
        if change == "changed" and not fields:
            continue
        out.append(FindingChange(finding_id, change, here["kind"], here["title"],
                                 here["status"], fields))
    return out


def diff_readings(old: Reading, new: Reading, old_label: str, new_label: str) -> SiteDiff:
    """Every briefing of two readings compared by folder name (slug)."""
    before = {b.slug: snapshot(b) for b in old.briefings}
    after = {b.slug: snapshot(b) for b in new.briefings}
    site = SiteDiff(old_label, new_label)
    for slug in sorted(before.keys() | after.keys()):
        result = diff_snapshots(before.get(slug), after.get(slug))
        if result is not None:
            site.briefings.append(result)
    return site


def citation_key(citation: Citation | dict[str, Any]) -> str:
    """A citation's source id (what reports name when a citation comes or goes)."""
    return citation["source"] if isinstance(citation, dict) else citation.source


# ------------------------------------------------------------------- reading a version


class VersionError(Exception):
    """A version to compare that is neither a folder nor a git revision."""


@contextmanager
def read_version(spec: str, briefings: str, repo: Path) -> Iterator[Reading]:
    """Read a folder of briefings, or `briefings/` at a git revision of `repo`.

    A revision is copied out with `git archive` into a temporary folder (removed on
    exit); its problems' paths read `REV:briefings/…`.
    """
    folder = Path(spec)
    if folder.is_dir():
        yield read_briefings(folder)
        return
    with tempfile.TemporaryDirectory(prefix="briefing-diff-") as tmp:
        root = Path(tmp)
        _extract(spec, briefings, repo, root)
        target = root / briefings
        target.mkdir(parents=True, exist_ok=True)  # a revision without briefings: empty
        reading = read_briefings(target, cwd=root)
        reading.problems = [_at_revision(p, spec) for p in reading.problems]
        yield reading


def _extract(revision: str, briefings: str, repo: Path, into: Path) -> None:
    """`briefings/` as it is at `revision`, from `git archive` (no checkout)."""
    check = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet",
                            f"{revision}^{{commit}}"], capture_output=True, text=True)
    if check.returncode != 0:
        raise VersionError(f"'{revision}' is neither a folder nor a git revision of {repo}")
    listed = subprocess.run(["git", "-C", str(repo), "ls-tree", "-d", "--name-only", revision,
                             "--", briefings], capture_output=True, text=True, check=True)
    if not listed.stdout.strip():
        return
    archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", revision,
                              "--", briefings], capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def _at_revision(problem: Problem, revision: str) -> Problem:
    return replace(problem, path=f"{revision}:{problem.path}")
