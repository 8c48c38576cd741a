"""The offline basemap: Syria's outline, governorates, main rivers and city labels.

Everything comes from data shipped with the project (the gazetteer's
boundaries and places, ``maps/data/rivers.geojson``), so a map shows Syria
with no tile server.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Any

from shapely.geometry import mapping

from gazetteer import Gazetteer
from gazetteer.boundaries import governorate_features, syria_outline

__all__ = ["basemap_layers", "city_labels", "governorate_areas", "rivers"]

_LABEL_MIN_POPULATION = 150_000
_RIVER_LABEL_CLEARANCE = 0.35  # degrees


@lru_cache(maxsize=1)
def city_labels() -> tuple[dict[str, Any], ...]:
    """The cities labelled on the basemap: ``lat``, ``lon``, ``en``, ``ar``, ``rank`` (1 the six largest).

    Examples
    --------
    >>> labels = city_labels()
    >>> labels[0]["rank"], "ar" in labels[0]
    (1, True)
    """
    gazetteer = Gazetteer.default()
    cities = [
        p for p in gazetteer if p.kind == "city" and p.country == "SY" and (p.population or 0) >= _LABEL_MIN_POPULATION
    ]
    cities.sort(key=lambda p: (-(p.population or 0), p.place_id))
    return tuple(
        {"lat": p.latitude, "lon": p.longitude, "en": p.name_en, "ar": p.name_ar, "rank": 1 if i < 6 else 2}
        for i, p in enumerate(cities)
    )


@lru_cache(maxsize=1)
def rivers() -> dict[str, Any]:
    """The main rivers as a GeoJSON FeatureCollection (see ``maps/data/README.md`` for the source).

    Examples
    --------
    >>> [f["properties"]["name_en"] for f in rivers()["features"]][:2]
    ['Euphrates', 'Tigris']
    """
    text = (resources.files("maps") / "data" / "rivers.geojson").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    cities = city_labels()
    for feature in data["features"]:
        p = feature["properties"]
        crowded = any(
            math.hypot(c["lon"] - p["label_lon"], c["lat"] - p["label_lat"]) < _RIVER_LABEL_CLEARANCE for c in cities
        )
        # Labelled: the main rivers, unless the label would sit on a city's.
        p["label"] = p["rank"] <= 2 and not crowded
    return data


@lru_cache(maxsize=1)
def basemap_layers() -> dict[str, Any]:
    """Outline, governorate boundaries, rivers and labels, ready to embed as GeoJSON."""
    return {
        "outline": {"type": "Feature", "properties": {}, "geometry": mapping(syria_outline())},
        "governorates": {"type": "FeatureCollection", "features": list(governorate_features())},
        "rivers": rivers(),
        "labels": list(city_labels()),
    }


def governorate_areas() -> dict[str, dict[str, Any]]:
    """Governorate geometries by P-code, for incidents located only to a governorate."""
    return {f["properties"]["place_id"]: f["geometry"] for f in governorate_features()}
