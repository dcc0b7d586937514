"""The `briefings` MkDocs plugin: the briefings folder becomes pages of the site.

Thin on purpose: each event hands plain data to `generator.publish` (pages, navigation,
home list) or `generator.search` (the search index). State lives for one build only and
is reset in `on_config`, so nothing leaks from one `mkdocs serve` rebuild to the next.
Under `mkdocs serve` a briefing with broken fact files shows an error page and the server
keeps running; `mkdocs build` stops with every `path:line:col` message.

The briefings are read, checked and rendered in `on_pre_build`, which MkDocs runs before
it empties `site_dir`: a build that fails on a fact file (or on a hand-written page in a
generated page's place) stops there and leaves the previous site as it was. For any later
failure, `mkdocs build` writes into a staging folder that replaces `site_dir` only once
the build has succeeded (generator.staging). An unexpected exception in the plugin is a
one-line `PluginError` asking for a bug report, never a traceback.
"""

from __future__ import annotations

import functools
import logging
import os
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key, get_files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import nest_paths

from generator.history import read_history
from generator.pages import NAV, PageClash
from generator.pipeline import read_briefings
from generator.problems import BriefingError, InternalError
from generator.publish import SiteContent, fill_home, read_handwritten, site_content
from generator.render import Page
from generator.repository import repository_url
from generator.search import enrich_file
from generator.staging import discard, staging_folder, strict_warnings, swap_in

log = logging.getLogger("mkdocs.plugins." + __name__)

LOCAL_EDIT_URI = "edit/main/docs/"  # the edit links' branch when the environment names none
FOOTNOTES = '<div class="footnote">'


Event = TypeVar("Event", bound=Callable[..., Any])


def guarded(event: Event) -> Event:
    """An event handler whose unexpected exceptions become one-line PluginErrors.

    MkDocs prints a PluginError as one line and exits 1; any other exception as a
    traceback. Problems in fact files are PluginErrors already; anything else is a bug.
    """
    @functools.wraps(event)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except (PluginError, Abort):
            raise
        except InternalError as error:
            raise PluginError(str(error)) from error
        except Exception as error:
            raise PluginError(str(InternalError("the briefings", error))) from error
    return wrapper  # type: ignore[return-value]


class BriefingsConfig(Config):
    briefings_dir = c.Type(str, default="briefings")


class BriefingsPlugin(BasePlugin[BriefingsConfig]):
    """Reads the briefings before the build, adds their pages, and builds the navigation."""

    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.content: SiteContent | None = None
        self.target: Path | None = None  # the real site_dir, while MkDocs writes to…
        self.staging: Path | None = None  # …this folder beside it

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    @guarded
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.content = None
        if config.repo_url is None:  # not set by the environment: the local default
            found = repository_url(briefings_folder(config, self.config.briefings_dir))
            if found is not None:
                config.repo_url, config.repo_name = found
                config.edit_uri = config.edit_uri or LOCAL_EDIT_URI
        folder = str(briefings_folder(config, self.config.briefings_dir))
        if folder not in config.watch:
            config.watch.append(folder)  # `mkdocs serve` rebuilds when a fact file changes
        # `serve` builds into a temporary folder of its own; a dirty build updates in place.
        if not self.serving and not self.dirty:
            self.target = Path(config.site_dir)
            self.staging = staging_folder(self.target)
            config.site_dir = str(self.staging)
        return config

    @event_priority(100)  # before other plugins see the site: fail before anything is written
    @guarded
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        folder = briefings_folder(config, self.config.briefings_dir)
        docs = get_files(config)  # what on_files will get; listing docs/ again is cheap
        try:
            self.content = read_site(folder, docs, config, self.serving)
        except (FileNotFoundError, PageClash) as error:
            raise PluginError(str(error)) from error
        clashes = [p.path for p in self.content.pages if docs.get_file_from_path(p.path)]
        if clashes:
            report_clashes(clashes, self.serving)

    @guarded
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.content is None:  # on_pre_build did not run: nothing to add
            return files
        folder = briefings_folder(config, self.config.briefings_dir)
        add_pages(files, self.content.pages, config, folder)
        config.nav = site_nav(config.nav, files, self.content.nav)
        return files

    @guarded
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        attach_to_sections(nav, files)
        return nav

    @guarded
    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig,
                         files: Files) -> str:
        if self.content is not None and page.file.src_uri == "index.md":
            return fill_home(markdown, self.content.home)
        return markdown

    @guarded
    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig,
                        files: Files) -> str:
        # Footnotes repeat source titles on every page: keep them out of the search index.
        return html.replace(FOOTNOTES, FOOTNOTES[:-1] + ' data-search-exclude="true">')

    @event_priority(-100)  # after the search plugin has written its index
    @guarded
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.content is not None and index.is_file():
            enrich_file(index, self.content.names)
        if self.staging is not None and self.target is not None:
            staging, self.staging = self.staging, None
            config.site_dir = str(self.target)
            if config.strict and strict_warnings():  # MkDocs aborts next: keep the old site
                discard(staging)
            else:
                swap_in(staging, self.target)

    def on_build_error(self, *, error: Exception) -> None:
        """Any failure: drop the staging folder; the previous site was never touched."""
        if self.staging is not None:
            discard(self.staging)
            self.staging = None


