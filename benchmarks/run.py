"""Benchmarks: check, generate, detect and build synthetic briefings of several sizes.

    python benchmarks/run.py [--sizes 1000,10000,50000] [--json OUT]

For each size it writes a synthetic briefing (benchmarks/synth.py) into a temporary
folder and measures, each step on its own so that one failure does not stop the rest:
the checker (subprocess) next to PyYAML's C loader alone on the same files, the
generator in one process (read + analyze + render, in a child process so its memory is
its own), and a full `mkdocs build` with the project's settings (wall time, peak memory,
site size, search index, largest page). The istanbul-2025 briefing gets a row too, and
so does the same briefing with one position whose stance is 2 MB of text: every pass
over text must be linear, and its build must take at most twice the plain one's.
It prints Markdown tables (measurements, targets, growth) and writes JSON.
See benchmarks/README.md for what each column means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import yaml
from live import first_person, step_search_bytes, step_serve
from siteconfig import write_build_config
from synth import write_synthetic_briefing
from treemem import TreeMemory

from generator.export import FILE as EXPORT_FILE

REPO = Path(__file__).resolve().parents[1]
DEFAULT_JSON = REPO / "benchmarks" / "out" / "results.json"
MB = 1_000_000
REFERENCE = 10_000  # the size the absolute targets are set for
LARGEST = 50_000  # the size the targets for 50,000 facts are set for
REAL = "istanbul-2025"  # the row of the real briefing
SERVE_SIZES = (1_000, 10_000)  # edit-to-visible latency is measured at these sizes (and Istanbul)
RAW_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")  # an HTML start tag in Markdown
Row = dict[str, Any]


# ---------------------------------------------------------------- subprocesses


TIME = Path("/usr/bin/time")


@dataclass(frozen=True, slots=True)
class Measured:
    seconds: float
    peak_mb: float  # the command's maximum resident set size (its largest process)
    returncode: int
    log: Path
    cpu_seconds: float | None = None  # user + system time, from `time -v` (None without it)
    tree_peak_mb: float | None = None  # all its processes together, sampled (treemem.py)


def run_measured(cmd: list[str], log: Path, timeout: float) -> Measured:
    """Run `cmd` from the repo root, output to `log`: wall time and the command's peak RSS.

    The peak comes from GNU `/usr/bin/time -v`. Without it, from `os.wait4`, which
    overstates small commands: Python starts children with vfork, and Linux counts the
    parent's peak (this script's) in the child's `ru_maxrss`. `time` forks from its own
    small process, so its figure is the command's own.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    timing = log.with_suffix(".time")
    wrapped = [str(TIME), "-v", "-o", str(timing), *cmd] if TIME.exists() else cmd
    with log.open("wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
                                env=env, start_new_session=True)
        timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
        timer.start()
        try:
            with TreeMemory(proc.pid) as tree:  # its session: the command and its children
                _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak_mb, cpu = time_report(timing) if TIME.exists() else (None, None)
    if peak_mb is None:
        scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
        peak_mb = usage.ru_maxrss * scale / MB
    tree_mb = tree.peak / MB if tree.peak is not None else None
    return Measured(seconds, peak_mb, proc.returncode, log, cpu, tree_mb)


def time_report(report: Path) -> tuple[float | None, float | None]:
    """Peak memory in MB ('Maximum resident set size (kbytes)') and CPU seconds (user +
    system) from `time -v`. The CPU time hardly moves when other processes compete for
    the cores, the wall time does: both are recorded."""
    if not report.exists():
        return None, None
    peak, cpu = None, 0.0
    for line in report.read_text(encoding="utf-8", errors="replace").splitlines():
        if "Maximum resident set size" in line:
            peak = int(line.rsplit(":", 1)[1]) * 1024 / MB
        elif "User time (seconds)" in line or "System time (seconds)" in line:
            cpu += float(line.rsplit(":", 1)[1])
    return peak, cpu


class StepFailed(RuntimeError):
    pass


def tail(log: Path, lines: int = 8) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def require_success(result: Measured, what: str) -> None:
    if result.returncode != 0:
        raise StepFailed(f"{what} exited {result.returncode}: {tail(result.log)}")


# ---------------------------------------------------------------- the steps


