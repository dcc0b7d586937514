"""Benchmark steps that need a running server: edit-to-visible latency under
`mkdocs serve --dirty`, and what a reader's browser downloads for search.

Both run real programs: `mkdocs serve --dirty` as `./dev serve` runs it (a subprocess,
polled over HTTP), and Debian's Chromium through Playwright on the built site (served by
`http.server`). Only the processes started here are stopped, by their own ids.
"""

from __future__ import annotations

import functools
import http.server
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

Row = dict[str, Any]
CHROMIUM = "/usr/bin/chromium"
SEARCH_URLS = ("pagefind", "search_index", "/search/", "workers/search")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def _wait(url: str, text: str, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while text not in _get(url):
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"{text!r} not seen at {url} within {timeout:.0f} s")
        time.sleep(0.05)


def editable_fact(briefing: Path) -> tuple[Path, str, str]:
    """A fact file, a fact's text in it as it is written, and the URL path of its page."""
    for path in sorted(briefing.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        rounds = {r["id"]: r for r in data.get("rounds", [])}
        for fact in data.get("facts", []):
            words = fact["text"].split()
            if fact.get("round") in rounds and len(words) > 4 and "'" not in fact["text"]:
                return path, " ".join(words[:4]), fact["round"]
    raise ValueError(f"no fact with a round in {briefing}")


def step_serve(config: Path, briefing: Path, page_of_round: str, work: Path,
               edits: int = 3, timeout: float = 1800) -> Row:
    """Median wall time and CPU time of the server from a fact edit to the page showing it.

    `page_of_round` formats a round id into the URL path of its page.
    """
    fact_file, words, round_id = editable_fact(briefing)
    original = fact_file.read_text(encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{page_of_round.format(round_id)}"
    log = (work / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config),
         "-a", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    walls, cpus = [], []
    try:
        _wait(url, words, process, timeout)
        time.sleep(2)  # the first build's search index is written in the background
        for n in range(edits):
            marker = f"{words} edited{n}"
            fact_file.write_text(original.replace(words, marker, 1), encoding="utf-8")
            start, cpu = time.monotonic(), _cpu_seconds(process.pid)
            _wait(url, marker, process, timeout)
            walls.append(time.monotonic() - start)
            cpus.append(_cpu_seconds(process.pid) - cpu)
            time.sleep(1.5)
    finally:
        fact_file.write_text(original, encoding="utf-8")
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
    return {"edit_visible_s": statistics.median(walls),
            "edit_cpu_s": statistics.median(cpus)}


def first_person(briefing: Path) -> str:
    """The surname of the first person among a briefing's actors (a name readers search)."""
    for path in sorted(briefing.rglob("*.yaml")):
        for actor in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("actors", []):
            if actor.get("kind") == "person":
                return actor["name"].split()[-1]
    raise ValueError(f"no person in {briefing}")


def step_search_bytes(site: Path, page: str, query: str) -> Row:
    """Bytes a reader downloads for search: on opening `page`, and for `query`'s results."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                return _search_bytes(browser.new_page(), base, page, query)
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def _search_bytes(tab: Any, base: str, page: str, query: str) -> Row:
    received: list[tuple[str, int]] = []
    tab.on("requestfinished",
           lambda r: received.append((r.url, r.sizes()["responseBodySize"])))
    tab.goto(base + page)
    tab.wait_for_load_state("networkidle")
    on_load = sum(size for url, size in received if any(s in url for s in SEARCH_URLS))
    received.clear()
    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    tab.wait_for_function("() => /matching/i.test(document.querySelector("
                          "'.md-search-result__meta')?.textContent || '')", timeout=120_000)
    tab.wait_for_load_state("networkidle")
    results = tab.locator("a.md-search-result__link").count()
    return {"search_load_mb": on_load / 1e6,
            "search_query_mb": sum(size for _, size in received) / 1e6,
            "search_query": query, "search_results": results}
