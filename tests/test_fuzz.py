"""Hostile input, generated: mutations of the Istanbul briefing must never crash anything.

Each example copies the briefing, mutates it once (a scalar replaced by a hostile value,
quoted or raw; a line deleted or duplicated; bytes inserted; a file renamed) and checks:

- the checker exits 0 or 1, prints no traceback and no internal error, and every error is
  one `path:line:col: error: message` line (with an optional `    hint:` line);
- what it accepts renders: every page and the strict-JSON export (no NaN/Infinity), with
  no injected tag or attribute reaching the Markdown;
- a few accepted mutations are built with MkDocs + Material for real, and the HTML holds
  no injected tag or handler, and the edit links are percent-encoded.

The fast profile (in `./dev test`) runs FAST_EXAMPLES checker examples and FAST_BUILDS
site builds. A long run: `FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/test_fuzz.py
--hypothesis-seed=14` (builds: one per 100 examples; see README, "Fuzzing").
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml
from built_html import read_html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.export import FILE as EXPORT_FILE
from generator.pipeline import read_briefings
from generator.publish import site_content

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "briefings"
FAST_EXAMPLES, FAST_BUILDS = 60, 2
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", FAST_EXAMPLES))
BUILDS = max(FAST_BUILDS, EXAMPLES // 100) if "FUZZ_EXAMPLES" in os.environ else FAST_BUILDS

ERROR_LINE = re.compile(r"^\S.*:\d+:\d+: error: \S.*$")
COUNT_LINE = re.compile(r"^\d+ errors? in \d+ files\.$")
PAYLOADS = ('<img src=x onerror=alert(1)>', "<script>alert(1)</script>",
            "[x](javascript:alert(1))", '"><svg onload=alert(1)>', "{: onclick=alert(1) }",
            "<!-- x -->", "&lt;b&gt;", "\\<b>", "`<b>`", "[^1]", "| a | b |")


class Injections(HTMLParser):
    """What the payloads would make if they reached a page raw: an event-handler
    attribute, a javascript: link, a script that runs them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for key, value in attrs:
            if key.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {key}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.found.append(f"<script>{data[:60]}")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def injections(text: str, markdown: bool = False) -> list[str]:
    """In HTML, tags and attributes; in Markdown also a link to javascript: (in HTML the
    same characters are text, shown as typed, unless they made an href)."""
    parser = Injections()
    parser.feed(text)
    parser.close()
    found = parser.found
    if markdown and re.search(r"\]\(\s*javascript:", text, re.I):
        found.append("[…](javascript:…)")
    return found


@dataclass(frozen=True)
class Span:
    """A scalar of one fact file: where its text starts and ends."""

    file: str
    start: int
    end: int


def _spans() -> tuple[dict[str, str], list[Span]]:
    texts = {p.relative_to(SAMPLE).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(SAMPLE.rglob("*.yaml"))}
    spans = []
    for name, text in texts.items():
        for node in _scalars(yaml.compose(text)):
            spans.append(Span(name, node.start_mark.index, node.end_mark.index))
    return texts, spans


