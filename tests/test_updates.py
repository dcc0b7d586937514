"""History, Updates page, marks, correction notes and Atom feeds, built for real from a
git repository with several commits (tests/history_repo.py): add, correct, withdraw, and
a new conflict. The build date is fixed (SOURCE_DATE_EPOCH): no test depends on today."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from built_html import read_html
from history_repo import BUILD_EPOCH, SLUG, git, make_history_repo

from generator.history import read_history
from generator.repository import parse_remote


def text_of(html: str) -> str:
    article = html[html.index("<article"):html.index("</article>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    repo = tmp_path_factory.mktemp("updates-site")
    commits = make_history_repo(repo, site=True)
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": "/usr/bin:/bin",
           "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return repo / "site", commits


def page(site: Path, path: str) -> str:
    return read_html(site / path / "index.html")


def test_history_dates_each_item_in_one_pass(tmp_path):
    commits = make_history_repo(tmp_path)
    history = read_history(tmp_path / "briefings")
    assert history.known and history.commits == 4
    opened = history.of(SLUG, "facts", "harbour-opened")
    assert (opened.first.commit, opened.last.commit) == (commits[0], commits[1])
    assert opened.first.date.isoformat() == "2026-02-01T10:00:00+00:00"
    gone = history.of(SLUG, "facts", "ferry-deal")
    assert [e.change for e in gone.events] == ["added", "removed"]
    assert gone.last.subject == "Withdraw the ferry deal"


def test_without_history_the_dates_are_unknown(tmp_path):
    (tmp_path / "briefings").mkdir()
    history = read_history(tmp_path / "briefings")
    assert not history.known and "outside a git repository" in history.reason


def test_a_shallow_clone_says_its_dates_are_unknown(tmp_path):
    make_history_repo(tmp_path / "origin")
    subprocess.run(["git", "clone", "-q", "--depth=1", (tmp_path / "origin").as_uri(),
                    str(tmp_path / "clone")], check=True)
    history = read_history(tmp_path / "clone" / "briefings")
    assert not history.known and "shallow" in history.reason


def test_updates_page_lists_each_change_by_day(built):
    site, _ = built
    text = text_of(page(site, f"{SLUG}/updates"))
    days = re.findall(r'<h2 id="day-[\d-]+">([^<]+)', page(site, f"{SLUG}/updates"))
    assert days == ["6 March 2026", "5 March 2026", "3 March 2026", "1 February 2026"]
    assert "Corrected · The talks opened in the old customs house. → The talks opened in " \
        "the harbour master's office." in text
    assert "Withdrawn · Both sides agreed to restart the night ferry. Reason: The paper " \
        "retracted its report of a ferry agreement." in text
    assert "6 March 2026 Discrepancy opened · Duration of Round 1" in text
    assert "Fact added · Northland promised to repair the harbour lights." in text
    assert "Fact added · Both sides agreed to restart the night ferry. (since withdrawn)" in text
    html = unescape(page(site, f"{SLUG}/updates"))
    assert "<del>The talks opened in the old customs house.</del>" in html
    assert "<del>Both sides agreed to restart the night ferry.</del>" in html


def test_a_corrected_fact_says_so_with_the_earlier_version_one_click_away(built):
    site, commits = built
    html = page(site, f"{SLUG}/rounds/round-1")
    anchor = f"update-{commits[1][:7]}-harbour-opened"
    assert re.search(rf'<a href="../../updates/#{anchor}">corrected on 3 March 2026</a>', html)
    updates = page(site, f"{SLUG}/updates")
    assert f'id="{anchor}"' in updates


def test_recent_items_are_marked_new_or_updated_relative_to_the_build_date(built):
    site, _ = built
    html = page(site, f"{SLUG}/rounds/round-1")
    marks = {}
    # each anchored item (its item's or cell's id, or an empty span's), up to the next one
    for part in re.split(r'<(?:span|li|td) id="', html)[1:]:
        item, rest = part.split('"', 1)
        found = re.search(r'<span class="update-mark">(\w+)</span>', rest.split("</li>")[0]
                          .split("</td>")[0])
        marks[item] = found.group(1) if found else None
    assert marks.get("lights-fixed") == "new"  # 3 March: five days before the build
    assert marks.get("harbour-opened") == "updated"  # published 1 February, corrected
    assert marks["length-paper"] == "new"
    assert marks["length-wire"] is None  # 1 February, never changed: no mark


def test_home_shows_the_latest_updates(built):
    site, _ = built
    text = text_of(page(site, SLUG))
    latest = text[text.index("Latest updates"):]
    assert latest.startswith("Latest updates 6 March 2026 · Discrepancy opened")
    assert "All updates" in latest


def test_feeds_are_valid_atom_with_stable_ids(built, tmp_path):
    site, _ = built
    feed = feedparser.parse((site / f"{SLUG}.atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert titles[0].startswith("Discrepancy opened: ")
    assert "Withdrawn: Both sides agreed to restart the night ferry." in titles
    assert "Corrected: The talks opened in the harbour master's office." in titles
    assert all(e.id.startswith("urn:uuid:") for e in feed.entries)
    assert len({e.id for e in feed.entries}) == len(feed.entries)
    withdrawn = next(e for e in feed.entries if e.title.startswith("Withdrawn: "))
    assert "retracted its report" in withdrawn.summary
    assert re.fullmatch(rf"{SLUG}/updates/#update-[0-9a-f]{{7}}-ferry-deal", withdrawn.link)
    for entry in feed.entries:  # every link leads to its entry on the Updates page
        path, anchor = entry.link.split("#")
        assert f'id="{anchor}"' in read_html(site / path / "index.html")
    site_feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not site_feed.bozo and len(site_feed.entries) == len(feed.entries)
    assert {e.id for e in site_feed.entries} == {e.id for e in feed.entries}
    assert all(e.title.startswith("Harbour talks: ") for e in site_feed.entries)


def test_every_page_links_its_feeds_in_the_head(built):
    site, _ = built
    html = page(site, f"{SLUG}/rounds/round-1")
    head = html[:html.index("</head>")]
    assert '<link href="../../../feed.xml" rel="alternate" title="Briefings: updates" ' \
        'type="application/atom+xml">' in head
    assert 'href="../../../harbour-talks.atom.xml" rel="alternate" ' \
        'title="Harbour talks: updates"' in head
    home = read_html(site / "index.html")
    assert 'href="feed.xml"' in home[:home.index("</head>")]


EDIT = "https://github.com/example-org/harbour-talks/edit/main/briefings/harbour-talks/"


@pytest.mark.parametrize(("path", "source"), [
    (f"{SLUG}/rounds/round-1", "briefing.yaml"),  # round-1 is defined in briefing.yaml
    (f"{SLUG}/updates", "briefing.yaml"),
    (f"{SLUG}/sources", "briefing.yaml"),
])
def test_edit_button_opens_the_yaml_of_the_pages_subject_in_the_remotes_repository(
        built, path, source):
    site, _ = built
    edit = re.search(r'href="([^"]+)"[^>]*rel="edit"', page(site, path))
    assert edit is not None and edit.group(1) == EDIT + source


@pytest.mark.parametrize(("remote", "expected"), [
    ("git@github.com:owner/name.git", ("https://github.com/owner/name", "owner/name")),
    ("https://github.com/owner/name.git", ("https://github.com/owner/name", "owner/name")),
    ("https://gitlab.example.org/group/sub/name", (
        "https://gitlab.example.org/group/sub/name", "group/sub/name")),
    ("ssh://git@github.com:22/owner/name.git", ("https://github.com/owner/name", "owner/name")),
    ("/work/main", None),
    ("file:///srv/git/briefings.git", None),
    ("http://github.com/owner/name", None),  # only https addresses become links
])
def test_the_edit_links_local_default_is_the_https_address_of_origin(remote, expected):
    assert parse_remote(remote) == expected


def test_a_site_built_without_history_says_the_dates_are_unknown(tmp_path):
    """A tarball or a shallow clone: the build works, the Updates page says why no date."""
    from generator.pipeline import read_briefings
    from generator.publish import site_content

    repo = tmp_path / "repo"
    make_history_repo(repo)
    tarball = tmp_path / "unpacked"
    shutil.copytree(repo / "briefings", tarball / "briefings")  # no .git beside it
    reading = read_briefings(tarball / "briefings")
    content = site_content(reading, "briefings", {},
                           history=read_history(tarball / "briefings"))
    (updates,) = [p for p in content.pages if p.path == f"{SLUG}/updates/index.md"]
    assert "The dates of changes to this briefing are unknown: the site was built outside " \
        "a git repository." in unescape(updates.content)
    assert "update-mark" not in "".join(str(p.content) for p in content.pages)


ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def rfc4287_problems(xml: bytes) -> list[str]:
    """The RFC 4287 rules (sections 4.1.1, 4.1.2, 3.3) a feed reader relies on."""
    root = ElementTree.fromstring(xml)
    problems = [] if root.tag == f"{ATOM}feed" else ["the root is not atom:feed"]
    entries = root.findall(f"{ATOM}entry")
    for element, where in [(root, "feed"), *((e, f"entry {n}") for n, e in enumerate(entries))]:
        for name in ("id", "title", "updated"):
            found = element.findall(f"{ATOM}{name}")
            if len(found) != 1 or not (found[0].text or "").strip():
                problems.append(f"{where}: needs exactly one non-empty atom:{name}")
        updated = element.findtext(f"{ATOM}updated") or ""
        if not RFC3339.match(updated):
            problems.append(f"{where}: atom:updated {updated!r} is not an RFC 3339 date")
        alternates = [(link.get("type"), link.get("hreflang")) for link in
                      element.findall(f"{ATOM}link") if link.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: two alternate links of the same type and language")
        if where != "feed" and not alternates and element.find(f"{ATOM}content") is None:
            problems.append(f"{where}: needs atom:content or an alternate link")
        if where != "feed" and element.find(f"{ATOM}author") is None and \
                root.find(f"{ATOM}author") is None:
            problems.append(f"{where}: no atom:author, in the entry or the feed")
    return problems


def test_feeds_follow_rfc_4287(built):
    site, _ = built
    for path in (site / f"{SLUG}.atom.xml", site / "feed.xml"):
        assert rfc4287_problems(path.read_bytes()) == [], path.name


def test_a_conflict_that_a_correction_ends_is_listed_as_settled(tmp_path):
    """Commit 5 corrects the paper's length of round 1 to agree with the wire: the detected
    conflict opened on 6 March no longer stands, and the Updates page says so and why."""
    repo = tmp_path / "repo"
    make_history_repo(repo, site=True)
    facts = repo / "briefings" / SLUG / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        'reported: "three hours"', 'reported: "a little over an hour"'), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Correct the paper's length of round 1",
        date="2026-03-07T11:00:00+00:00")
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": "/usr/bin:/bin",
           "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=repo,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    updates = text_of(page(repo / "site", f"{SLUG}/updates"))
    assert "7 March 2026 Discrepancy settled · Duration of Round 1: no longer stands, since " \
        "one of its claims was corrected" in updates, updates
    assert "Discrepancy opened · Duration of Round 1 (since settled)" in updates
    assert "Corrected · three hours → a little over an hour" in updates
    home = text_of(page(repo / "site", SLUG))
    assert "7 March 2026 · Discrepancy settled: Duration of Round 1" in home, home
    discrepancies = text_of(page(repo / "site", f"{SLUG}/discrepancies"))
    assert "three hours" not in discrepancies  # the conflict itself is gone from the site


def test_the_site_home_lists_the_latest_updates_of_every_briefing(built):
    site, commits = built
    html = read_html(site / "index.html")
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html[html.index("<article"):])).split())
    latest = text[text.index("Latest updates"):]
    assert latest.startswith("Latest updates 6 March 2026 · Harbour talks · Discrepancy "
                             "opened: Duration of Round 1"), latest[:300]
    assert latest.count("Harbour talks ·") == 5  # the five newest, newest first
    anchor = f"update-{commits[1][:7]}-harbour-opened"
    assert f'href="{SLUG}/updates/#{anchor}"' in html  # each one links to its entry
    assert 'href="feed.xml"' in html
