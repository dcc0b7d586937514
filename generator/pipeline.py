"""Read a briefings folder through every checking stage: the one call other parts use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.analyze import unreadable_claims
from generator.analyze.phrases import fitting_kind
from generator.analyze.readings import in_english
from generator.load import (
    YAML_SUFFIXES,
    display_path,
    find_fact_files,
    gc_paused,
    load_file,
    name_problems,
    readable,
)
from generator.model import Briefing
from generator.problems import (
    CLAIM_VALUE,
    FILE_NAME,
    BriefingError,
    Problem,
    processing,
    show,
)
from generator.resolve import build_briefing
from generator.schema import MAX_ID_LENGTH, SLUG
from generator.validate import Checked, FileCheck, add_file, check_across, check_one_file

# A file's stamp (modification time, size) and what reading it gave: its problems, and
# its checks when it could be parsed (`mkdocs serve` keeps them from one reading to the
# next, and reads again only the files that changed).
FileCache = dict[tuple[Path, str], tuple[tuple[int, int], list[Problem], FileCheck | None]]


@dataclass(slots=True)
class Reading:
    """The briefings that passed every check, and every problem found in the others."""

    briefings: list[Briefing] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # every file read, for watching

    def raise_for_problems(self) -> None:
        if self.problems:
            raise BriefingError(self.problems)


def read_briefings(root: Path, cwd: Path | None = None) -> Reading:
    """Load, check and resolve every briefing folder below `root` (sorted by folder name).

    A `root` that holds fact files itself is read as one briefing folder.

    Raises FileNotFoundError when `root` is not a folder: that is a usage error, not
    a problem in the fact files.
    """
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"no briefings folder at {root}")
    reading = Reading()
    with gc_paused(freeze=True):  # the model lives on, and holds no reference cycles
        _read_root(root, cwd, reading)
    return reading


def _read_root(root: Path, cwd: Path | None, reading: Reading) -> None:
    for folder, paths in briefing_folders(root):
        _read_folder(folder, paths, folder.parent, cwd, reading)


def briefing_folders(root: Path) -> list[tuple[Path, list[Path]]]:
    """Each briefing folder below `root` (sorted by name) with its fact files.

    A `root` that holds fact files itself is one briefing's folder (`check briefings/x`).
    """
    if any(p.suffix in YAML_SUFFIXES and p.is_file() for p in root.iterdir()):
        return [(root, find_fact_files(root))]
    folders = [(folder, find_fact_files(folder))
               for folder in sorted(p for p in root.iterdir() if p.is_dir())]
    return [(folder, paths) for folder, paths in folders if paths]


def read_folder(folder: Path, paths: list[Path], cwd: Path | None = None,
                cache: FileCache | None = None) -> Reading:
    """Read one briefing folder (as `briefing_folders` lists it), like `read_briefings`;
    with `cache`, parse and check again only the files changed since it was filled."""
    reading = Reading()
    with gc_paused(freeze=True):
        _read_folder(folder, paths, folder.parent, cwd, reading, cache)
    return reading


def _read_folder(folder: Path, paths: list[Path], root: Path, cwd: Path | None,
                 reading: Reading, cache: FileCache | None = None) -> None:
    shown_folder = display_path(folder, cwd)
    loaded: list[str] = []  # paths as shown of the files that could be parsed
    origins: dict[str, str] = {}
    checked = Checked()
    for path in paths:
        shown = display_path(path, cwd)
        origins[shown] = path.relative_to(root.parent).as_posix()
        reading.files.append(path)
        with processing(shown):
            problems, file = _read_file(path, folder, shown, cache)
            reading.problems.extend(problems)
            if file is not None:
                loaded.append(file.path)
                add_file(checked, file)
    with processing(shown_folder):
        _check_folder(folder, paths, origins, loaded, checked, cwd, reading)


def _read_file(path: Path, folder: Path, shown: str,
               cache: FileCache | None) -> tuple[list[Problem], FileCheck | None]:
    """A file's own problems, and its checks if it could be parsed (from `cache` when the
    file has not changed since)."""
    stamp = None
    if cache is not None:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        kept = cache.get((path, shown))
        if kept is not None and kept[0] == stamp:
            return kept[1], kept[2]
    problems = name_problems(path.relative_to(folder), shown)
    result, load_problems = load_file(path, shown)
    problems += load_problems
    # Checked at once, so that its node tree goes before the next file is parsed: the
    # trees take ~25 bytes per byte of YAML, the checked values a fifth of it.
    file = check_one_file(result) if result else None
    if cache is not None and stamp is not None:
        cache[(path, shown)] = (stamp, problems, file)
    return problems, file


def _check_folder(folder: Path, paths: list[Path], origins: dict[str, str], loaded: list[str],
                  checked: Checked, cwd: Path | None, reading: Reading) -> None:
    """The rules across the files of one briefing folder, then its model if it is sound."""
    good_name = SLUG.match(folder.name) and len(folder.name) <= MAX_ID_LENGTH
    if not good_name:
        reading.problems.append(Problem(
            display_path(paths[0], cwd), 1, 1,
            f"folder name {show(readable(folder.name))} is not a valid id",
            "name briefing folders in lowercase words joined by hyphens (at most "
            f"{MAX_ID_LENGTH} characters), e.g. istanbul-2025", code=FILE_NAME))
    complete = len(loaded) == len(paths)
    check_across(display_path(folder, cwd), checked, loaded[0] if loaded else "", complete)
    reading.problems.extend(checked.problems)
    if not checked.problems and complete and good_name:
        files = [origins[f] for f in loaded]
        briefing = build_briefing(folder.name, folder, checked, origins, files)
        problems = _unreadable_claim_problems(briefing, origins)
        reading.problems.extend(problems)
        if not problems:
            reading.briefings.append(briefing)


def _unreadable_claim_problems(briefing: Briefing, origins: dict[str, str]) -> list[Problem]:
    """A claim without `value` must have a `reported` phrasing the analysis can read."""
    shown = {origin: path for path, origin in origins.items()}
    return [
        Problem(shown[claim.origin.path], claim.origin.line, claim.origin.col,
                f"cannot read a comparable value from reported: {show(claim.reported)}",
                ("" if in_english(claim, briefing) else
                 "its sources are not in English, and only English wording is read: ")
                + VALUE_HINTS[fitting_kind(claim.reported, claim.property)], code=CLAIM_VALUE)
        for claim in unreadable_claims(briefing)
    ]


VALUE_HINTS = {  # by the kind of value the phrase seems to state
    "datetime": "it reads as a clock time: add a value with the date and the zone the source "
                "means, e.g. value: {datetime: 2025-06-02T13:00+03:00, approx: about}",
    "date": "it reads as a date: add a value, e.g. value: {date: 2025-06-02} or, for a "
            "weekday alone, value: {weekday: monday}",
    "duration": "it reads as a duration: add a value, e.g. value: {duration: 1h, approx: about}",
    "count": "it reads as a count: add a value, e.g. value: {count: 40, approx: over}",
    "choice": "add a value, e.g. value: {choice: ...} for a name, or {count: ...}, "
              "{duration: ...}, {date: ...}",
}
