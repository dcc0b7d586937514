"""What search costs a reader, counted in real Chromium: nothing before the first query,
and at most 0.3 MB for the first results of a query (the limit is set for 50,000 facts;
`./dev bench` measures it there). On the Istanbul briefing and on a synthetic one.

Bytes are the response bodies the browser received (`request.sizes()`); Pagefind's index
chunks are stored compressed, so that is what a reader downloads from any web server.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from .conftest import Server, _open
from .support import DESKTOP, REPO, search

QUERY_LIMIT = 300_000  # bytes
SYNTHETIC_FACTS = 1_000
SEARCH_URLS = ("pagefind", "search_index", "/search/", "workers/search")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _track(page) -> list[tuple[str, int]]:
    downloads: list[tuple[str, int]] = []
    page.on("requestfinished",
            lambda r: downloads.append((r.url, r.sizes()["responseBodySize"])))
    return downloads


def _cost(page, server: Server, path: str, query: str) -> tuple[list[str], int, object]:
    """Search URLs requested when `path` opens, and bytes received for `query`."""
    downloads = _track(page)
    page.goto(server.url(path))
    page.wait_for_load_state("networkidle")
    on_load = [url for url, _ in downloads if any(s in url for s in SEARCH_URLS)]
    downloads.clear()
    results = search(page, query)
    page.wait_for_load_state("networkidle")
    return on_load, sum(size for _, size in downloads), results


def test_istanbul_search_downloads_nothing_on_load_and_little_per_query(page, server):
    on_load, query_bytes, results = _cost(page, server, "istanbul-2025/", "Medinsky")
    assert on_load == [], f"opening a page downloaded search files: {on_load}"
    assert results.links, str(results)
    assert 0 < query_bytes <= QUERY_LIMIT, f"{query_bytes:,} bytes for one query"


# ------------------------------------------------------------------ a synthetic briefing


@pytest.fixture(scope="module")
def synthetic_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str]]:
    """A synthetic briefing of 1,000 facts built with the project's settings, served, and
    a name to search for in it."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from siteconfig import write_build_config
        from synth import write_synthetic_briefing
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    work = tmp_path_factory.mktemp("synthetic-search")
    write_synthetic_briefing(work / "briefings", SYNTHETIC_FACTS)
    config = write_build_config(REPO, work, work / "briefings")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=REPO,
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stdout + built.stderr
    handler = functools.partial(_Quiet, directory=str(work / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield (Server(base_url=f"http://127.0.0.1:{httpd.server_address[1]}/"),
               _first_person(work / "briefings" / f"synthetic-{SYNTHETIC_FACTS}"))
    finally:
        httpd.shutdown()
        httpd.server_close()
        shutil.rmtree(work, ignore_errors=True)


def _first_person(briefing: Path) -> str:
    """The surname of a person of the synthetic briefing, as it is spelled there."""
    for path in sorted((briefing / "actors").glob("*.yaml")):
        for actor in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]:
            if actor["kind"] == "person":
                return actor["name"].split()[-1]
    raise AssertionError("the synthetic briefing has no person")


def test_synthetic_search_downloads_nothing_on_load_and_little_per_query(
        browser, synthetic_server: tuple[Server, str]):
    server, query = synthetic_server
    context, page = _open(browser, server, DESKTOP)
    try:
        on_load, query_bytes, results = _cost(page, server, f"synthetic-{SYNTHETIC_FACTS}/",
                                              query)
        assert on_load == [], f"opening a page downloaded search files: {on_load}"
        assert results.links, f"{query!r} found nothing\n{results}"
        assert 0 < query_bytes <= QUERY_LIMIT, f"{query_bytes:,} bytes for one query"
        assert not page.errors, page.errors
    finally:
        context.close()
