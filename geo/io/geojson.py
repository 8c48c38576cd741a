"""GeoJSON (RFC 7946) for incidents and zones."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

from geo.errors import InputError
from geo.io.atomic import atomic_write
from geo.io.base import IncidentReader, IncidentWriter, ReadResult, ZoneWriter
from geo.io.records import Rejection, incident_from_record
from geo.models import Incident, Zone

__all__ = ["GeoJsonReader", "GeoJsonWriter", "feature_collection", "rfc7946_geometry"]

_DECIMALS = 6


def rfc7946_geometry(geometry: Any) -> dict[str, Any]:
    """A shapely geometry as RFC 7946 GeoJSON: 6 decimals, exterior rings counter-clockwise."""
    if geometry.geom_type == "Polygon":
        geometry = orient(geometry, 1.0)
    elif geometry.geom_type == "MultiPolygon":
        geometry = type(geometry)([orient(p, 1.0) for p in geometry.geoms])
    return dict(mapping(shapely.transform(geometry, lambda coords: np.round(coords, _DECIMALS))))


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Wrap features in a FeatureCollection (no ``crs`` member: RFC 7946 is WGS84)."""
    return {"type": "FeatureCollection", "features": list(features)}


def _dump(collection: dict[str, Any], path: Path) -> None:
    with atomic_write(path) as handle:
        json.dump(collection, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def _incident_feature(incident: Incident) -> dict[str, Any]:
    feature = incident.__geo_interface__
    if feature["geometry"] is not None:
        lon, lat = feature["geometry"]["coordinates"]
        feature["geometry"] = {"type": "Point", "coordinates": [round(lon, _DECIMALS), round(lat, _DECIMALS)]}
    return feature


class GeoJsonWriter(IncidentWriter, ZoneWriter):
    """Writes incidents (points) or zones (polygons) as an RFC 7946 FeatureCollection."""

    suffixes = (".geojson", ".json")

    def write(self, incidents: Sequence[Incident], path: Path) -> None:
        _dump(feature_collection(_incident_feature(i) for i in incidents), path)

    def write_zones(self, zones: Iterable[Zone], path: Path) -> None:
        features = [
            {
                "type": "Feature",
                "id": f"zone-{n}",
                "geometry": rfc7946_geometry(z.geometry),
                "properties": z.properties(),
            }
            for n, z in enumerate(zones, start=1)
        ]
        _dump(feature_collection(features), path)


class GeoJsonReader(IncidentReader):
    """Reads incidents from a GeoJSON FeatureCollection of points."""

    suffixes = (".geojson",)

    def read(self, path: Path) -> ReadResult:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise InputError(f"{path}: not valid GeoJSON ({err})") from err
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            raise InputError(f"{path}: expected a GeoJSON FeatureCollection, got {str(data)[:60]!r}")
        result = ReadResult()
        for number, feature in enumerate(data.get("features") or [], start=1):
            try:
                record = dict(feature.get("properties") or {})
                if feature.get("geometry"):
                    point = shape(feature["geometry"]).representative_point()
                    record["longitude"], record["latitude"] = point.x, point.y
                result.incidents.append(incident_from_record(record, file=str(path), row=f"feature {number}"))
            except InputError as err:
                result.rejected.append(Rejection(str(path), f"feature {number}", str(err)))
            except (AttributeError, ValueError, TypeError) as err:
                message = f"{path}, feature {number}: unreadable feature ({err})"
                result.rejected.append(Rejection(str(path), f"feature {number}", message))
        return result
