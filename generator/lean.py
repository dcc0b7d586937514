"""Python-Markdown without the inline syntaxes generated pages never use.

Python-Markdown tries every inline pattern on every piece of text of a page, and the
generated pages of a large briefing hold hundreds of thousands of pieces (each footnote
reference, link and entity splits a line into more). Their Markdown comes from our
templates: contributor text is escaped (`markup.escape_markdown`), so it holds no
backtick, backslash, `<…>` autolink, image, reference link, underscore emphasis or hard
line break, and the templates write none. Dropping those patterns for these pages gives
the same HTML for about a quarter less conversion time; hand-written pages keep them all.
`tests/test_lean.py` converts every generated page both ways and compares the HTML.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension

# Python-Markdown's names of the inline patterns (markdown/inlinepatterns.py) unused by
# generated pages; `em_strong` (`*`, `**`), `link`, `html`, `entity` and `footnote` stay.
UNUSED = ("backtick", "escape", "reference", "image_link", "image_reference",
          "short_reference", "short_image_ref", "autolink", "automail", "linebreak",
          "not_strong", "em_strong2")


class LeanInline(Extension):
    """Drops the `UNUSED` patterns from the Markdown instances made while `active`.

    MkDocs makes one Markdown instance per page (`Page.render`), right after the plugin's
    `on_page_markdown` for that page: the plugin sets `active` there."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:
        if self.active:
            lean(md)


def lean(md: Markdown) -> None:
    """Remove the inline patterns generated pages never use from `md`."""
    for name in UNUSED:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
