"""The `briefings` MkDocs plugin: the briefings folder becomes pages of the site.

Thin on purpose: each event hands plain data to `generator.publish` (pages, navigation,
home list) or `generator.search` (the search index). State lives for one build only and
is reset in `on_config`, so nothing leaks from one `mkdocs serve` rebuild to the next,
except, under `mkdocs serve --dirty`, what `generator.preview` keeps on purpose so that
an edit rebuilds only the pages it changed. Under `mkdocs serve` a briefing with broken
fact files shows an error page and the server keeps running; `mkdocs build` stops with
every `path:line:col` message.

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
import re
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, unquote

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, PluginCollection, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key, get_files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_relative_url, nest_paths

from generator.apart import in_child
from generator.held import HeldPages, WrittenPages
from generator.history import read_history
from generator.lean import LeanInline
from generator.load import PageByPageCollection
from generator.minify import minify_page
from generator.navcache import SidebarCache, toc_without_repeated_subsections
from generator.pages import NAV, PageClash
from generator.pipeline import Reading, read_briefings
from generator.preview import CompiledTemplates, PageFiles, Readings, Structure, empty_folder
from generator.problems import BriefingError, InternalError, processing
from generator.publish import (
    Rendered,
    SiteContent,
    fill_page,
    read_handwritten,
    site_content,
)
from generator.render import Page
from generator.repository import repository_url
from generator.search import Matcher, searchable, without_search_marks
from generator.search_index import FOLDER, LiveIndex, SearchCopies
from generator.staging import discard, staging_folder, strict_warnings, swap_in

log = logging.getLogger("mkdocs.plugins." + __name__)

LOCAL_EDIT_URI = "edit/main/docs/"  # the edit links' branch when the environment names none


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
        self.preview: Preview | None = None
        self.search: SearchCopies | None = None
        self.target: Path | None = None  # the real site_dir, while MkDocs writes to…
        self.staging: Path | None = None  # …this folder beside it
        self.lean = LeanInline()  # Markdown for generated pages (see lean.py)
        self.generated: set[str] = set()
        self.held = HeldPages()
        self.written: WrittenPages | None = None  # the generated pages as files (held.py)
        self.collection = PageByPageCollection()
        self.sidebars = SidebarCache()
        self.stops: dict[int, Any] = {}  # signal handlers replaced (stop_as_interrupted)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # MkDocs keeps a plugin that has `on_startup` from one `serve` rebuild to the next.
        self.serving = command == "serve"
        self.dirty = dirty
        self.on_shutdown()
        self.stops = stop_as_interrupted()
        if self.serving and dirty:
            self.preview = Preview()
        elif self.serving:
            log.info("briefings: `mkdocs serve --dirty` (as `./dev serve` runs it) rebuilds "
                     "only the pages an edit changes")

    def on_shutdown(self) -> None:
        """The end of `mkdocs build` or `serve`, however it ended (on Ctrl+C, and on the
        signals `stop_as_interrupted` turns into it): nothing temporary stays behind."""
        self.discard_unfinished()
        restore_handlers(self.stops)
        if self.preview is not None:
            self.preview.search.close()
            self.preview.pages.close()
            self.preview = None

    @guarded
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.content = None
        self.close_written()
        self.held = HeldPages()
        self.matchers: dict[str, Matcher] = {}
        self.files = Files([])
        if self.search is not None:
            self.search.close()
        self.search: SearchCopies | None = None
        if config.repo_url is None:  # not set by the environment: the local default
            found = repository_url(briefings_folder(config, self.config.briefings_dir))
            if found is not None:
                config.repo_url, config.repo_name = found
                config.edit_uri = config.edit_uri or LOCAL_EDIT_URI
        skip_material_indexing(config.plugins)
        if self.lean not in config.markdown_extensions:
            config.markdown_extensions.append(self.lean)  # type: ignore[arg-type]
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
        if self.preview is None:
            self.close_written()
            self.written = WrittenPages()
        try:
            self.content = self.read(folder, docs, config)
        except (FileNotFoundError, PageClash) as error:
            raise PluginError(str(error)) from error
        self.matchers = {slug: Matcher(names) for slug, names in self.content.names.items()}
        self.generated = {page.path for page in self.content.pages}
        if self.preview is None:
            self.search = SearchCopies()
        clashes = [p.path for p in self.content.pages if docs.get_file_from_path(p.path)]
        if clashes:
            report_clashes(clashes, self.serving)

    @guarded
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        leave_out_unused_theme_files(files, config)
        if self.content is None:  # on_pre_build did not run: nothing to add
            return files
        folder = briefings_folder(config, self.config.briefings_dir)
        stored = self.preview.pages if self.preview is not None else self.written
        add_pages(files, self.content.pages, config, folder, stored)
        self.content.pages = []
        config.nav = site_nav(config.nav, files, self.content.nav)
        if self.preview is not None:
            shown = (repr(config.nav), self.content.home,
                     tuple(sorted(f.src_uri for f in files.documentation_pages())))
            if self.preview.structure.changed(shown):
                empty_folder(Path(config.site_dir))  # every page shows it: rebuild them all
        self.collection.pause()  # until the pages are written (load.PageByPageCollection)
        return files

    @guarded
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        attach_to_sections(nav, files)
        self.sidebars = SidebarCache(nav)
        if self.preview is not None:
            # A page a dirty build skips has no title; the pages it does build list it in
            # their navigation, so read the titles of those in the navigation.
            for page in nav.pages:
                if page.markdown is None and not page.file.is_modified():
                    page.read_source(config)
        return nav

    @guarded
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.preview is not None:
            env.bytecode_cache = self.preview.templates
        env.globals["briefings_sidebars"] = self.sidebars  # overrides/main.html, navcache.py
        return env

    @guarded
    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig,
                         files: Files) -> str:
        # MkDocs converts this page right after this event: with the lean patterns if ours.
        self.lean.active = page.file.src_uri in self.generated
        self.lean.links = page_links(page.file, files)
        if self.content is not None and not self.lean.active:  # a hand-written page
            return fill_page(page.file.src_uri, markdown, self.content.home)
        return markdown

    @event_priority(-100)  # the HTML as every plugin left it
    @guarded
    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig,
                        files: Files) -> str:
        self.lean.active, self.lean.links = False, None
        if not (page.meta.get("search") or {}).get("exclude"):
            slug = page.file.src_uri.split("/", 1)[0]
            copy = searchable(html, self.matchers.get(slug))
            copies = self.preview.search.copies if self.preview is not None else self.search
            if copies is not None:
                copies.add(page.file.dest_uri, page.title or "", copy)
        self.collection.page_done()  # MkDocs' Markdown instance for the page is garbage
        if page.file.src_uri in self.generated:
            return self.held.converted(page, html)
        return html

    @event_priority(100)  # before any plugin reads the HTML
    @guarded
    def on_page_context(self, context: dict[str, Any], *, page: MkDocsPage,
                        config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        self.held.restore(page)
        if page.file.src_uri in self.generated:
            toc_without_repeated_subsections(page.toc)
        return context

    @event_priority(-100)  # after every plugin has seen the page
    @guarded
    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.generated:
            self.held.written(page)
        self.collection.page_done()
        return minify_page(without_search_marks(output))

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str,
                         config: MkDocsConfig) -> str:
        """The theme's pages that are no page of the site (`404.html`), minified too."""
        return minify_page(output_content) if template_name.endswith(".html") else output_content

    @event_priority(-100)  # after every other plugin's end of the build
    @guarded
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.collection.resume()
        site = Path(config.site_dir)
        if self.preview is not None:
            paths = {f.dest_uri for f in self.files.documentation_pages()}
            self.preview.search.update(paths, site / FOLDER)
        elif self.search is not None:
            search, self.search = self.search, None
            try:
                with processing("the search index"):
                    search.write(site / FOLDER)
            finally:
                search.close()
        self.close_written()
        if self.staging is not None and self.target is not None:
            staging, self.staging = self.staging, None
            config.site_dir = str(self.target)
            if config.strict and strict_warnings():  # MkDocs aborts next: keep the old site
                discard(staging)
            else:
                swap_in(staging, self.target)

    def on_build_error(self, *, error: Exception) -> None:
        """Any failure: drop the staging folder; the previous site was never touched."""
        self.discard_unfinished()

    def discard_unfinished(self) -> None:
        """Drop what a build that did not finish leaves: the search copies, the pages'
        temporary folder, the staging folder (the previous site was never touched)."""
        self.collection.resume()
        if self.search is not None:
            self.search.close()
            self.search = None
        self.close_written()
        if self.staging is not None:
            discard(self.staging)
            self.staging = None

    def read(self, folder: Path, docs: Files, config: MkDocsConfig) -> SiteContent:
        """`read_site`; for `mkdocs build`, in a child process (see generator.apart)."""
        written = self.written
        if self.serving or written is None:  # keep serve's state in this process
            return read_site(folder, docs, config, self.serving, self.preview, written)

        def step() -> tuple[SiteContent, set[str]]:
            return read_site(folder, docs, config, False, None, written), written.written
        content, written.written = in_child(step)
        return content

    def close_written(self) -> None:
        self.held.close()
        if self.written is not None:
            self.written.close()
            self.written = None


