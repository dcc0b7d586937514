"""Render a briefing's planned pages to Markdown through Jinja2 templates, one per page type.

The `Renderer` wraps a Jinja2 environment in which every `{{ }}` value passes through
`escape_markdown` (as `finalize`), so text from the fact files can never become HTML or
Markdown syntax, whatever template it lands in. Templates mark their own syntax (links,
footnote references) as safe by building it from macros, never from contributor text.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import FunctionType, MethodType
from typing import Any, ClassVar

from jinja2 import Environment, PackageLoader, StrictUndefined
from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Expr
from jinja2.runtime import Context, Macro
from markupsafe import Markup

from generator import export, layout, markup
from generator.feeds import FeedEntry, briefing_feed, feed_entries, feed_path
from generator.findings import Wording, add_filters
from generator.incremental import Incremental
from generator.languages import language_name
from generator.layout import relative, url_between
from generator.load import collected, gc_paused
from generator.markup import (
    anchor_id,
    escape_markdown,
    excerpt,
    format_day,
    format_value,
    format_when,
    front_matter,
    lead,
    paragraphs,
    quoted,
    safe_url,
)
from generator.model import Analysis, Briefing, Citation, Claim, Finding
from generator.pages import Handwritten, PageSpec, Plan
from generator.problems import by_code
from generator.updates import BriefingUpdates
from generator.view import BriefingView
from generator.wording import number
from generator.wording import size as file_size

LABEL_LENGTH = 6  # base32 characters of a footnote label: 30 bits, unique on any page


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: `path` below the docs folder, `source_file` the YAML behind it."""

    path: str  # e.g. istanbul-2025/rounds/round-2.md
    content: str | bytes  # Markdown (bytes: the gzip-compressed export, copied assets)
    source_file: str  # e.g. briefings/istanbul-2025/rounds/round-2.yaml


class PageContext:
    """The page being rendered, as templates see it: links relative to it, its footnotes."""

    def __init__(self, spec: PageSpec, plan: Plan, directory_urls: bool = True,
                 from_source: bool = False, used: set[str] | None = None) -> None:
        self.spec = spec
        self.used = used  # ids linked to and cited, for incremental.py
        self.plan = plan
        self.directory_urls = directory_urls
        self.from_source = from_source  # raw HTML links for Zensical (layout.url_between)
        self._labels: dict[Citation, Markup] = {}
        self._taken: set[str] = set()

    def to(self, item_id: str) -> Markup:
        """A relative link to the page (and anchor) where an id lives."""
        if self.used is not None:
            self.used.add(item_id)
        path, anchor = self.plan.locations[item_id]
        link = "" if path == self.spec.path else relative(self.spec.path, path)
        return Markup(link + (f"#{anchor_id(anchor)}" if anchor else "") or "#")

    def href(self, item_id: str) -> Markup:
        """Like `to`, as a final URL for raw HTML (MkDocs rewrites only Markdown links)."""
        if self.used is not None:
            self.used.add(item_id)
        path, anchor = self.plan.locations[item_id]
        fragment = f"#{anchor_id(anchor)}" if anchor else ""
        if path == self.spec.path and fragment:
            return Markup(fragment)
        return Markup(url_between(self.spec.path, path, self.directory_urls, self.from_source)
                      + fragment)

    @property
    def address(self) -> str:
        """The page's URL from the site root (the page script makes it absolute)."""
        return "/" + layout.page_url(self.spec.path, self.directory_urls)

    def url(self, path: str) -> Markup:
        """A final URL of another page, for raw HTML."""
        return Markup(url_between(self.spec.path, path, self.directory_urls, self.from_source))

    def rel(self, path: str) -> Markup:
        """A relative link to another page of the site, by its docs path."""
        return Markup(relative(self.spec.path, path))

    def section(self, relative_path: str) -> Markup:
        """A relative link to a page of this briefing, by its path below `<slug>/`."""
        return self.rel(self.plan.path(relative_path))

    def cite(self, citations: Iterable[Citation]) -> list[Markup]:
        """Footnote labels for citations; a citation repeated on a page keeps its label.

        The label (and so the `#fn:…` anchor) comes from the citation itself, not from its
        position: a link to a footnote survives facts added before it. Readers still see
        numbers (Python-Markdown numbers footnotes in order)."""
        labels = self._labels
        out = []
        for c in citations:
            if self.used is not None:
                self.used.add(c.source)
            label = labels.get(c)
            if label is None:
                label = Markup(_unique(footnote_label(c), self._taken))  # id alphabet only
                labels[c] = label
            out.append(label)
        return out

    @property
    def notes(self) -> list[tuple[Markup, Citation]]:
        return [(n, c) for c, n in self._labels.items()]

    @property
    def claim_groups(self) -> list[tuple[str, str, list[Claim]]]:
        """Claims living on this page by (subject, property), in the order first written;
        a round's facts box shows its own (start times, duration)."""
        view = self.plan.view
        groups: dict[tuple[str, str], list[Claim]] = {}
        for claim in view.claims_on(self.spec.hosted):
            if not view.in_box(claim):
                groups.setdefault((claim.subject, claim.property), []).append(claim)
        return [(subject, prop, claims) for (subject, prop), claims in groups.items()]

    @property
    def markers(self) -> list[Finding]:
        """Discrepancies about anything this page hosts, for the warning at its top (the
        discrepancies pages host the findings, not what they are about: none there)."""
        return self.plan.view.findings_about(self.spec.hosted)


