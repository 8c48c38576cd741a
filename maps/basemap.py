"""The offline basemap: Syria's outline, governorates and city labels from the gazetteer's data."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from shapely.geometry import mapping

from gazetteer import Gazetteer
from gazetteer.boundaries import governorate_features, syria_outline

__all__ = ["basemap_layers", "governorate_areas"]

_LABEL_MIN_POPULATION = 150_000


def _labels(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    cities = [
        p for p in gazetteer if p.kind == "city" and p.country == "SY" and (p.population or 0) >= _LABEL_MIN_POPULATION
    ]
    cities.sort(key=lambda p: (-(p.population or 0), p.place_id))
    return [
        {"lat": p.latitude, "lon": p.longitude, "en": p.name_en, "ar": p.name_ar, "rank": 1 if i < 6 else 2}
        for i, p in enumerate(cities)
    ]


@lru_cache(maxsize=1)
def basemap_layers() -> dict[str, Any]:
    """Outline, governorate boundaries and labels, ready to embed as GeoJSON."""
    return {
        "outline": {"type": "Feature", "properties": {}, "geometry": mapping(syria_outline())},
        "governorates": {"type": "FeatureCollection", "features": list(governorate_features())},
        "labels": _labels(Gazetteer.default()),
    }


def governorate_areas() -> dict[str, dict[str, Any]]:
    """Governorate geometries by P-code, for incidents located only to a governorate."""
    return {f["properties"]["place_id"]: f["geometry"] for f in governorate_features()}
