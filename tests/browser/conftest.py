"""The built site, served locally and driven in a real Chromium.

Session fixtures:

* ``site``: ``mkdocs build --strict`` of the repository's ``mkdocs.yml`` into a temporary
  folder (once per test run), with an index of every built HTML page (path, title, h1,
  ids, links) for the tests to find pages by what they show rather than by URL.
* ``server``: that folder served on 127.0.0.1 at a free port (``http.server`` in a thread).
* ``synthetic_site`` / ``synthetic_server``: the same for a site built from the benchmarks'
  synthetic briefing (1,000 facts: long lists split into pages, many actors and sources),
  so layout tests see every page type a large briefing has.
* ``browser``: Chromium through Playwright's sync API. Playwright's own browser download is
  not reachable here, so Debian's ``/usr/bin/chromium`` is used when present.

Environment knobs (for demonstrations and debugging, not needed in normal runs):

* ``BROWSER_TESTS_MKDOCS_YML``: build with this config file instead of ``mkdocs.yml``.
* ``BROWSER_TESTS_SITE``: use an already built site folder and skip the build.
* ``BROWSER_TESTS_CHROMIUM``: path of the Chromium binary.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .support import DESKTOP, PHONE, REPO, Site, index_site

# Hosts the pages may try to reach without needing them (requests are aborted).
OPTIONAL_HOSTS = {"api.github.com"}

SYNTHETIC_FACTS = 1000

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the built site in Chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid.replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _settled_build_date() -> str:
    """SOURCE_DATE_EPOCH for the build: eight days after the last commit of `briefings/`,
    so no item carries a "new" or "updated" mark (those are tested on their own, in
    tests/test_updates.py) and the screenshots do not change with the day they are taken."""
    last = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%ct", "--",
                           "briefings"], capture_output=True, text=True).stdout.strip()
    return str(int(last) + 8 * 86_400) if last.isdigit() else os.environ.get(
        "SOURCE_DATE_EPOCH", "")


def _build(config: Path, out: Path) -> float:
    start = time.monotonic()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=_settled_build_date())
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict failed ({proc.returncode}) with {config}:\n"
            f"{proc.stdout[-4000:]}\n{proc.stderr[-8000:]}",
            pytrace=False,
        )
    return time.monotonic() - start


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    prebuilt = os.environ.get("BROWSER_TESTS_SITE")
    if prebuilt:
        root = Path(prebuilt).resolve()
        seconds = 0.0
    else:
        config = Path(os.environ.get("BROWSER_TESTS_MKDOCS_YML", REPO / "mkdocs.yml")).resolve()
        if not config.exists():
            pytest.fail(f"no MkDocs config at {config}", pytrace=False)
        root = tmp_path_factory.mktemp("site")
        seconds = _build(config, root)
    built = Site(root=root, build_seconds=seconds)
    built.pages = index_site(root)
    return built


# --------------------------------------------------------------------------- the server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@dataclass
class Server:
    base_url: str  # ends with "/"

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path.lstrip("/"))

    def path_of(self, url: str) -> str:
        """The site path (as in Site.pages) of a URL on this server, without fragment."""
        parts = urlsplit(url)
        assert url.startswith(self.base_url), f"{url} is not on the local server"
        return unquote(parts.path)[len(urlsplit(self.base_url).path) :]


@pytest.fixture(scope="session")
def synthetic_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import siteconfig
        import synth
    finally:
        sys.path.pop(0)
    work = tmp_path_factory.mktemp("synthetic-site")
    briefings = work / "briefings"
    synth.write_synthetic_briefing(briefings, SYNTHETIC_FACTS)
    config = siteconfig.write_build_config(REPO, work, briefings)
    seconds = _build(config, work / "site")
    built = Site(root=work / "site", build_seconds=seconds)
    built.pages = index_site(built.root)
    return built


@contextlib.contextmanager
def _serve(root: Path) -> Iterator[Server]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Server(base_url=f"http://127.0.0.1:{httpd.server_address[1]}/")
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server(site: Site) -> Iterator[Server]:
    with _serve(site.root) as served:
        yield served


@pytest.fixture(scope="session")
def synthetic_server(synthetic_site: Site) -> Iterator[Server]:
    with _serve(synthetic_site.root) as served:
        yield served


# --------------------------------------------------------------------------- the browser


def _chromium_path() -> str | None:
    wanted = os.environ.get("BROWSER_TESTS_CHROMIUM")
    if wanted:
        return wanted
    for candidate in ("/usr/bin/chromium", shutil.which("chromium") or ""):
        if candidate and Path(candidate).exists():
            return candidate
    return None  # Playwright's own browser, if it was installed


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(
                executable_path=_chromium_path(), args=CHROMIUM_ARGS, headless=True
            )
        except Exception as exc:  # no browser at all: say how to get one
            pytest.fail(
                f"cannot launch Chromium ({exc}); install it with `apt-get install -y chromium`",
                pytrace=False,
            )
        yield chromium
        chromium.close()


class PageErrors(list):
    """JavaScript errors and failed requests seen by a page."""


def _open(browser, server: Server, viewport: dict, **options):
    """A context and page on `server` (light scheme unless `color_scheme` says otherwise)."""
    context = browser.new_context(
        viewport=viewport,
        **{"color_scheme": "light", **options},
        base_url=server.base_url,
        reduced_motion="reduce",
        service_workers="block",
    )
    context.set_default_timeout(5_000)

    # The site must work offline: a request that leaves the local server is an error,
    # except Material's repository facts (stars, forks), fetched because mkdocs.yml sets
    # repo_url; without them the header just shows the repository name.
    errors = PageErrors()

    def route(r):
        url = r.request.url
        if url.startswith(server.base_url) or url.startswith("data:"):
            r.continue_()
            return
        if urlsplit(url).hostname not in OPTIONAL_HOSTS:
            errors.append(f"request to the network: {url}")
        r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(f"JavaScript error: {exc}"))
    def response(resp):
        if resp.status >= 400:
            errors.append(f"HTTP {resp.status}: {resp.url}")

    page.on("response", response)
    page.errors = errors
    return context, page


def _checked(browser, server: Server, viewport: dict[str, int], **options) -> Iterator:
    """A fresh page on `server`; fails the test on JS errors or network use."""
    context, pg = _open(browser, server, viewport, **options)
    yield pg
    errors = list(pg.errors)
    context.close()
    assert not errors, "the page reported errors:\n" + "\n".join(errors)


@pytest.fixture
def page(browser, server: Server):
    """A fresh desktop-sized (1280×800) page; fails the test on JS errors or network use."""
    yield from _checked(browser, server, DESKTOP)


@pytest.fixture
def phone_page(browser, server: Server):
    """A fresh phone-sized (390×844) page, touch and mobile viewport on."""
    yield from _checked(browser, server, PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def synthetic_page(browser, synthetic_server: Server):
    """Like `page`, on the synthetic briefing's site."""
    yield from _checked(browser, synthetic_server, DESKTOP)


@pytest.fixture
def synthetic_phone_page(browser, synthetic_server: Server):
    """Like `phone_page`, on the synthetic briefing's site."""
    yield from _checked(browser, synthetic_server, PHONE, is_mobile=True, has_touch=True)