def briefings_folder(config: MkDocsConfig, setting: str) -> Path:
    """The briefings folder, relative to the folder of mkdocs.yml."""
    return Path(config.config_file_path or ".").parent / setting


def read_site(folder: Path, files: Files, config: MkDocsConfig, serving: bool) -> SiteContent:
    """Read and render every briefing; fact-file problems stop a build, not `serve`."""
    base = folder.parent
    reading = read_briefings(folder, cwd=base)
    if reading.problems and not serving:
        raise PluginError(BriefingError(reading.problems).report())
    for problem in sorted(reading.problems):
        log.error(problem.format())
    slugs = {b.slug for b in reading.briefings}
    slugs |= {p.name for p in folder.iterdir() if p.is_dir()}
    pages = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
    handwritten = read_handwritten(Path(config.docs_dir), pages, slugs)
    root = os.path.relpath(folder, base).replace(os.sep, "/")
    return site_content(reading, root, handwritten, directory_urls=config.use_directory_urls,
                        history=read_history(folder), site_name=config.site_name)


def add_pages(files: Files, pages: list[Page], config: MkDocsConfig,
              folder: Path) -> list[str]:
    """Add generated pages as in-memory files; return the paths a hand-written file holds."""
    in_nav = {page for section in _nav_paths(pages) for page in section}
    clashes = []
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            clashes.append(page.path)  # never overwrite a page someone wrote
            continue
        inclusion = InclusionLevel.INCLUDED if page.path in in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, content=page.content, inclusion=inclusion)
        if file.is_documentation_page():
            source = (folder.parent / page.source_file).as_posix()
            # Percent-encoded: Material writes `page.edit_url` into an href unescaped, and a
            # file name is the contributor's (the checker refuses unsafe ones; this is
            # the second line of defence).
            file.edit_uri = quote(posixpath.relpath(source, Path(config.docs_dir).as_posix()))
        files.append(file)
    return clashes


def attach_to_sections(nav: Navigation, files: Files) -> None:
    """Make each briefing page outside the nav a child of its briefing's section.

    The section does not list it (that keeps the nav small), but the page knows where it
    belongs: Material then highlights the briefing's tab and shows its sidebar.
    """
    sections: dict[str, Section] = {}
    for item in nav.items:
        first = item.children[0] if isinstance(item, Section) and item.children else None
        if isinstance(first, MkDocsPage):
            sections[first.file.src_uri.split("/", 1)[0]] = item
    for file in files.documentation_pages():
        page = file.page
        if page is not None and page.parent is None and file.inclusion.is_not_in_nav():
            section = sections.get(file.src_uri.split("/", 1)[0])
            if section is not None:
                page.parent = section


def report_clashes(clashes: list[str], serving: bool) -> None:
    message = "\n".join(f"docs/{path}: a hand-written page has the path of a generated page; "
                        "rename or move it" for path in clashes)
    if not serving:
        raise PluginError(message)
    log.error(message)


def site_nav(nav: list[Any] | None, files: Files, briefings: list[dict[str, Any]]) -> list[Any]:
    """The site navigation: home, one section per briefing, then other hand-written pages.

    Only index pages are listed: Material renders the whole navigation into every page.
    A `nav` written in mkdocs.yml is kept, with the briefing sections added after it.
    """
    if nav is not None:
        return [*nav, *briefings]
    briefing_dirs = {_first_path(section).split("/", 1)[0] for section in briefings}
    written = sorted((f for f in files.documentation_pages()
                      if f.generated_by is None and f.inclusion.is_in_nav()), key=file_sort_key)
    home = [f.src_uri for f in written if f.src_uri == "index.md"]
    others = [f.src_uri for f in written if f.src_uri != "index.md"
              and f.src_uri.split("/", 1)[0] not in briefing_dirs]
    return [*home, *briefings, *nest_paths(others)]


def _first_path(section: dict[str, Any]) -> str:
    first = next(iter(section.values()))[0]
    return str(next(iter(first.values())) if isinstance(first, dict) else first)


def _nav_paths(pages: list[Page]) -> list[set[str]]:
    slugs = {p.path.split("/", 1)[0] for p in pages}
    return [{f"{slug}/{path}" for _, path in NAV} for slug in sorted(slugs)]
