"""`mkdocs serve` as a contributor uses it: edit a fact file, see the page change; break it,
see the checker's messages in the browser while the server keeps running.

A real `mkdocs serve` subprocess on a temporary copy of the fixture site, polled over HTTP
with a deadline, and stopped (its own process only) at the end.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from test_site import SLUG, make_project

TIMEOUT = 60.0  # seconds for the first build, and for each rebuild after an edit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, process: subprocess.Popen[str], base: str, log: Path) -> None:
        self.process = process
        self.base = base
        self.log = log

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def wait_for(self, path: str, check: Callable[[int, str], bool], what: str) -> str:
        """Poll `path` until `check(status, body)` holds; fail with the server's log if not."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"mkdocs serve exited:\n{self.output()}"
            status, body = self.get(path)
            if check(status, body):
                return body
            time.sleep(0.2)
        pytest.fail(f"{what}: not seen within {TIMEOUT} s\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    config_file = make_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file),
             "-a", f"127.0.0.1:{port}"],
            cwd=config_file.parent, stdout=out, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    try:
        yield Server(process, f"http://127.0.0.1:{port}/", log)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # its own session: only what it started
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def test_serve_rebuilds_on_a_fact_file_edit_and_survives_a_broken_one(server: Server,
                                                                       tmp_path: Path) -> None:
    page = f"{SLUG}/rounds/round-2/"
    server.wait_for(page, lambda status, body: status == 200 and "Round 2" in body,
                    "the first build")
    briefing = tmp_path / "project" / "briefings" / SLUG
    round_file = briefing / "rounds" / "round-2.yaml"
    text = round_file.read_text(encoding="utf-8")
    assert "title: Second round" in text

    # An edit shows on the page (a round's title shows where it says more than its number).
    round_file.write_text(text.replace("title: Second round", "title: Second round, in Geneva"),
                          encoding="utf-8")
    server.wait_for(page, lambda status, body: "Round 2: Second round, in Geneva" in body,
                    "the edit")

    # A syntax error: the server stays up and the briefing's home shows the checker's
    # messages, the unreadable file first, before what it breaks elsewhere.
    round_file.write_text(text.replace("title: Second round", "title: [Second round"),
                          encoding="utf-8")
    body = server.wait_for(f"{SLUG}/", lambda status, body: "cannot be built" in body,
                           "the error page")
    messages = re.findall(r"<strong>(briefings/[^<]+)</strong>", body)
    assert messages, body
    assert messages[0].startswith("briefings/lakeside&#45;talks/rounds/round&#45;2&#46;yaml:")
    assert "YAML syntax error" in body
    # the checker does not add knock-on "unknown id" errors for what the file defined
    assert len(messages) == 1, messages
    assert server.process.poll() is None

    # Fixed again: the page comes back.
    round_file.write_text(text, encoding="utf-8")
    server.wait_for(page, lambda status, body: status == 200 and "Round 2" in body
                    and "Geneva" not in body, "the fixed page")