def yaml_files(briefings_dir: Path) -> list[Path]:
    return sorted(briefings_dir.rglob("*.yaml"))


def step_parse(briefings_dir: Path, work: Path, repeat: int, timeout: float) -> Row:
    """PyYAML's C loader alone on every file (in a fresh process): the checker's floor."""
    files = yaml_files(briefings_dir)
    size = sum(p.stat().st_size for p in files)
    best = in_child("parse", briefings_dir, work, repeat, timeout, "parse_s")
    return {"files": len(files), "yaml_mb": size / MB} | best


def measure_parse(briefings_dir: Path) -> Row:
    """In this process: `yaml.load(text, Loader=yaml.CSafeLoader)` on every fact file."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in yaml_files(briefings_dir):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return {"parse_s": time.perf_counter() - start, "parse_cpu_s": time.process_time() - cpu}


def step_check(briefings_dir: Path, work: Path, repeat: int, timeout: float) -> Row:
    """`python -m generator check`, as a contributor or CI runs it (start-up included)."""
    cmd = [sys.executable, "-m", "generator", "check", str(briefings_dir)]
    runs = [run_measured(cmd, work / "check.log", timeout) for _ in range(repeat)]
    for result in runs:
        require_success(result, "check")
    return {"check_s": min(r.seconds for r in runs), "check_peak_mb": runs[0].peak_mb,
            "check_cpu_s": min((r.cpu_seconds for r in runs if r.cpu_seconds is not None),
                               default=None)}


def step_generator(briefings_dir: Path, work: Path, repeat: int, timeout: float) -> Row:
    """read_briefings + analyze + render_briefing, timed inside one child process."""
    return in_child("generator", briefings_dir, work, repeat, timeout, "generator_s")


def in_child(mode: str, briefings_dir: Path, work: Path, repeat: int, timeout: float,
             key: str) -> Row:
    """Run `measure_<mode>` in a fresh process `repeat` times; keep the fastest by `key`.

    A fresh process each time, so that nothing this script holds (its heap, the garbage
    collector's work on it) weighs on the timing.
    """
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(briefings_dir)]
    best: Row | None = None
    for _ in range(repeat):
        result = run_measured(cmd, work / f"{mode}.log", timeout)
        require_success(result, mode)
        lines = result.log.read_text(encoding="utf-8").splitlines()
        row = json.loads(lines[-1]) | {f"{mode}_peak_mb": result.peak_mb}
        if best is None or row[key] < best[key]:
            best = row
    assert best is not None
    return best


def measure_generator(briefings_dir: Path) -> Row:
    """In this process: the generator's stages on every briefing (run in the child)."""
    from generator.analyze import analyze
    from generator.pipeline import read_briefings
    from generator.render import render_briefing

    start, cpu_start = time.perf_counter(), time.process_time()
    reading = read_briefings(briefings_dir)
    read_done, read_cpu = time.perf_counter(), time.process_time()
    if reading.problems:
        raise SystemExit(f"{len(reading.problems)} problems: {reading.problems[0]}")
    analyses = [analyze(b) for b in reading.briefings]
    detect_done, detect_cpu = time.perf_counter(), time.process_time()
    pages = [p for b, a in zip(reading.briefings, analyses, strict=True)
             for p in render_briefing(b, a)]
    render_done, render_cpu = time.perf_counter(), time.process_time()
    markdown = [p.content for p in pages if p.path.endswith(".md")]
    raw_tags = sum(len(RAW_TAG.findall(text)) for text in markdown)
    return {
        "facts": sum(len(b.facts) for b in reading.briefings),
        "claims": sum(len(b.claims) for b in reading.briefings),
        "findings": sum(len(a.discrepancies) for a in analyses),
        "single_source": sum(len(a.single_source) for a in analyses),
        "coverage_gaps": sum(len(a.coverage_gaps) for a in analyses),
        "pages": len(pages),
        "markdown_mb": sum(len(p.content.encode() if isinstance(p.content, str) else p.content)
                           for p in pages) / MB,
        "read_s": read_done - start,
        "detect_s": detect_done - read_done,
        "render_s": render_done - detect_done,
        "generator_s": render_done - start,
        "read_cpu_s": read_cpu - cpu_start,
        "detect_cpu_s": detect_cpu - read_cpu,
        "render_cpu_s": render_cpu - detect_cpu,
        "generator_cpu_s": render_cpu - cpu_start,
        "raw_tags_per_page": raw_tags / max(len(markdown), 1),
    }


def step_build(briefings_dir: Path, work: Path, timeout: float, keep: bool) -> Row:
    """A whole `mkdocs build` with the project's settings, then the site's sizes, and what
    a reader downloads for search on it (in Chromium)."""
    config = write_build_config(REPO, work, briefings_dir)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config)]
    result = run_measured(cmd, work / "build.log", timeout)
    warnings = sum(1 for line in result.log.read_text(encoding="utf-8", errors="replace")
                   .splitlines() if line.startswith("WARNING"))
    # The peak is what the machine needs: MkDocs' process and Pagefind's indexer at once.
    row = {"build_s": result.seconds, "build_cpu_s": result.cpu_seconds,
           "build_peak_mb": max(result.peak_mb, result.tree_peak_mb or 0),
           "build_process_peak_mb": result.peak_mb, "build_warnings": warnings}
    require_success(result, "mkdocs build")
    row |= site_metrics(work / "site")
    return row


