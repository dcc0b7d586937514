"""Command line: `python -m generator {check,discrepancies,build,diff,schema}` (also `briefing`).

Exit codes: 0 clean, 1 problems in the fact files, 2 usage errors. A contributor's
mistake never ends in a traceback: it is printed as `path:line:col: error: message`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.load import display_path
from generator.pipeline import Reading, read_briefings
from generator.problems import InternalError, by_code, processing
from generator.sections import json_schema

DEFAULT_DIR = Path("briefings")
SCHEMA_PATH = Path("schema/briefing.schema.json")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except InternalError as error:  # a bug, not a contributor's mistake: one line, exit 1
        print(error, file=sys.stderr)
        return 1
    except Exception as error:  # the safety net: a bug outside any `processing` block
        what = getattr(args, "briefings_dir", None) or args.run.__name__.removeprefix("run_")
        print(InternalError(str(what), error), file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Check briefing fact files and turn them into pages.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate every fact file; report all problems")
    _add_dir(check)
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       help="github: also print workflow annotations for pull requests; "
                            "json: the problems on stdout, grouped by code")
    check.set_defaults(run=run_check)

    report = commands.add_parser("discrepancies", help="list detected and recorded discrepancies")
    _add_dir(report)
    report.add_argument("--format", choices=("table", "json"), default="table")
    report.set_defaults(run=run_discrepancies)

    build = commands.add_parser(
        "build", help="write the docs tree with every briefing page as files (for Zensical)")
    _add_dir(build)
    build.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    build.add_argument("--edit-base", default="", help="URL prefix for 'edit this page' links")
    build.add_argument("--docs", type=Path, default=Path("docs"),
                       help="hand-written pages to include (default: docs)")
    build.add_argument("--config", type=Path,
                       help="also write an mkdocs.yml for the folder, without the plugin "
                            "(for Zensical)")
    build.add_argument("--mkdocs-config", type=Path, default=Path("mkdocs.yml"),
                       help="the project configuration --config starts from")
    build.set_defaults(run=run_build)

    diff = commands.add_parser(
        "diff", help="compare two versions of the briefings by id (folders or git revisions)")
    diff.add_argument("old", metavar="OLD", help="a briefings folder, or a git revision")
    diff.add_argument("new", metavar="NEW", help="a briefings folder, or a git revision")
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    diff.add_argument("--briefings-dir", default=str(DEFAULT_DIR),
                      help="the briefings folder in the repository, for revisions "
                           "(default: briefings)")
    diff.set_defaults(run=run_diff)

    schema = commands.add_parser("schema", help="write the JSON Schema of the fact-file format")
    schema.add_argument("--out", type=Path, default=SCHEMA_PATH)
    schema.add_argument("--check", action="store_true",
                        help="exit 1 if the file on disk differs from the format")
    schema.set_defaults(run=run_schema)
    return parser


def _add_dir(command: argparse.ArgumentParser) -> None:
    command.add_argument("briefings_dir", nargs="?", type=Path, default=DEFAULT_DIR,
                         metavar="BRIEFINGS_DIR", help="folder of briefings (default: briefings)")


def _read(args: argparse.Namespace, fmt: str = "text") -> Reading | None:
    """The briefings, or None after printing every problem (the command then exits 1)."""
    reading = read_briefings(args.briefings_dir)
    if reading.problems:
        _print_problems(reading, fmt)
        return None
    return reading


def _print_problems(reading: Reading, fmt: str = "text") -> None:
    problems = sorted(reading.problems)
    if fmt == "json":
        print(_json_report(reading))
        return
    if fmt == "github":
        for problem in problems:
            print(problem.format_github())
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    count = len(problems)
    print(f"{count} error{'s' if count != 1 else ''} in {len(reading.files)} files.",
          file=sys.stderr)


def _json_report(reading: Reading) -> str:
    """The problems grouped by code (problems.CODES order), for tools and editors."""
    groups = by_code(sorted(reading.problems))
    return json.dumps({"files": len(reading.files), "problems": len(reading.problems),
                       "groups": [{"code": code, "problems": [p.as_json() for p in group]}
                                  for code, group in groups]},
                      indent=2, ensure_ascii=False)


def run_check(args: argparse.Namespace) -> int:
    reading = _read(args, args.format)
    if reading is None:
        return 1
    if args.format == "json":
        print(_json_report(reading))
        return 0
    facts = sum(len(b.facts) + len(b.claims) + len(b.positions) for b in reading.briefings)
    print(f"ok: {len(reading.briefings)} briefings, {len(reading.files)} files, "
          f"{facts} facts, claims and positions; no problems.")
    return 0


def run_discrepancies(args: argparse.Namespace) -> int:
    from generator.analyze import analyze
    from generator.analyze.report import render_report

    reading = _read(args)
    if reading is None:
        return 1
    analyses = []
    for briefing in reading.briefings:
        with processing(display_path(briefing.root)):
            analyses.append((briefing, analyze(briefing)))
    sys.stdout.write(render_report(analyses, args.format))
    return 0


def run_build(args: argparse.Namespace) -> int:
    from generator.build import OutputFolderError, write_pages
    from generator.standalone import StandaloneError, docs_tree, write_config

    reading = _read(args)
    if reading is None:
        return 1
    docs = args.docs if args.docs.is_dir() else None
    try:
        pages, content = docs_tree(reading, args.briefings_dir, docs, args.edit_base)
        write_pages(pages, args.out)
        if args.config:
            write_config(args.mkdocs_config, args.config, args.out, pages, content)
    except (StandaloneError, OutputFolderError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(pages)} files to {args.out}"
          + (f" and a configuration to {args.config}" if args.config else ""))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from generator.diff import VersionError, diff_readings, read_version
    from generator.diffreport import render_diff

    try:
        with read_version(args.old, args.briefings_dir, Path.cwd()) as old, \
                read_version(args.new, args.briefings_dir, Path.cwd()) as new:
            if old.problems or new.problems:
                _print_problems(Reading(problems=old.problems + new.problems,
                                        files=old.files + new.files))
                return 1
            site = diff_readings(old, new, args.old, args.new)
    except VersionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(render_diff(site, args.format))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date: run python -m generator schema", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0
