"""Python-Markdown for generated pages: the same HTML, less work.

Python-Markdown tries every inline pattern on every piece of text of a page, and the
generated pages of a large briefing hold hundreds of thousands of pieces (each footnote
reference, link and entity splits a line into more). Their Markdown comes from our
templates: contributor text is escaped (`markup.escape_markdown`), so it holds no
backtick, backslash, `<…>` autolink, image, reference link, underscore emphasis or hard
line break, and the templates write none. Nor do they put Markdown inside HTML blocks,
so `md_in_html` (for hand-written pages) gives way to Python-Markdown's plain, faster raw
HTML handling. On top of that, for these pages only:

- the patterns that stay are applied in one left-to-right scan per text
  (`LeftmostInline`) instead of one scan per pattern;
- footnote references find their number in a dict (`NumberedFootnoteRefs`), and a
  footnote links back to its first reference only (an intended difference);
- an item's anchor is its list item's or table cell's id (`AnchorsOnItems`, the other);
- the long plain lists of references are written as HTML in one pass (`PlainLists`),
  their links resolved as MkDocs resolves them;
- no walk for a `[TOC]` marker, and block-level tags looked up in a set.

Measured on the round pages of 10,000 facts: inline pass 3.7 → 2.9 s, footnotes 5.8 →
4.7 s for the whole conversion. Hand-written pages keep all of Python-Markdown.
`tests/test_lean.py` converts every generated page both ways and compares the HTML (so
did one-off runs over all 803 pages of the 10,000-fact briefing: none differed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any
from xml.etree.ElementTree import Element, SubElement

from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteInlineProcessor
from markdown.inlinepatterns import Pattern as InlinePattern
from markdown.postprocessors import Postprocessor, RawHtmlPostprocessor
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor
from markdown.treeprocessors import InlineProcessor
from markdown.util import AtomicString

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
        self.links: Links | None = None  # the current page's link resolver

    def extendMarkdown(self, md: Markdown) -> None:
        if self.active:
            lean(md, self.links)


def lean(md: Markdown, links: Links | None = None) -> None:
    """Remove from `md` the inline patterns generated pages never use, and `md_in_html`;
    write plain lists whose links `links` resolves directly (see `PlainLists`)."""
    for name in UNUSED:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    if "markdown_block" in md.parser.blockprocessors:  # md_in_html's: put back the defaults
        md.parser.blockprocessors.deregister("markdown_block")
        md.preprocessors.register(RawHtmlFromFirstTag(md), "html_block", 20)
        md.postprocessors.register(RawHtmlPostprocessor(md), "raw_html", 30)
    elif "html_block" in md.preprocessors and \
            type(md.preprocessors["html_block"]) is HtmlBlockPreprocessor:
        md.preprocessors.register(RawHtmlFromFirstTag(md), "html_block", 20)
    md.preprocessors.register(PlainLists(md, links), "bf_lists", 25)  # before html_block (20)
    if "footnote" in md.inlinePatterns:
        footnotes = md.inlinePatterns["footnote"]
        md.inlinePatterns.register(NumberedFootnoteRefs(footnotes.pattern, footnotes.footnotes),
                                   "footnote", 175)
    md.postprocessors.register(AnchorsOnItems(md), "bf_anchors", 5)  # after raw_html (30)
    if "toc" in md.treeprocessors:  # no `[TOC]` marker on generated pages: no walk for one
        md.treeprocessors["toc"].marker = ""
    md.is_block_level = block_level_test(md)  # type: ignore[method-assign]
    if LeftmostInline.applies(md):
        md.treeprocessors.register(LeftmostInline(md), "inline", 20)


class AnchorsOnItems(Postprocessor):
    """An item's anchor as the id of its list item or table cell: `<li id="r2-5">` for
    `<li><span id="r2-5"></span>`. Markdown has no syntax for a list item's id, so the
    templates start an item with an empty `<span>`; 114,000 of them were 2.5 MB of the
    50,000-fact site. The other difference from Python-Markdown's HTML (`test_lean`)."""

    FIRST_SPAN = re.compile(r'<(li|td)><span id="([^"<>]+)"></span>')

    def run(self, text: str) -> str:
        return self.FIRST_SPAN.sub(r'<\1 id="\2">', text)


class RawHtmlFromFirstTag(HtmlBlockPreprocessor):
    """Python-Markdown's raw-HTML pass, from the first line that starts with a tag on.

    The pass feeds the whole page to an HTML parser to find the blocks of raw HTML, which
    start with a tag at the start of a line. Before the first such line the parser gives
    back the text it was given, provided that each `&` there starts a complete reference
    (`&amp;`, `&#58;`: to one without its `;` the parser adds it), so that text is not
    parsed. Generated pages keep their few raw blocks near their end (the "Cite this
    page" box): on the round pages of 10,000 facts this pass took 12 % of the conversion.
    """

    UNENDED = re.compile(r"&(?!(?:[a-zA-Z][-.a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);)")

    def run(self, lines: list[str]) -> list[str]:
        first = next((i for i, line in enumerate(lines) if line.lstrip()[:1] == "<"),
                     len(lines))
        if first and self.UNENDED.search("\n".join(lines[:first])):
            first = 0
        return lines[:first] + super().run(lines[first:]) if first < len(lines) else lines


