"""The base class of every source of places."""

from __future__ import annotations

import abc
from collections.abc import Iterator

from gazetteer.place import Place

__all__ = ["PlaceSource"]


class PlaceSource(abc.ABC):
    """Something that yields places: the embedded tables, a GeoNames dump, a user file."""

    #: Short name used in messages and in ``Match.reason``.
    name: str = "source"

    @abc.abstractmethod
    def places(self) -> Iterator[Place]:
        """Yield every place this source holds."""
