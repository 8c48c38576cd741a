"""Place tables: CSV files in the Place schema (see ``data/SCHEMA.md``)."""

from __future__ import annotations

import csv
import io
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from gazetteer.errors import GazetteerDataError
from gazetteer.place import Place
from gazetteer.sources.base import PlaceSource

__all__ = ["PLACE_COLUMNS", "PlaceTable", "read_aliases"]

PLACE_COLUMNS = (
    "place_id",
    "kind",
    "name_en",
    "name_ar",
    "aliases",
    "latitude",
    "longitude",
    "uncertainty_m",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "parent_id",
    "population",
    "source",
    "note",
)
_REQUIRED = ("place_id", "kind", "latitude", "longitude")


def _coordinate(value: str, low: float, high: float, where: str, column: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise GazetteerDataError(f"{where}: {column} {value!r} is not a number") from None
    if not (low <= number <= high) or math.isnan(number):
        raise GazetteerDataError(f"{where}: {column} {value!r} is out of range [{low}, {high}]")
    return number


def _count(value: str, where: str, column: str) -> int | None:
    """A whole non-negative number (population, metres), or None for an empty cell."""
    if not value.strip():
        return None
    try:
        number = int(float(value))
    except (ValueError, OverflowError):
        raise GazetteerDataError(f"{where}: {column} {value!r} is not a number") from None
    if number < 0:
        raise GazetteerDataError(f"{where}: {column} {value!r} is negative")
    return number


class PlaceTable(PlaceSource):
    """A CSV file of places, with optional extra aliases keyed by place id.

    Examples
    --------
    >>> table = PlaceTable.from_text("place_id,kind,name_en,name_ar,latitude,longitude\\nx,town,X,س,35,38\\n")
    >>> [p.name_en for p in table.places()]
    ['X']
    """

    def __init__(
        self,
        rows: Iterable[dict[str, str]],
        *,
        name: str,
        aliases: dict[str, list[str]] | None = None,
    ) -> None:
        self.name = name
        self._rows = rows
        self._aliases = aliases or {}

    @classmethod
    def from_path(cls, path: Path, *, aliases: dict[str, list[str]] | None = None) -> PlaceTable:
        """Read a place table from a file."""
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return cls(rows, name=str(path), aliases=aliases)

    @classmethod
    def from_geojson(cls, path: Path) -> PlaceTable:
        """Read places from a GeoJSON FeatureCollection of points with Place-schema properties."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise GazetteerDataError(f"{path}: not valid GeoJSON ({err})") from err
        rows = []
        for number, feature in enumerate(data.get("features") or [], start=1):
            geometry = feature.get("geometry") or {}
            if geometry.get("type") != "Point":
                raise GazetteerDataError(f"{path}, feature {number}: a place needs a Point geometry")
            lon, lat = geometry["coordinates"][:2]
            props = {k: "" if v is None else str(v) for k, v in (feature.get("properties") or {}).items()}
            if isinstance((feature.get("properties") or {}).get("names"), list):
                props["aliases"] = "|".join(feature["properties"]["names"])
            rows.append({**props, "latitude": str(lat), "longitude": str(lon)})
        return cls(rows, name=str(path))

    @classmethod
    def from_file(cls, path: Path) -> PlaceTable:
        """Read a place table from a CSV or GeoJSON file, by its name ending."""
        suffix = Path(path).suffix.lower()
        if suffix == ".csv":
            return cls.from_path(path)
        if suffix in (".geojson", ".json"):
            return cls.from_geojson(path)
        raise GazetteerDataError(f"{path}: places must be CSV or GeoJSON, not {suffix!r}")

    @classmethod
    def from_text(cls, text: str, *, name: str = "<text>") -> PlaceTable:
        """Read a place table from CSV text."""
        return cls(list(csv.DictReader(io.StringIO(text))), name=name)

    def places(self) -> Iterator[Place]:
        for line, row in enumerate(self._rows, start=2):
            yield self._place(row, f"{self.name}, row {line}")

    def _place(self, row: dict[str, str], where: str) -> Place:
        for column in _REQUIRED:
            if not (row.get(column) or "").strip():
                raise GazetteerDataError(f"{where}: required column {column!r} is empty")
        if not (row.get("name_en") or row.get("name_ar")):
            raise GazetteerDataError(f"{where}: the place has neither name_en nor name_ar")
        place_id = row["place_id"].strip()
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        aliases.extend(self._aliases.get(place_id, ()))
        return Place(
            place_id=place_id,
            name_en=(row.get("name_en") or "").strip(),
            name_ar=(row.get("name_ar") or "").strip(),
            kind=row["kind"].strip(),
            latitude=_coordinate(row["latitude"], -90, 90, where, "latitude"),
            longitude=_coordinate(row["longitude"], -180, 180, where, "longitude"),
            names=tuple(dict.fromkeys(aliases)),
            admin1=(row.get("admin1") or "").strip(),
            admin2=(row.get("admin2") or "").strip(),
            admin3=(row.get("admin3") or "").strip(),
            parent_id=(row.get("parent_id") or "").strip(),
            population=_count(row.get("population") or "", where, "population"),
            uncertainty_m=_count(row.get("uncertainty_m") or "", where, "uncertainty_m"),
            country=(row.get("country") or "SY").strip() or "SY",
            source=(row.get("source") or "").strip(),
        )


def read_aliases(path: Path) -> dict[str, list[str]]:
    """Read an alias table (``place_id,alias,language,source``) into a mapping."""
    aliases: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            place_id, alias = (row.get("place_id") or "").strip(), (row.get("alias") or "").strip()
            if not place_id or not alias:
                raise GazetteerDataError(f"{path}, row {line}: place_id and alias are required, got {row!r}")
            aliases[place_id].append(alias)
    return dict(aliases)