class EscapedOnce(CodeGenerator):
    """Writes each `{{ }}` value as `finalize(value)` where Jinja writes
    `escape(finalize(value))`: our finalize, `escape_markdown`, returns Markup, which
    markupsafe's `escape` only copies (a million copies at 10,000 facts, 5 % of a render).
    Jinja's documented hook for the code a template compiles to."""

    def _output_child_pre(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if finalize.src is None or frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_pre(node, frame, finalize)
        else:
            self.write(finalize.src)

    def _output_child_post(self, node: Expr, frame: Frame, finalize: Any) -> None:
        if finalize.src is None or frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            super()._output_child_post(node, frame, finalize)
        else:
            self.write(")")


class DirectCalls(Context):
    """Calls our templates' macros, functions and methods directly. Jinja's `Context.call`
    first asks each callable whether it wants the context passed in (`pass_context`),
    several attribute lookups a call: 2.7 million calls at 50,000 facts. Macros never do;
    a function or method is asked once (known by its code, so closures made per page do
    not pile up). Jinja's documented hook (`Environment.context_class`)."""

    plain: ClassVar[set[object]] = {Macro}  # callables known to take no context

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        kind = type(__obj)
        key = kind if kind is Macro else __obj.__func__.__code__ if kind is MethodType \
            else __obj.__code__ if kind is FunctionType else None
        if key is None or key not in __self.plain:
            if key is not None and not hasattr(
                    __obj.__func__ if kind is MethodType else __obj, "jinja_pass_arg"):
                __self.plain.add(key)
            return super().call(__obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja's own call does
            return __self.environment.undefined("value was undefined because a callable "
                                                "raised a StopIteration exception")


class TemplateEnvironment(Environment):
    code_generator_class = EscapedOnce
    context_class = DirectCalls


class Renderer:
    """Jinja2 templates of every page type, with the escaping and formatting filters."""

    def __init__(self, site_name: str = "") -> None:
        env = TemplateEnvironment(
            loader=PackageLoader("generator", "templates"),
            autoescape=True,  # macro output is Markup; with finalize, all else is escaped
            finalize=escape_markdown,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        add_filters(env)
        env.filters.update(
            md=escape_markdown, when=format_when, value=format_value, url=safe_url,
            excerpt=excerpt, lead=lead, front_matter=front_matter, anchor=anchor_id,
            paragraphs=paragraphs, join=_join, quoted=quoted, language=language_name,
            day=format_day, by_code=by_code, number=number,
        )
        env.globals["feed_path"] = feed_path
        env.globals["site_name"] = site_name  # for the "cite this page" text
        self.env = env

    def render(self, template: str, **context: object) -> str:
        return self.env.get_template(template).render(**context)

    def page(self, spec: PageSpec, plan: Plan, edit_base: str,
             directory_urls: bool = True, from_source: bool = False,
             used: set[str] | None = None) -> Page:
        """One page; `used` (if given) gets the ids the page hosts, links to, cites or names.

        The template reads what it shows from `ctx`, the object `spec.view` builds (a class
        in generator/view/), not from the planner's `spec.context`; `view`, `b` and `plan`
        are the shared ones, for the base page (`_page.md.j2`) and the shared macros."""
        source = spec.origin.path
        names = plan.view.names
        names.used = used
        try:
            content = self.render(
                spec.template, title=spec.title, view=plan.view, names=names,
                wording=Wording(self.env, names), b=plan.view.b,
                page=PageContext(spec, plan, directory_urls, from_source, used), plan=plan,
                ctx=spec.view(plan, spec) if spec.view else None,
                search_exclude=spec.context.get("search_exclude", False),
                edit_url=safe_url(edit_base + source) if edit_base else None)
        finally:
            names.used = None
        return Page(spec.path, content, source)


@functools.cache
def shared_renderer(site_name: str = "") -> Renderer:
    """One Renderer per process: compiling the templates costs more than rendering a small
    briefing, and `mkdocs serve` renders again on every edit (Jinja reloads a template
    whose file changed)."""
    return Renderer(site_name)


def render_briefing(briefing: Briefing, analysis: Analysis, edit_base: str = "",
                    handwritten: Sequence[Handwritten] = (),
                    directory_urls: bool = True, site_name: str = "",
                    updates: BriefingUpdates | None = None,
                    feed_sink: list[FeedEntry] | None = None,
                    from_source: bool = False,
                    incremental: Incremental | None = None,
                    keep: Callable[[Page], Page] | None = None) -> list[Page]:
    """Every page of one briefing, and its JSON export, sorted by path.

    `edit_base` is a URL prefix (".../edit/main/"): when given, each page links to the
    YAML file it came from. Inside MkDocs the theme's edit button does that instead.
    `handwritten` are pages in `docs/<slug>/` to link from the briefing's home.
    `directory_urls` must match the site's setting (`a/b.md` served as `a/b/`): lists
    written as raw HTML carry final URLs; `from_source` writes them for Zensical instead.
    `updates` (from the git history) fill the Updates page, the marks and correction
    notes, and the briefing's Atom feed; `feed_sink` collects its feed entries (linked from
    the site root) for the site feed. `incremental` (under `mkdocs serve`) keeps the
    pages an edit cannot have changed from its previous rendering. `keep` receives each
    page as soon as it is rendered, and returns what the list holds of it (the plugin
    writes it to a file: generator/held.py).
    """
    kept = keep or (lambda page: page)
    with gc_paused():  # millions of short strings and no cycles: the collector only slows
        try:
            view = BriefingView(briefing, analysis)
            memo = incremental.export if incremental is not None else None
            data = export.export_file(briefing, analysis, view.names, memo)
            published = kept(Page(f"{briefing.slug}/{export.FILE}", data,
                                  briefing.info.origin.path))
            plan = Plan(view, list(handwritten), updates, export_size=file_size(len(data)))
            del data
            renderer = shared_renderer(site_name)
            if incremental is None:
                pages = [kept(collected(renderer.page(spec, plan, edit_base, directory_urls,
                                                      from_source))) for spec in plan.specs]
            else:
                pages = [kept(Page(spec.path, content, spec.origin.path))
                         for spec, content in incremental.pages(plan, lambda spec, used: str(
                             collected(renderer.page(spec, plan, edit_base, directory_urls,
                                                     from_source, used)).content))]
            pages.append(kept(Page(feed_path(briefing.slug), briefing_feed(plan, directory_urls),
                                   briefing.info.origin.path)))
            if feed_sink is not None:
                feed_sink.extend(feed_entries(plan, directory_urls))
            pages.append(published)
        finally:
            markup.clear_caches()
            layout.clear_caches()
    return sorted(pages, key=lambda p: p.path)


def footnote_label(c: Citation) -> str:
    """A stable footnote label, six characters digested from everything the citation says.

    Stable, so a link to a footnote survives facts added before it; short, because it is
    written four times per footnote (its id, its back-link, its first reference's id and
    every reference's link): labels spelled from source ids were 12 MB of a 50,000-fact
    site."""
    # Each step of `via` by its actor, or by its description and whether it is independent.
    via = "\x1e".join(s.actor or f"?{s.description}{'!' * s.independent}" for s in c.via)
    said = "\x1f".join(x or "" for x in (c.source, c.locator, c.quote, via, c.via_note))
    said += f"\x1f{c.translation}" if c.translation else ""
    digest = hashlib.blake2s(said.encode(), digest_size=4).digest()
    return base64.b32encode(digest).decode("ascii")[:LABEL_LENGTH].lower()


def _unique(label: str, taken: set[str]) -> str:
    """`label`, or `label-2`, `label-3`… if the page already uses it (a digest collision)."""
    candidate, n = label, 1
    while candidate in taken:
        n += 1
        candidate = f"{label}-{n}"
    taken.add(candidate)
    return candidate


def _join(values: Iterable[object], separator: str = ", ") -> Markup:
    """Jinja's join, escaping each value as Markdown text (the built-in escapes HTML only)."""
    return Markup(escape_markdown(separator)).join(escape_markdown(v) for v in values)