def step_search(briefings_dir: Path, work: Path) -> Row:
    """What a reader downloads for search on the built site, in Chromium."""
    slug = next(p.name for p in sorted(briefings_dir.iterdir()) if p.is_dir())
    return step_search_bytes(work / "site", f"{slug}/", first_person(briefings_dir / slug))


def step_live(briefings_dir: Path, work: Path, timeout: float) -> Row:
    """Edit-to-visible latency under `mkdocs serve --dirty` (see live.py)."""
    copy = work / "serve" / "briefings"  # edited: never the repository's own files
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(briefings_dir, copy)
    config = write_build_config(REPO, work / "serve", copy)
    slug = next(p.name for p in sorted(copy.iterdir()) if p.is_dir())
    return step_serve(config, copy / slug, slug + "/rounds/{}/", work, timeout=timeout)


def site_metrics(site: Path) -> Row:
    """Bytes of every file of the built site, and the split: HTML pages, JSON exports,
    Pagefind's index (the rest is the theme's assets, feeds, sitemap)."""
    total, html, html_bytes, export_bytes, largest, largest_path = 0, 0, 0, 0, 0, ""
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.name == EXPORT_FILE:  # as published: gzip-compressed
            export_bytes += size
        if path.suffix == ".html":
            html += 1
            html_bytes += size
            if size > largest:
                largest, largest_path = size, path.relative_to(site).as_posix()
    index = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return {"site_mb": total / MB, "html_pages": html, "html_mb": html_bytes / MB,
            "export_mb": export_bytes / MB,
            "search_index_mb": sum(p.stat().st_size for p in index) / MB if index else None,
            "largest_page": largest_path, "largest_page_mb": largest / MB}


# ---------------------------------------------------------------- one row


def attempt(row: Row, name: str, action: Callable[[], Row]) -> None:
    """Run one step; on failure record why in the row and carry on with the next."""
    started = time.perf_counter()
    try:
        row.update(action())
    except (Exception, SystemExit) as error:
        row["errors"][name] = f"{type(error).__name__}: {error}"
    print(f"  [{row['name']}] {name}: {time.perf_counter() - started:.1f} s"
          + (" FAILED" if name in row["errors"] else ""), file=sys.stderr)


