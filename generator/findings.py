"""The wording of findings: one template per finding kind, templates/findings/<kind>.md.j2.

Each fragment has the blocks `heading` (its section on the discrepancies page), `count`
(its column of counts), `noun` (one finding in running text: "coverage gap"), `doc` (a
line for the table of kinds), `title` (one finding's
heading) and `explain` (the sentence saying what the analysis compared and why it
flagged it, from the finding's `rule` and `reason`). The analysis builds no English:
this module renders those blocks, as Markdown for the site or as plain text for the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from generator import wording
from generator.analyze.kinds import FindingKind
from generator.markup import quoted
from generator.model import Finding
from generator.names import Names

FILTERS = {
    "allows": wording.allows, "span": wording.span, "utc": wording.utc,
    "instant": wording.when, "zone": wording.offset_minutes, "weekday": wording.weekday,
}


def and_join(names: Iterable[str]) -> str:
    """'CGTN', 'CGTN and Reuters', 'AP, CGTN and Reuters'."""
    items = list(names)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class Wording:
    """The blocks of the finding fragments, rendered in one Jinja environment."""

    def __init__(self, env: Environment, names: Names | None = None) -> None:
        self.env = env
        self.names = names
        # The macros the fragments share (a block rendered alone runs no `import`).
        self.r = env.get_template("findings/_readings.md.j2").make_module({"names": names})

    def _block(self, kind: str, block: str, **context: Any) -> str:
        template = self.env.get_template(f"findings/{kind}.md.j2")
        ctx = template.new_context({"names": self.names, "r": self.r, **context})
        text = "".join(template.blocks[block](ctx)).strip()
        return Markup(text) if self.env.autoescape else text

    def heading(self, kind: FindingKind | str) -> str:
        return self._block(_name(kind), "heading")

    def count(self, kind: FindingKind | str) -> str:
        return self._block(_name(kind), "count")

    def doc(self, kind: FindingKind | str) -> str:
        return self._block(_name(kind), "doc")

    def noun(self, kind: FindingKind | str) -> str:
        """One finding of the kind, in running text: 'coverage gap'."""
        return self._block(_name(kind), "noun")

    def title(self, finding: Finding) -> str:
        record = self.names.b.discrepancies.get(finding.recorded or "") if self.names else None
        return self._block(finding.kind, "title", f=finding, record=record)

    def explain(self, finding: Finding) -> str:
        return self._block(finding.kind, "explain", f=finding)


def _name(kind: FindingKind | str) -> str:
    return kind if isinstance(kind, str) else kind.name


def add_filters(env: Environment) -> None:
    env.filters.update(FILTERS, and_join=and_join)


def text_wording(names: Names | None) -> Wording:
    """The fragments as plain text, for the CLI report (nothing escaped)."""
    env = Environment(loader=PackageLoader("generator", "templates"), trim_blocks=True,
                      lstrip_blocks=True, autoescape=False)
    add_filters(env)
    env.filters["quoted"] = quoted
    return Wording(env, names)