def _scalars(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


TEXTS, SPANS = _spans()
# Free text (a space in it): where a payload is accepted, so the build test builds.
PROSE = [s for s in SPANS if " " in TEXTS[s.file][s.start:s.end]]

digits = st.integers(min_value=1, max_value=5000).map(lambda n: "1" + "0" * n)
years = st.integers(min_value=0, max_value=9999).map(lambda y: f"{y:04d}")
dates = st.one_of(
    years, st.builds(lambda y, m: f"{y}-{m:02d}", years, st.integers(0, 13)),
    st.builds(lambda y, h, z: f"{y}-06-02T{h:02d}:00{z}", years, st.integers(0, 25),
              st.sampled_from(["Z", "+14:00", "-12:00", "+23:59", "+03:60", "", "+14:01"])),
    st.builds(lambda a, b: f"{a}/{b}", years, years),
    st.sampled_from(["٢٠٢٥-٠٦-٠٢", "２０２５-06", "2025-02-30", "2025-06-02T13:00+03:00"]))
numbers = st.one_of(digits, st.sampled_from(["1e999", "-1e999", "nan", ".inf", "0x10", "010",
                                             "1_000", "1e15", "1000000000000001", "-0"]),
                    st.floats(allow_nan=True, allow_infinity=True).map(repr))
ids = st.one_of(st.sampled_from(["index", "title", "documents", "facts-box", "see-facts",
                                 "conflict-a-b", "f1\u00a0", "Round-2", "a--b", "-a"]),
                st.integers(1, 400).map(lambda n: "a" * n))
urls = st.sampled_from(["http://[::1", "javascript:alert(1)", "https://x/\"><b>", "ftp://x",
                        "https://example.org/a b", "http://", "https://ex\u00e4mple.org/"])
durations = st.one_of(digits.map(lambda d: d + "h"),
                      st.sampled_from(["1h30m", "40000d", "1.5h", "0m", "99999999999m"]))
texts = st.one_of(st.text(max_size=40), st.sampled_from(PAYLOADS),
                  st.builds(lambda p, n: p * n, st.sampled_from(["12345 ", "ab ", "( ", "<"]),
                            st.integers(1, 5000)),
                  st.text(alphabet=st.characters(max_codepoint=0x20), max_size=5),
                  st.sampled_from(["\x00", "\x7f", "\x85", "\ufffe", "\u202e", "\u00a0",
                                   "line\nbreak", "tab\tbed", "\r"]))
values = st.one_of(texts, dates, numbers, ids, urls, durations)


@st.composite
def mutations(draw) -> tuple[dict[str, bytes], str]:
    """The briefing's files (name -> bytes) after one mutation, and what it was."""
    files = {name: text.encode("utf-8") for name, text in TEXTS.items()}
    kind = draw(st.sampled_from(["quoted", "quoted", "quoted", "raw", "line", "bytes",
                                 "rename"]))
    if kind in ("quoted", "raw"):
        span, value = draw(st.sampled_from(SPANS)), draw(values)
        new = json.dumps(value) if kind == "quoted" else value
        text = TEXTS[span.file]
        files[span.file] = (text[:span.start] + new + text[span.end:]).encode(
            "utf-8", "surrogatepass")
        return files, f"{kind} {span.file}@{span.start}: {value!r:.120}"
    name = draw(st.sampled_from(sorted(files)))
    if kind == "line":
        lines = files[name].splitlines(keepends=True)
        i = draw(st.integers(0, len(lines) - 1))
        copy = draw(st.booleans())
        lines[i:i + 1] = [lines[i], lines[i]] if copy else []
        files[name] = b"".join(lines)
        return files, f"{'duplicated' if copy else 'deleted'} line {i + 1} of {name}"
    if kind == "bytes":
        data = files[name]
        at = draw(st.integers(0, len(data)))
        noise = draw(st.binary(min_size=1, max_size=8))
        files[name] = data[:at] + noise + data[at:]
        return files, f"{noise!r} inserted at byte {at} of {name}"
    new_name = draw(st.sampled_from(['x"><img src=x onerror=alert(1)>.yaml', "a b.yaml",
                                     "\u00e9t\u00e9.yaml", ".hidden.yaml", "-x.yml"]))
    files[os.path.join(os.path.dirname(name), new_name)] = files.pop(name)
    return files, f"{name} renamed {new_name!r}"


def _write(files: dict[str, bytes], root: Path) -> Path:
    briefings = root / "briefings"
    for name, data in files.items():
        path = briefings / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return briefings


def _check(briefings: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(briefings)])
    return code, out.getvalue(), err.getvalue()


def _assert_clean_report(code: int, out: str, err: str, what: str) -> None:
    assert code in (0, 1), what
    assert "Traceback" not in out + err and "internal error" not in err, (what, err[-2000:])
    if code == 1:
        lines = err.splitlines()
        assert COUNT_LINE.match(lines[-1]), (what, lines[-1])
        for line in lines[:-1]:
            assert ERROR_LINE.match(line) or line.startswith("    hint: "), (what, line)


def _no_nan(constant: str) -> None:
    raise AssertionError(f"the export holds {constant}, which is not JSON")


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutations())
def test_the_checker_and_renderer_survive_any_mutation(mutation) -> None:
    files, what = mutation
    with tempfile.TemporaryDirectory() as tmp:
        briefings = _write(files, Path(tmp))
        code, out, err = _check(briefings)
        _assert_clean_report(code, out, err, what)
        if code:
            return
        reading = read_briefings(briefings)
        content = site_content(reading, "briefings", {})
        for page in content.pages:
            if page.path.endswith(EXPORT_FILE):  # gzip-compressed JSON
                json.loads(gzip.decompress(page.content), parse_constant=_no_nan)
            else:
                assert not injections(page.content, markdown=True), (what, page.path)


@settings(max_examples=BUILDS, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(PROSE), st.sampled_from(PAYLOADS))
def test_a_built_site_carries_no_injected_markup(span: Span, payload: str) -> None:
    """A real MkDocs + Material build of a briefing with a payload in one text field."""
    text = TEXTS[span.file]
    files = {name: t.encode("utf-8") for name, t in TEXTS.items()}
    files[span.file] = (text[:span.start] + json.dumps(payload) + text[span.end:]).encode()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        briefings = _write(files, root)
        code, out, err = _check(briefings)
        _assert_clean_report(code, out, err, f"{payload!r} at {span}")
        if code:
            return
        shutil.copytree(ROOT / "docs", root / "docs")
        shutil.copytree(ROOT / "overrides", root / "overrides")
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
             "-d", str(root / "site")], capture_output=True, text=True, timeout=600,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        for page in (root / "site" / "istanbul-2025").rglob("*.html"):
            html = read_html(page)
            assert not injections(html), (payload, span, page, injections(html))
            for edit in re.findall(r'href="([^"]*)"[^>]*rel="edit"', html):
                assert re.fullmatch(r"[A-Za-z0-9:/._~%-]+", edit), edit
