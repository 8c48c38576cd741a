"""The user's own gazetteer: imported GeoNames dumps and own place files, in the user folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from gazetteer.place import Place
from gazetteer.sources.base import PlaceSource
from gazetteer.sources.table import PlaceTable, read_aliases
from gazetteer.userdata import user_dir

__all__ = ["UserSource", "user_aliases"]


class UserSource(PlaceSource):
    """Every place table in ``<user dir>/places/`` (CSV or GeoJSON), in name order."""

    name = "user"

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else user_dir()

    def places(self) -> Iterator[Place]:
        places_dir = self.folder / "places"
        if not places_dir.is_dir():
            return
        for path in sorted(places_dir.iterdir()):
            if path.suffix.lower() in (".csv", ".geojson", ".json"):
                yield from PlaceTable.from_file(path).places()


def user_aliases(folder: Path | None = None) -> dict[str, list[str]]:
    """Extra names for any place (embedded or not), from ``<user dir>/aliases/*.csv``."""
    aliases_dir = (Path(folder) if folder else user_dir()) / "aliases"
    merged: dict[str, list[str]] = {}
    if aliases_dir.is_dir():
        for path in sorted(aliases_dir.glob("*.csv")):
            for place_id, names in read_aliases(path).items():
                merged.setdefault(place_id, []).extend(names)
    return merged
