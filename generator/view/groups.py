"""Grouping helpers the view's indexes share: items under keys, citations' sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from generator.model import Citation

T = TypeVar("T")


def citations_of(item: Any) -> list[Citation]:
    """An item's citations; an actor's include those of its roles and memberships."""
    citations = list(getattr(item, "citations", []))
    for part in (*getattr(item, "roles", []), *getattr(item, "members", [])):
        citations.extend(part.citations)
    return citations


def sources_of(citations: list[Citation]) -> list[str]:
    return list(dict.fromkeys(c.source for c in citations))


def group(items: Iterable[T], keys: Callable[[T], Iterable[str]]) -> dict[str, list[T]]:
    """Items grouped under each of their keys, keeping the items' order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for key in keys(item):
            groups[key].append(item)
    return dict(groups)
