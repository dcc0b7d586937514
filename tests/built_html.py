"""Built pages as a browser reads them, written back in one spelling, for tests to search.

Every page of the site is minified (generator/minify.py): attribute values lose their
quotes where HTML5 allows it, attributes may be reordered, the end tags a browser infers
(`</li>`, `</p>`, `</td>`, `</tr>`…) and the `<head>` tag are left out, and entities are
written as characters wherever that is safe. Tests look for markup in `canonical(page)`
instead (`read_html(path)`), where the same elements are always spelled the same way:

- a start tag is `<tag a="1" b>`: attributes in alphabetical order, each value in double
  quotes with `&`, `"`, `<` and `>` escaped, an empty value as a bare name;
- every element that is not void has its end tag where the page left it to the browser
  (the HTML5 rules for optional tags that the site's markup needs), and `<head>` its tags;
- text has `&`, `<` and `>` escaped as `&amp;`, `&lt;`, `&gt;` and nothing else (so
  `&#60;` is `&lt;`, `&#34;` is `"`, `&#160;` a no-break space); scripts and styles are
  as written; whitespace and comments are as the page has them.

This reads what is published: markup a browser would read differently reads differently
here too. What search finds is read from Pagefind's own index (`indexed_texts`).
"""

from __future__ import annotations

import gzip
import json
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "param", "source", "track", "wbr"})
# A start tag of one of these closes an open <p> (HTML5 "optional tags").
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul"})
# Elements that stop the search for an open element to close (HTML5's "scope").
_SCOPE = frozenset({"html", "table", "td", "th", "caption", "button", "template", "object"})
# For a start tag: the open elements it closes, and where looking for them stops.
_CLOSES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "li": (frozenset({"li"}), _SCOPE | {"ol", "ul", "menu"}),
    "dt": (frozenset({"dt", "dd"}), _SCOPE | {"dl"}),
    "dd": (frozenset({"dt", "dd"}), _SCOPE | {"dl"}),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "tbody": (frozenset({"thead", "tbody"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody"}), frozenset({"table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
    "body": (frozenset({"head"}), frozenset({"html"})),
}
# What a page's <head> holds: the first of these opens the <head> the page left implied,
# the first other element closes it.
_HEAD = frozenset({"base", "link", "meta", "noscript", "script", "style", "template", "title"})
_RAW = frozenset({"script", "style"})  # content as written
_ESCAPABLE_RAW = frozenset({"title", "textarea"})  # text, but no tags inside


class _Writer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.head_seen = False

    def close_until(self, names: frozenset[str], stop: frozenset[str]) -> None:
        """Close the innermost open element named in `names` (and all inside it), unless an
        element in `stop` is open inside it."""
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth] in names:
                while len(self.open) > depth:
                    self.out.append(f"</{self.open.pop()}>")
                return
            if self.open[depth] in stop:
                return

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.imply_head(tag)
        if tag in _CLOSES_P:
            self.close_until(frozenset({"p"}), _SCOPE)
        if tag in _CLOSES:
            self.close_until(*_CLOSES[tag])
        self.out.append(f"<{tag}{_attributes(attrs)}>")
        if tag not in VOID:
            self.open.append(tag)
        if tag in _ESCAPABLE_RAW:
            self.set_cdata_mode(tag)  # `<title><b></title>` is the text "<b>"

    def imply_head(self, tag: str) -> None:
        """Open or close the <head> (and open the <body>) where the page left them out."""
        if self.open == ["html"] and not self.head_seen and tag in _HEAD:
            self.out.append("<head>")
            self.open.append("head")
        self.head_seen = self.head_seen or tag in ("head", "body") or bool(self.open[1:])
        if self.open[-1:] == ["head"] and tag not in _HEAD:
            self.out.append(f"</{self.open.pop()}>")
            if tag != "body":
                self.out.append("<body>")
                self.open.append("body")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            self.close_until(frozenset({tag}), frozenset())

    def handle_data(self, data: str) -> None:
        current = self.open[-1] if self.open else ""
        if current in _RAW:
            self.out.append(data)
        else:  # raw-text mode leaves the entities of a <title> as they are
            text = unescape(data) if current in _ESCAPABLE_RAW else data
            self.out.append(escape(text, quote=False))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append("<!DOCTYPE html>" if decl.lower() == "doctype html" else f"<!{decl}>")


def _attributes(attrs: list[tuple[str, str | None]]) -> str:
    return "".join(f' {key}="{_quoted(value)}"' if value else f" {key}"
                   for key, value in sorted(attrs, key=lambda a: a[0]))


def _quoted(value: str) -> str:
    return escape(value).replace("&#x27;", "'")


def canonical(page: str) -> str:
    """`page` (HTML) in the one spelling described above."""
    writer = _Writer()
    writer.feed(page)
    writer.close()
    writer.out.extend(f"</{tag}>" for tag in reversed(writer.open))
    return "".join(writer.out)


def read_html(path: Path) -> str:
    """The built page at `path`, canonical."""
    return canonical(path.read_text(encoding="utf-8"))


def indexed_texts(site: Path) -> dict[str, str]:
    """The text Pagefind indexed for each page of the built `site`, by the page's URL
    (`/a/b/`): what a search can find. Each fragment file is gzip-compressed JSON after a
    `pagefind_dcd` signature."""
    texts = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        page = json.loads(data)
        texts[page["url"]] = page["content"]
    return texts
