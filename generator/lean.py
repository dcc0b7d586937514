"""Python-Markdown without the inline syntaxes generated pages never use.

Python-Markdown tries every inline pattern on every piece of text of a page, and the
generated pages of a large briefing hold hundreds of thousands of pieces (each footnote
reference, link and entity splits a line into more). Their Markdown comes from our
templates: contributor text is escaped (`markup.escape_markdown`), so it holds no
backtick, backslash, `<…>` autolink, image, reference link, underscore emphasis or hard
line break, and the templates write none. Nor do they put Markdown inside HTML blocks,
so `md_in_html` (for hand-written pages) gives way to Python-Markdown's plain, faster raw
HTML handling, and the templates' long raw HTML lists go to its store without passing
through its HTML parser (`ListBlocks`). For these pages that gives the same HTML in less
than half the conversion time (at 10,000 facts: a quarter less for the patterns, then
13.9 → 12.4 s without `md_in_html`, 12.97 → 10.54 s for the lists); hand-written pages
keep it all. `tests/test_lean.py` converts every generated
page both ways and compares the HTML.
"""

from __future__ import annotations

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import RawHtmlPostprocessor
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor

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
    """Remove from `md` the inline patterns generated pages never use, and `md_in_html`."""
    for name in UNUSED:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    if "markdown_block" in md.parser.blockprocessors:  # md_in_html's: put back the defaults
        md.parser.blockprocessors.deregister("markdown_block")
        md.preprocessors.register(HtmlBlockPreprocessor(md), "html_block", 20)
        md.postprocessors.register(RawHtmlPostprocessor(md), "raw_html", 30)
    md.preprocessors.register(ListBlocks(md), "bf_lists", 25)  # before html_block (20)


class ListBlocks(Preprocessor):
    """Stores the templates' raw HTML lists (`<ul class="bf-refs"` … `</ul>`, each on lines
    of their own) as Python-Markdown's raw HTML handling would, without running its HTML
    parser over them: they are most of a large page's tags. Contributor text inside them is
    escaped, so it cannot end one early."""

    START = '<ul class="bf-refs"'

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i, n = 0, len(lines)
        while i < n:
            line = lines[i]
            if line.startswith(self.START) and (not out or not out[-1].strip()):
                try:
                    end = lines.index("</ul>", i)
                except ValueError:
                    out.append(line)
                    i += 1
                    continue
                block = "\n".join(lines[i:end + 1])
                if end + 1 == n or not lines[end + 1].strip():
                    block += "\n"
                out += ["", self.md.htmlStash.store(block), "", ""]
                i = end + 1
            else:
                out.append(line)
                i += 1
        return out