def measure(name: str, size: int | None, briefings_dir: Path, work: Path,
            args: argparse.Namespace) -> Row:
    """Every measurement for one briefings folder (for a synthetic one, write it first)."""
    row: Row = {"name": name, "size": size, "errors": {}, "load_before": os.getloadavg()[0]}
    if size is not None:
        def generate() -> Row:
            start = time.perf_counter()
            write_synthetic_briefing(briefings_dir, size, args.seed)
            return {"synth_s": time.perf_counter() - start}
        attempt(row, "synth", generate)
    attempt(row, "parse", lambda: step_parse(briefings_dir, work, args.repeat, args.timeout))
    attempt(row, "check", lambda: step_check(briefings_dir, work, args.repeat, args.timeout))
    attempt(row, "generator",
            lambda: step_generator(briefings_dir, work, args.repeat, args.timeout))
    attempt(row, "build", lambda: step_build(briefings_dir, work, args.timeout, args.keep))
    if (work / "site").is_dir():
        attempt(row, "search", lambda: step_search(briefings_dir, work))
        if not args.keep:
            shutil.rmtree(work / "site", ignore_errors=True)
    if name == REAL or size in SERVE_SIZES:
        attempt(row, "serve", lambda: step_live(briefings_dir, work, args.timeout))
    if row.get("generator_s") and row.get("build_s"):
        row["generator_share"] = row["generator_s"] / row["build_s"]
    if row.get("check_cpu_s") and row.get("parse_cpu_s"):
        row["check_vs_parse"] = row["check_cpu_s"] / row["parse_cpu_s"]
    return row


# ---------------------------------------------------------------- targets


@dataclass(frozen=True, slots=True)
class Target:
    key: str
    label: str
    field: str
    limit: float
    at: int | None = None  # only judged on the row of this many facts
    inclusive: bool = False  # `<=` rather than `<`
    from_reference: bool = False  # judged on synthetic rows of 10,000 facts and more
    synthetic: bool = False  # judged on synthetic rows only
    real: bool = False  # judged on the Istanbul row only
    optional: bool = False  # judged only on rows that have the field
    # not judged on the 2 MB text row, whose one 2 MB stance is a page of its own: the row
    # measures whether every pass over text is linear (`long_text`), not page sizes
    generated: bool = False

    def applies(self, row: Row) -> bool:
        if self.optional and self.field not in row:
            return False
        if self.generated and "long_text_ratio" in row:
            return False
        size = row["size"]
        if self.at is not None:
            return size == self.at
        if self.real:
            return row["name"] == REAL
        if self.synthetic:
            return size is not None
        return not self.from_reference or (size is not None and size >= REFERENCE)


TARGETS = (
    Target("check_vs_parse", "check ≤ 3× parse CPU (≥10k)", "check_vs_parse", 3, inclusive=True,
           from_reference=True),
    Target("check_10k", "check < 2 s CPU (10k)", "check_cpu_s", 2, at=REFERENCE),
    Target("detect_10k", "detection < 1 s CPU (10k)", "detect_cpu_s", 1, at=REFERENCE),
    Target("build_10k", "build ≤ 20 s CPU (10k)", "build_cpu_s", 20, at=REFERENCE,
           inclusive=True),
    Target("build_50k", "build ≤ 100 s CPU (50k)", "build_cpu_s", 100, at=LARGEST,
           inclusive=True),
    Target("peak_50k", "build ≤ 1 GB (50k)", "build_peak_mb", 1000, at=LARGEST,
           inclusive=True),
    Target("site", "site < 200 MB", "site_mb", 200),
    Target("page", "largest page < 1 MB", "largest_page_mb", 1, generated=True),
    Target("raw_tags", "raw tags ≤ 100 per page", "raw_tags_per_page", 100, inclusive=True,
           synthetic=True),
    Target("search_load", "search on page load = 0 MB", "search_load_mb", 0, inclusive=True),
    Target("search_query", "query ≤ 0.3 MB", "search_query_mb", 0.3, inclusive=True),
    Target("edit_10k", "edit → page ≤ 3 s CPU (10k)", "edit_cpu_s", 3, at=REFERENCE,
           inclusive=True),
    Target("edit_real", "edit → page ≤ 1 s CPU (Istanbul)", "edit_cpu_s", 1, real=True,
           inclusive=True),
    Target("long_text", "2 MB text ≤ 2× build CPU", "long_text_ratio", 2, inclusive=True,
           optional=True),
)
GROWTH = (("build_cpu_s", "build CPU"), ("build_peak_mb", "build peak memory"),
          ("generator_cpu_s", "generator CPU"))
GROWTH_SLACK = 1.1  # 10 % above linear: 5.5x for 5x the facts, 11x for 10x


def judge(row: Row) -> dict[str, Row | None]:
    """Each target: value, limit and pass, or None where it does not apply to this row."""
    out: dict[str, Row | None] = {}
    for t in TARGETS:
        if not t.applies(row):
            out[t.key] = None
            continue
        value = row.get(t.field)
        ok = value is not None and (value <= t.limit if t.inclusive else value < t.limit)
        out[t.key] = {"value": value, "limit": t.limit, "pass": ok}
    return out