Links = Callable[[str], "str | None"]  # a page's Markdown link target -> its final URL


class PlainLists(Preprocessor):
    """Turns the plain lists of generated pages into HTML in one pass, as Python-Markdown
    would, and stores it for its raw-HTML postprocessor.

    The long lists that repeat what other pages hold (a party's positions, the facts naming
    an actor or citing a source, the pages that mention something) are Markdown, one item
    a line of only `**strong**`, `*emphasis*`, `[text](link)`, character references and
    plain text. Through Python-Markdown's list, paragraph and inline passes and the tree
    walks after them, an item costs about 75 µs and a build of 10,000 facts holds 80,000
    of them; this writes the same HTML from one regular expression an item. A list is
    taken only when it stands alone (blank lines around it, no list just before or after
    it that Python-Markdown would join to it) and every line fits; anything else is left
    to Python-Markdown. Link targets go through `links` (the plugin resolves a page's
    `.md` links as MkDocs does); with no `links`, or a link it cannot resolve, the list
    is left to Python-Markdown and MkDocs.
    """

    PART = re.compile("|".join((  # one piece of an item; plain text up to the next sign
        r"\*\*(?P<strong>[^*\[\]<>`\\_\x02\x03]+?)\*\*(?!\*)",
        r"\*(?P<em>[^*\[\]<>`\\_\x02\x03]+?)\*(?!\*)",
        r"\[(?P<text>[^*\[\]<>`\\_\x02\x03]+)\]\((?P<url>[^\s()<>\"'`&\\\x02\x03]+)\)",
        r"(?P<plain>[^*\[\]<>`\\_\x02\x03!]+)",
    )))
    ENTITY = re.compile(r"(&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)")
    OTHER_BLOCK = re.compile(r" {4}|\t|[-+*] |\d+[.)] |>|\[\^")  # may join or hold a list
    # After a list and a blank line a footnote's definition neither joins nor holds it
    # (the definitions follow the last list of most pages).
    OTHER_BLOCK_AFTER = re.compile(r" {4}|\t|[-+*] |\d+[.)] |>")

    def __init__(self, md: Markdown, links: Links | None) -> None:
        super().__init__(md)
        self.links = links

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i, n = 0, len(lines)
        while i < n:
            end = i
            while end < n and lines[end].startswith("- "):
                end += 1
            html = self._list(lines, i, end) if end > i else None
            if html is None:
                out.append(lines[i])
                i += 1
                continue
            out += ["", self.md.htmlStash.store(html), ""]
            i = end
        return out

    def _list(self, lines: list[str], start: int, end: int) -> str | None:
        """The HTML of lines[start:end] as a list on its own, or None."""
        before = next((line for line in reversed(lines[:start]) if line.strip()), "")
        if (start and lines[start - 1].strip()) or self.OTHER_BLOCK.match(before):
            return None
        if end < len(lines) and lines[end].strip():
            return None
        after = next((line for line in lines[end:] if line.strip()), "")
        if self.OTHER_BLOCK_AFTER.match(after):
            return None
        items = [self._item(line) for line in lines[start:end]]
        if None in items:
            return None
        return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>"

    def _item(self, line: str) -> str | None:
        """An item's HTML, or None if the line is not a plain item."""
        if self.links is None or len(line) < 3 or line[2].isspace():
            return None
        html, at = [], 2
        while at < len(line):
            part = self.PART.match(line, at)
            if part is None:
                return None
            at = part.end()
            if part["plain"] is not None:
                html.append(self._text(part["plain"]))
            elif part["url"] is not None:
                url = self.links(part["url"])
                if url is None:
                    return None
                html.append(f'<a href="{escape(url)}">{self._text(part["text"])}</a>')
            else:
                tag = "strong" if part["strong"] is not None else "em"
                html.append(f"<{tag}>{self._text(part[tag])}</{tag}>")
        return "".join(html)

    def _text(self, text: str) -> str:
        """Escaped as Python-Markdown's serializer escapes text; character references
        kept as they are (its entity pattern stores them as raw HTML)."""
        pieces = self.ENTITY.split(text)
        pieces[::2] = [escape(piece, quote=False) for piece in pieces[::2]]
        return "".join(pieces)


# The first character of every match of each inline pattern generated pages keep.
FIRST_CHARACTERS = {"footnote": "[", "link": "[", "html": "<", "entity": "&", "em_strong": "*"}


