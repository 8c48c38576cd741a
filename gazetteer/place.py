"""The Place model: one named location in the gazetteer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

__all__ = ["ADMIN_KINDS", "POPULATED_KINDS", "LonLat", "Place", "describe_uncertainty"]

#: Kinds that are administrative units (OCHA levels 1–3).
ADMIN_KINDS = frozenset({"governorate", "district", "subdistrict"})
#: Kinds that are settlements or parts of them.
POPULATED_KINDS = frozenset({"city", "town", "village", "neighbourhood"})


def describe_uncertainty(metres: int | None) -> str:
    """How an estimated point is labelled for people: ``"approximate ±1.5 km"``, or ``""`` for a published one.

    Examples
    --------
    >>> describe_uncertainty(1500), describe_uncertainty(400), describe_uncertainty(None)
    ('approximate ±1.5 km', 'approximate ±400 m', '')
    """
    if not metres:
        return ""
    return f"approximate ±{metres / 1000:g} km" if metres >= 1000 else f"approximate ±{metres} m"


class LonLat(NamedTuple):
    """A WGS84 position in GeoJSON order: longitude first."""

    lon: float
    lat: float


@dataclass(frozen=True, slots=True)
class Place:
    """A place in the gazetteer.

    ``uncertainty_m`` is None when the point is the one published by
    ``source``. When no published point was found and the place was put on
    the map by hand, it is the radius, in metres, within which the place is
    believed to be (``APPROXIMATE (±N km)`` in the table's note).

    Examples
    --------
    >>> p = Place("SY12", "Daraa", "درعا", "governorate", 32.6, 36.1)
    >>> p.lonlat
    LonLat(lon=36.1, lat=32.6)
    >>> Place("t1", "T1", "", "station", 34.3, 41.75, uncertainty_m=40_000).is_approximate
    True
    """

    place_id: str
    name_en: str
    name_ar: str
    kind: str
    latitude: float
    longitude: float
    names: tuple[str, ...] = field(default=())
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    parent_id: str = ""
    population: int | None = None
    country: str = "SY"
    source: str = ""
    uncertainty_m: int | None = None

    @property
    def lonlat(self) -> LonLat:
        """The position as ``(lon, lat)``."""
        return LonLat(self.longitude, self.latitude)

    @property
    def all_names(self) -> tuple[str, ...]:
        """English name, Arabic name and every alias, without duplicates."""
        seen: dict[str, None] = {}
        for name in (self.name_en, self.name_ar, *self.names):
            if name:
                seen.setdefault(name, None)
        return tuple(seen)

    @property
    def is_approximate(self) -> bool:
        """True when the point was estimated by hand rather than taken from a published source."""
        return bool(self.uncertainty_m)

    @property
    def is_admin_unit(self) -> bool:
        """True for governorates, districts and subdistricts."""
        return self.kind in ADMIN_KINDS

    def summary(self) -> dict[str, Any]:
        """The fields that name and locate the place in JSON answers (`geo resolve`, `geo extract --json`).

        Examples
        --------
        >>> Place("x", "Hajin", "هجين", "town", 34.69, 40.83).summary()["name_ar"]
        'هجين'
        """
        return {
            "place_id": self.place_id,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "kind": self.kind,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "uncertainty_m": self.uncertainty_m,
        }