def growth(rows: list[Row]) -> list[Row]:
    """Ratios between consecutive synthetic sizes, against near-linear limits."""
    sized = sorted((r for r in rows if r["size"]), key=lambda r: r["size"])
    out = []
    for small, large in pairwise(sized):
        factor = large["size"] / small["size"]
        for field, label in GROWTH:
            a, b = small.get(field), large.get(field)
            ratio = b / a if a and b else None
            limit = GROWTH_SLACK * factor
            out.append({"from": small["size"], "to": large["size"], "metric": label,
                        "ratio": ratio, "limit": limit,
                        "pass": ratio is not None and ratio <= limit})
    return out


# ---------------------------------------------------------------- output


def fmt(value: Any, digits: int = 2, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}{unit}"
    return f"{value:,}{unit}" if isinstance(value, int) else str(value)


MEASURE_COLUMNS = (
    ("facts", "facts", 0, ""), ("yaml_mb", "YAML", 1, " MB"),
    ("parse_s", "C parse", 2, " s"), ("parse_cpu_s", "CPU", 2, " s"),
    ("check_s", "check", 2, " s"), ("check_cpu_s", "CPU", 2, " s"),
    ("check_vs_parse", "check/parse", 1, "×"),
    ("read_s", "read", 2, " s"), ("read_cpu_s", "CPU", 2, " s"),
    ("detect_s", "detect", 2, " s"), ("detect_cpu_s", "CPU", 2, " s"),
    ("render_s", "render", 2, " s"), ("render_cpu_s", "CPU", 2, " s"),
    ("pages", "pages", 0, ""), ("raw_tags_per_page", "raw tags/page", 0, ""),
    ("build_s", "build", 1, " s"), ("build_cpu_s", "CPU", 1, " s"),
    ("build_peak_mb", "build peak", 0, " MB"),
    ("site_mb", "site", 1, " MB"), ("html_pages", "HTML files", 0, ""),
    ("html_mb", "of it HTML", 1, " MB"), ("export_mb", "export", 1, " MB"),
    ("search_index_mb", "search index", 1, " MB"), ("largest_page_mb", "largest page", 2, " MB"),
    ("search_load_mb", "search on load", 2, " MB"), ("search_query_mb", "query", 2, " MB"),
    ("edit_visible_s", "edit → page", 1, " s"), ("edit_cpu_s", "CPU", 1, " s"),
)


