"""Accepting features from any object with ``__geo_interface__`` (records, GeoDataFrames)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from maps.errors import MapInputError

__all__ = ["SupportsGeoInterface", "iter_features"]


class SupportsGeoInterface(Protocol):
    """Anything exposing a GeoJSON-like mapping (shapely, geopandas, geo.Incident, geo.Zone)."""

    @property
    def __geo_interface__(self) -> dict[str, Any]: ...


def iter_features(
    source: SupportsGeoInterface | Iterable[SupportsGeoInterface | dict[str, Any]],
) -> Iterator[dict[str, Any]]:
    """Yield GeoJSON Feature mappings from a FeatureCollection-like object or an iterable of features."""
    interface = getattr(source, "__geo_interface__", None)
    if interface is not None:
        if interface.get("type") == "FeatureCollection":
            yield from interface["features"]
            return
        if interface.get("type") == "Feature":
            yield interface
            return
        raise MapInputError(f"expected features, got a bare {interface.get('type')!r} geometry")
    items: Iterable[SupportsGeoInterface | dict[str, Any]] = source  # type: ignore[assignment]
    for number, item in enumerate(items, start=1):
        feature = item if isinstance(item, dict) else getattr(item, "__geo_interface__", None)
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise MapInputError(f"item {number} ({type(item).__name__}) is not a GeoJSON Feature")
        yield feature
