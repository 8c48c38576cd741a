"""The gazetteer shipped with the package (``gazetteer/data``)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from gazetteer.errors import GazetteerDataError
from gazetteer.place import Place
from gazetteer.sources.base import PlaceSource
from gazetteer.sources.table import PlaceTable, read_aliases

__all__ = ["EMBEDDED_TABLES", "EmbeddedSource", "data_path"]

#: The embedded place tables, in load order.
EMBEDDED_TABLES = ("admin.csv", "cities.csv", "curated.csv", "facilities.csv", "localities.csv", "neighbourhoods.csv")


def data_path(name: str) -> Path:
    """Path of a file in the packaged ``gazetteer/data`` folder."""
    return Path(str(resources.files("gazetteer") / "data" / name))


class EmbeddedSource(PlaceSource):
    """Every place in the tables that ship with the package, with their aliases."""

    name = "embedded"

    def places(self) -> Iterator[Place]:
        aliases = read_aliases(data_path("aliases.csv"))
        for table in EMBEDDED_TABLES:
            path = data_path(table)
            if not path.exists():
                raise GazetteerDataError(f"{path}: embedded gazetteer table is missing (a broken install?)")
            yield from PlaceTable.from_path(path, aliases=aliases).places()