def stop_as_interrupted() -> dict[int, Any]:
    """Make SIGTERM and SIGHUP (`kill`, a closed terminal, an editor's stop button) end
    `mkdocs build` or `serve` as Ctrl+C does, so that MkDocs shuts the plugin down and its
    temporary folders go (a serve of 10,000 facts keeps tens of MB there); a signal's
    default is to end the process on the spot. Only where nobody handles them yet, from
    the main thread. Returns the handlers replaced."""
    replaced: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return replaced
    for number in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(number) is signal.SIG_DFL:
            replaced[number] = signal.signal(number, _interrupted)
    return replaced


def _interrupted(number: int, frame: object) -> None:
    raise KeyboardInterrupt(signal.Signals(number).name)


def restore_handlers(replaced: dict[int, Any]) -> None:
    if threading.current_thread() is threading.main_thread():
        for number, handler in replaced.items():
            signal.signal(number, handler)
    replaced.clear()


def material_search(plugins: PluginCollection) -> BasePlugin | None:
    """Material's search plugin, under either name mkdocs.yml may give it."""
    return plugins.get("material/search") or plugins.get("search")


def skip_material_indexing(plugins: PluginCollection) -> None:
    """Material's search plugin stays for its search box, which `overrides/main.html`
    answers from Pagefind's index; its own indexing is left out (its handlers for each
    page and for the end of the build): Pagefind indexes the site, and Material's handler
    ran a regular expression over every page's HTML, 1.8 s of CPU for the 180 MB of
    content of 50,000 facts, for an index that nobody downloads."""
    search = material_search(plugins)
    if search is None:
        return
    for event in ("page_context", "post_build"):
        plugins.events[event] = [handler for handler in plugins.events[event]
                                 if getattr(handler, "__self__", None) is not search]


