"""Where pages live: splitting long lists over pages, and links between page paths.

Paths are docs-relative (`istanbul-2025/rounds/round-2.md`). Markdown links use those
paths and MkDocs (or Zensical) turns them into URLs; raw HTML needs final URLs, which
`url_between` computes the way the built site lays pages out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(slots=True)
class Chunk(Generic[T]):
    """One page's share of a long list; `paths` are every page of the list, in order."""

    items: list[T]
    number: int
    paths: list[str]

    @property
    def path(self) -> str:
        return self.paths[self.number - 1]


def chunks(items: list[T], first: str, size: int) -> list[Chunk[T]]:
    """Split a list over `first` and, when long, `<first without .md>/pages/N.md`.

    A folder of its own, so that no continuation page can take the path of an item's page
    (`issues/pages/2.md` cannot clash with an issue `issues/page-2.md`).
    """
    base = first[: -len("/index.md")] if first.endswith("/index.md") else first[: -len(".md")]
    count = max(1, -(-len(items) // size))
    paths = [first] + [f"{base}/pages/{n}.md" for n in range(2, count + 1)]
    return [Chunk(items[i * size:(i + 1) * size], i + 1, paths) for i in range(count)]


@cache  # see clear_caches
def relative(from_path: str, to_path: str) -> str:
    """A link from one docs page to another, as MkDocs and Zensical resolve it.

    Both are clean docs-relative paths, so comparing their folders is enough (and much
    faster than `posixpath.relpath`, which pages call hundreds of thousands of times).
    """
    source, target = from_path.split("/")[:-1], to_path.split("/")
    common = 0
    while (common < len(source) and common < len(target) - 1
           and source[common] == target[common]):
        common += 1
    return "/".join([".."] * (len(source) - common) + target[common:])


def page_url(path: str, directory_urls: bool = True) -> str:
    """The URL of a docs page below the site root: `a/b.md` -> `a/b/` (or `a/b.html`)."""
    if not directory_urls:
        return path[: -len(".md")] + ".html"
    if path == "index.md" or path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


@cache
def url_between(from_path: str, to_path: str, directory_urls: bool = True,
                from_source: bool = False) -> str:
    """A relative URL from one page to another, as the built site lays them out.

    For links written as raw HTML, which MkDocs does not rewrite: lists that repeat
    what other pages hold are raw HTML because Markdown is the slowest part of a build.
    With `from_source`, relative to the linking page's source file instead: Zensical
    rewrites raw HTML links as it rewrites Markdown ones, from the folder of the `.md`
    file to the folder of the page's URL (`tests/test_zensical.py` checks every link).
    """
    target = page_url(to_path, directory_urls)
    if from_source:
        return relative(from_path, target + "_")[:-1] or "./"
    source = page_url(from_path, directory_urls)
    if not directory_urls:
        return relative(source, target)
    return relative(source + "_", target + "_")[:-1] or "./"  # "_": a file in each folder


def clear_caches() -> None:
    """Forget the cached links once a briefing is rendered (no size limit while it is)."""
    relative.cache_clear()
    url_between.cache_clear()


def pack(items: list[T], weight: Callable[[T], int], limit: int) -> list[list[T]]:
    """Consecutive items in groups whose weights add up to at most `limit` (or one item)."""
    groups: list[list[T]] = []
    total = limit
    for item in items:
        w = max(1, weight(item))
        if total + w > limit:
            groups.append([])
            total = 0
        groups[-1].append(item)
        total += w
    return groups
