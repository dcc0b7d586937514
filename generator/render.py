"""Render a briefing's planned pages to Markdown through Jinja2 templates, one per page type.

The `Renderer` wraps a Jinja2 environment in which every `{{ }}` value passes through
`escape_markdown` (as `finalize`), so text from the fact files can never become HTML or
Markdown syntax, whatever template it lands in. Templates mark their own syntax (links,
footnote references) as safe by building it from macros, never from contributor text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from generator.export import export_json
from generator.markup import (
    anchor_id,
    escape_markdown,
    excerpt,
    format_value,
    format_when,
    front_matter,
    paragraphs,
    safe_url,
)
from generator.model import Analysis, Briefing, Citation, Finding
from generator.pages import Handwritten, PageSpec, Plan, relative
from generator.view import BriefingView


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: `path` below the docs folder, `source_file` the YAML behind it."""

    path: str  # e.g. istanbul-2025/rounds/round-2.md
    content: str  # Markdown (JSON for the export)
    source_file: str  # e.g. briefings/istanbul-2025/rounds/round-2.yaml


class PageContext:
    """The page being rendered, as templates see it: links relative to it, its footnotes."""

    def __init__(self, spec: PageSpec, plan: Plan) -> None:
        self.spec = spec
        self.plan = plan
        self._numbers: dict[Citation, int] = {}

    def to(self, item_id: str) -> Markup:
        """A relative link to the page (and anchor) where an id lives."""
        path, anchor = self.plan.locations[item_id]
        link = "" if path == self.spec.path else relative(self.spec.path, path)
        return Markup(link + (f"#{anchor_id(anchor)}" if anchor else "") or "#")

    def rel(self, path: str) -> Markup:
        """A relative link to another page of the site, by its docs path."""
        return Markup(relative(self.spec.path, path))

    def section(self, relative_path: str) -> Markup:
        """A relative link to a page of this briefing, by its path below `<slug>/`."""
        return self.rel(self.plan.path(relative_path))

    def cite(self, citations: Iterable[Citation]) -> list[int]:
        """Footnote numbers for citations; a citation repeated on a page keeps its number."""
        return [self._numbers.setdefault(c, len(self._numbers) + 1) for c in citations]

    @property
    def notes(self) -> list[tuple[int, Citation]]:
        return [(n, c) for c, n in self._numbers.items()]

    @property
    def markers(self) -> list[Finding]:
        """Discrepancies about anything this page hosts, for the warning at its top."""
        if self.spec.template == "discrepancies.md.j2":
            return []
        return self.plan.view.findings_about(self.spec.hosted)


class Renderer:
    """Jinja2 templates of every page type, with the escaping and formatting filters."""

    def __init__(self) -> None:
        env = Environment(
            loader=PackageLoader("generator", "templates"),
            autoescape=True,  # macro output is Markup; with finalize, all else is escaped
            finalize=escape_markdown,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters.update(
            md=escape_markdown, when=format_when, value=format_value, url=safe_url,
            excerpt=excerpt, front_matter=front_matter, anchor=anchor_id,
            paragraphs=paragraphs, join=_join,
        )
        self.env = env

    def render(self, template: str, **context: object) -> str:
        return self.env.get_template(template).render(**context)

    def page(self, spec: PageSpec, plan: Plan, edit_base: str) -> Page:
        source = spec.origin.path
        content = self.render(
            spec.template, **spec.context, title=spec.title, view=plan.view,
            b=plan.view.b, page=PageContext(spec, plan), plan=plan,
            edit_url=safe_url(edit_base + source) if edit_base else None)
        return Page(spec.path, content, source)


def render_briefing(briefing: Briefing, analysis: Analysis, edit_base: str = "",
                    handwritten: Sequence[Handwritten] = ()) -> list[Page]:
    """Every page of one briefing, and its JSON export, sorted by path.

    `edit_base` is a URL prefix (".../edit/main/"): when given, each page links to the
    YAML file it came from. Inside MkDocs the theme's edit button does that instead.
    `handwritten` are pages in `docs/<slug>/` to link from the briefing's home.
    """
    plan = Plan(BriefingView(briefing, analysis), list(handwritten))
    renderer = Renderer()
    pages = [renderer.page(spec, plan, edit_base) for spec in plan.specs]
    pages.append(Page(f"{briefing.slug}/export.json", export_json(briefing, analysis),
                      briefing.info.origin.path))
    return sorted(pages, key=lambda p: p.path)


def _join(values: Iterable[object], separator: str = ", ") -> Markup:
    """Jinja's join, escaping each value as Markdown text (the built-in escapes HTML only)."""
    return Markup(escape_markdown(separator)).join(escape_markdown(v) for v in values)