# Theme files no page loads once Pagefind answers the search box: Material's search worker
# and lunr's language files (1.2 MB), and the theme's source maps, for debugging Material's
# own scripts and styles (1.0 MB).
_UNUSED_THEME_FILE = re.compile(r"^assets/javascripts/(?:lunr/|workers/search\.)|\.map$")


def leave_out_unused_theme_files(files: Files, config: MkDocsConfig) -> None:
    """Leave Material's search engine and source maps out of the site (not copied) when
    its search plugin is there for the box only (see `skip_material_indexing`)."""
    if material_search(config.plugins) is None:
        return
    docs = Path(config.docs_dir).resolve()
    for file in [f for f in files if _UNUSED_THEME_FILE.search(f.src_uri)]:
        if file.abs_src_path and not Path(file.abs_src_path).resolve().is_relative_to(docs):
            files.remove(file)


def briefings_folder(config: MkDocsConfig, setting: str) -> Path:
    """The briefings folder, relative to the folder of mkdocs.yml."""
    return Path(config.config_file_path or ".").parent / setting


class Preview:
    """What `mkdocs serve --dirty` keeps between rebuilds (see `generator.preview`)."""

    def __init__(self) -> None:
        self.readings = Readings()
        self.rendered: Rendered = {}
        self.pages = PageFiles()
        self.structure = Structure()
        self.templates = CompiledTemplates()
        self.search = LiveIndex()


def read_site(folder: Path, files: Files, config: MkDocsConfig, serving: bool,
              preview: Preview | None = None, written: WrittenPages | None = None) -> SiteContent:
    """Read and render every briefing; fact-file problems stop a build, not `serve`."""
    base = folder.parent
    reading: Reading
    if preview is not None:
        reading = preview.readings.read(folder, base)
    else:
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
                        history=read_history(folder), site_name=config.site_name,
                        rendered=preview.rendered if preview is not None else None,
                        keep=written.keep if written is not None else None)


def add_pages(files: Files, pages: list[Page], config: MkDocsConfig,
              folder: Path, stored: PageFiles | WrittenPages | None = None) -> list[str]:
    """Add generated pages as in-memory files, or as the files `stored` writes them to;
    return the paths a hand-written file holds."""
    in_nav = {page for section in _nav_paths(pages) for page in section}
    clashes = []
    if stored is not None:
        stored.store(pages)
    for page in pages:
        if files.get_file_from_path(page.path) is not None:
            clashes.append(page.path)  # never overwrite a page someone wrote
            continue
        inclusion = InclusionLevel.INCLUDED if page.path in in_nav else InclusionLevel.NOT_IN_NAV
        if stored is not None:
            file = File.generated(config, page.path, inclusion=inclusion,
                                  abs_src_path=str(stored.path(page.path)))
        else:
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


def page_links(page: File, files: Files) -> Callable[[str], str | None]:
    """What MkDocs makes of a Markdown link on `page` to another page of the site (its URL
    relative to the page's, as `mkdocs.structure.pages` computes it), or None for any other
    link: for the lists `lean.PlainLists` writes without MkDocs' link pass."""
    folder = posixpath.dirname(page.src_uri)
    urls: dict[str, str | None] = {}  # a page links to few pages, at many anchors

    def url_of(path: str) -> str | None:
        if "://" in path or path.startswith("/") or not path.endswith(".md"):
            return None
        found = files.get_file_from_path(posixpath.normpath(posixpath.join(folder,
                                                                           unquote(path))))
        if found is None or found.inclusion.is_excluded():
            return None
        return get_relative_url(found.url, page.url)

    def link(target: str) -> str | None:
        path, _, anchor = target.partition("#")
        if not path:
            return target
        if path not in urls:
            urls[path] = url_of(path)
        url = urls[path]
        return None if url is None else url + "#" + anchor if anchor else url
    return link
