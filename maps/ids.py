"""Deterministic element ids for folium/branca, so the same map gives the same bytes."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator

from branca.element import Element

__all__ = ["deterministic_ids"]


@contextlib.contextmanager
def deterministic_ids(prefix: str = "geo") -> Iterator[None]:
    """Within this block, new branca elements get ids ``geo000001``, ``geo000002``, …

    branca draws a random UUID for every element (``Element._generate_id``),
    which makes every rendering of a map differ; this replaces it for the
    duration of the block and restores it afterwards.
    """
    counter = itertools.count(1)
    original = Element._generate_id

    def next_id(self: Element) -> str:
        return f"{prefix}{next(counter):06d}"

    setattr(Element, "_generate_id", next_id)  # noqa: B010 - patching a method on purpose
    try:
        yield
    finally:
        setattr(Element, "_generate_id", original)  # noqa: B010