def table(header: list[str], body: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def measurements_table(rows: list[Row]) -> str:
    body = [[r["name"], *(fmt(r.get(k), d, u) for k, _, d, u in MEASURE_COLUMNS)] for r in rows]
    return table(["briefing", *(label for _, label, _, _ in MEASURE_COLUMNS)], body)


def verdict(cell: Row | None, digits: int = 2) -> str:
    if cell is None:
        return "–"
    if cell["value"] is None:
        return "no data"
    return f"{'pass' if cell['pass'] else 'FAIL'} ({fmt(cell['value'], digits)})"


def targets_table(rows: list[Row]) -> str:
    body = [[r["name"], *(verdict(r["targets"][t.key]) for t in TARGETS)] for r in rows]
    return table(["briefing", *(t.label for t in TARGETS)], body)


def growth_table(steps: list[Row]) -> str:
    body = [[f"{s['from']:,} → {s['to']:,}", s["metric"], fmt(s["ratio"], 2, "×"),
             f"≤ {s['limit']:.1f}×", "pass" if s["pass"] else "FAIL"] for s in steps]
    return table(["facts", "metric", "growth", "limit", "result"], body)


def first_and_last(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()] or [""]
    return lines[0] if len(lines) == 1 else f"{lines[0]} … {lines[-1]}"


def errors_text(rows: list[Row]) -> str:
    lines = [f"- {r['name']} / {step}: {first_and_last(message)}"
             for r in rows for step, message in r["errors"].items()]
    return "\n".join(["Errors:", *lines]) if lines else "No step failed."


def report(rows: list[Row], steps: list[Row]) -> str:
    parts = ["## Measurements", measurements_table(rows), "## Targets", targets_table(rows)]
    if steps:
        parts += ["## Growth", growth_table(steps)]
    parts.append(errors_text(rows))
    return "\n\n".join(parts)


# ---------------------------------------------------------------- main


def run_all(args: argparse.Namespace, root: Path) -> list[Row]:
    rows = []
    for size in args.sizes:
        work = root / f"synthetic-{size}"
        work.mkdir(parents=True, exist_ok=True)
        rows.append(measure(f"synthetic-{size}", size, work / "briefings", work, args))
        if not args.keep:
            shutil.rmtree(work / "briefings", ignore_errors=True)
    if not args.skip_istanbul:
        work = root / "istanbul"
        work.mkdir(parents=True, exist_ok=True)
        rows.append(measure("istanbul-2025", None, REPO / "briefings", work, args))
        if not args.skip_long_text:
            rows.append(measure_long_text(rows[-1], root / "long-text", args))
    for row in rows:
        row["targets"] = judge(row)
    return rows


LONG_TEXT_BYTES = 2_000_000


def write_long_text_briefing(folder: Path) -> None:
    """The project's briefings plus one position whose stance is LONG_TEXT_BYTES of figures
    ("12345 12345 …", the input that once made search enrichment quadratic)."""
    shutil.copytree(REPO / "briefings", folder)
    first = next(p for path in sorted(folder.rglob("*.yaml"))
                 for p in (yaml.safe_load(path.read_text(encoding="utf-8")) or {})
                 .get("positions", []))
    source = first["citations"][0]
    source = source if isinstance(source, str) else source["source"]
    stance = ("12345 " * (LONG_TEXT_BYTES // 6 + 1))[:LONG_TEXT_BYTES].strip()
    briefing = next(p.parent for p in folder.rglob("*.yaml"))
    (briefing / "long-text.yaml").write_text(
        f"positions:\n  - id: long-text-stance\n    issue: {first['issue']}\n"
        f"    party: {first['party']}\n    stance: \"{stance}\"\n    status: unclear\n"
        f"    as_of: \"{first['as_of']}\"\n    citations: [{source}]\n", encoding="utf-8")


def measure_long_text(plain: Row, work: Path, args: argparse.Namespace) -> Row:
    """The Istanbul row again with a 2 MB text field; its build CPU against the plain one."""
    work.mkdir(parents=True, exist_ok=True)
    write_long_text_briefing(work / "briefings")
    row = measure("istanbul-2025 + 2 MB text", None, work / "briefings", work, args)
    key = "build_cpu_s" if row.get("build_cpu_s") and plain.get("build_cpu_s") else "build_s"
    if row.get(key) and plain.get(key):
        row["long_text_ratio"] = row[key] / plain[key]
    return row


def machine() -> Row:
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "pyyaml": yaml.__version__,
            "libyaml": getattr(yaml, "__with_libyaml__", False),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000",
                        type=lambda s: [int(x) for x in s.split(",") if x],
                        help="comma-separated fact counts (default 1000,10000,50000)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run parse, check and generator N times and keep the fastest")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per subprocess")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR and keep the briefings and sites there")
    parser.add_argument("--skip-istanbul", action="store_true")
    parser.add_argument("--skip-long-text", action="store_true",
                        help="leave out the Istanbul briefing with a 2 MB text field")
    parser.add_argument("--history", action="store_true",
                        help="also time the git history pass of the updates pages: 10,000 "
                             "facts over 1,000 commits (benchmarks/history.py)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "DIR"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        mode, folder = args.child
        measure_in_child = {"parse": measure_parse, "generator": measure_generator}[mode]
        print(json.dumps(measure_in_child(Path(folder))))
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        rows = run_all(args, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
            rows = run_all(args, Path(tmp))
    steps = growth(rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"machine": machine(), "rows": rows, "growth": steps},
                                    indent=2, default=str), encoding="utf-8")
    print(report(rows, steps))
    if args.history:
        import history  # benchmarks/history.py: self-contained, its own table

        print(f"\n{history.HEAD}\n{history.row(history.measure(10_000, 1_000))}")
    print(f"\nJSON: {args.json}", file=sys.stderr)
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