class LeftmostInline(InlineProcessor):
    """Python-Markdown's inline pass, in one left-to-right scan of each text.

    Python-Markdown tries its patterns one after another over the whole of each text
    (about six regular-expression scans and a copy of the text per match). Generated pages
    hold well-formed, never-crossing constructs (contributor text is escaped), and for
    those the leftmost match at each of the few characters that can start one, tried in
    the patterns' priority order, builds the same elements in the same order (footnote
    numbers included). The text inside a match then goes through every other pattern:
    the ones Python-Markdown applied before it (higher priority) and after it.
    `tests/test_lean.py` converts every generated page both ways and compares the HTML.
    """

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.starts = re.compile("[" + re.escape("".join(set(FIRST_CHARACTERS.values()))) + "]")
        self.by_character: dict[str, list[InlinePattern]] = {}
        patterns = md.inlinePatterns
        for name in sorted(_known(md), key=patterns.get_index_for_name):  # by priority
            self.by_character.setdefault(FIRST_CHARACTERS[name], []).append(patterns[name])

    @staticmethod
    def applies(md: Markdown) -> bool:
        """True when every inline pattern of `md` is one this scan knows how to start."""
        return len(_known(md)) == len(md.inlinePatterns)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if isinstance(data, AtomicString):
            return data
        return self._scan(data, None)

    def _scan(self, data: str, skip: InlinePattern | None) -> str:
        """`data` with every match replaced by a placeholder of its stashed node."""
        found = self.starts.search(data)
        if found is None:
            return data
        pieces: list[str] = []
        done = 0  # data[:done] is in `pieces`
        while found is not None:
            at = found.start()
            node, end, pattern = self._match(data, at, skip)
            if pattern is None:
                found = self.starts.search(data, at + 1)
                continue
            if node is not None:
                pieces += (data[done:at], self._stash(node, pattern))
                done = end
            found = self.starts.search(data, end)
        pieces.append(data[done:])
        return "".join(pieces)

    def _match(self, data: str, at: int, skip: InlinePattern | None
               ) -> tuple[Element | str | None, int, InlinePattern | None]:
        """The node, end and pattern of the first pattern matching at `at`, by priority."""
        for pattern in self.by_character[data[at]]:
            if pattern is skip or any(tag in self.ancestors for tag in pattern.ANCESTOR_EXCLUDES):
                continue
            match = pattern.getCompiledRegExp().match(data, at)
            if match is None:
                continue
            node, start, end = pattern.handleMatch(match, data)
            if start is not None and end is not None:
                return node, end, pattern
        return None, at, None

    def _stash(self, node: Element | str, pattern: InlinePattern) -> str:
        """Process the text inside `node` as Python-Markdown would, then stash it."""
        if not isinstance(node, str) and not isinstance(node.text, AtomicString):
            for child in [node, *node]:
                if child.text:
                    self.ancestors.append(child.tag.lower())
                    child.text = self._scan(child.text, pattern)
                    self.ancestors.pop()
                if child.tail:
                    child.tail = self._scan(child.tail, None)
        return self._InlineProcessor__stashNode(node, pattern.type())


def _known(md: Markdown) -> list[str]:
    return [name for name in FIRST_CHARACTERS if name in md.inlinePatterns]


class NumberedFootnoteRefs(FootnoteInlineProcessor):
    """Python-Markdown's footnote references, with each footnote's number and whether it
    was referenced before looked up in a dict instead of searched for in a list: a round
    page of a large briefing has hundreds of footnotes and references. Same numbers, same
    ids (`makeFootnoteRefId` is Python-Markdown's), with one difference by design: each
    footnote links back to its first reference only, and only that reference has an id.
    Python-Markdown writes a back-link (`↩`, 130 bytes) per reference: at 50,000 facts a
    footnote is cited twice on average, and the back-links were 22 MB of the site. A
    reader who followed a later reference has the tooltip, or the browser's Back."""

    def __init__(self, pattern: str, footnotes: Any) -> None:
        super().__init__(pattern, footnotes)
        self._document: object = None  # the footnotes dict the numbers below are for
        self._numbers: dict[str, int] = {}
        self._referenced: set[str] = set()

    def handleMatch(self, m: re.Match[str], data: str
                    ) -> tuple[Element | None, int | None, int | None]:
        notes = self.footnotes
        if not notes.getConfig("USE_DEFINITION_ORDER"):
            return super().handleMatch(m, data)
        if self._document is not notes.footnotes:  # a new page: numbers by definition order
            self._document = notes.footnotes
            self._numbers = {key: n for n, key in enumerate(notes.footnotes, 1)}
            self._referenced = set(notes.footnote_order)
        key = m.group(1)
        number = self._numbers.get(key)
        if number is None:
            return None, None, None
        if key in self._referenced:  # cited again: nothing links back to this one
            sup = Element("sup")
        else:
            self._referenced.add(key)
            notes.footnote_order.append(key)
            sup = Element("sup", id=notes.makeFootnoteRefId(key, found=True))
        link = SubElement(sup, "a", href="#" + notes.makeFootnoteId(key))
        link.set("class", "footnote-ref")
        link.text = notes.getConfig("SUPERSCRIPT_TEXT").format(number)
        return sup, m.start(0), m.end(0)


def block_level_test(md: Markdown) -> Callable[[object], bool]:
    """`md.is_block_level` answered from a set and remembered per tag (Python-Markdown
    searches a list, for every element, in several passes over each page)."""
    block_level = frozenset(md.block_level_elements)
    known: dict[str, bool] = {}

    def is_block_level(tag: object) -> bool:
        if not isinstance(tag, str):
            return False
        if tag not in known:
            known[tag] = tag.lower().rstrip("/") in block_level
        return known[tag]
    return is_block_level
