"""Governorate polygons and the national outline (simplified OCHA COD-AB, see data/README.md)."""

from __future__ import annotations

import json
from functools import lru_cache

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from gazetteer.place import LonLat
from gazetteer.sources.embedded import data_path

__all__ = ["admin1_at", "governorate_features", "governorate_polygons", "syria_outline"]


@lru_cache(maxsize=1)
def governorate_features() -> tuple[dict, ...]:  # type: ignore[type-arg]
    """The governorates as GeoJSON features (properties: place_id, name_en, name_ar)."""
    data = json.loads(data_path("governorates.geojson").read_text(encoding="utf-8"))
    return tuple(data["features"])


@lru_cache(maxsize=1)
def governorate_polygons() -> dict[str, BaseGeometry]:
    """Governorate geometry by P-code (``SY01`` … ``SY14``)."""
    return {f["properties"]["place_id"]: shape(f["geometry"]) for f in governorate_features()}


@lru_cache(maxsize=1)
def syria_outline() -> BaseGeometry:
    """Syria's national outline (the union of the governorates)."""
    data = json.loads(data_path("syria_outline.geojson").read_text(encoding="utf-8"))
    features = data["features"] if data.get("type") == "FeatureCollection" else [data]
    return shape(features[0]["geometry"])


@lru_cache(maxsize=1)
def _prepared() -> tuple[tuple[str, object], ...]:
    return tuple((pcode, prep(geometry)) for pcode, geometry in sorted(governorate_polygons().items()))


def admin1_at(position: LonLat) -> str | None:
    """The P-code of the governorate containing *position*, or None outside Syria.

    Examples
    --------
    >>> admin1_at(LonLat(36.29, 33.51))
    'SY01'
    """
    point = Point(position.lon, position.lat)
    return next((pcode for pcode, geometry in _prepared() if geometry.covers(point)), None)  # type: ignore[attr-defined]
