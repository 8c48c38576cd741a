"""GeoJSON (RFC 7946) for incidents and zones."""

from __future__ import annotations

import json
import math
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
from geo.io.records import Problem, problem, read_record, shown
from geo.io.text import DecodedText, read_text
from geo.models import INCIDENT_COLUMNS, Incident, Zone

__all__ = [
    "GeoJsonReader",
    "GeoJsonWriter",
    "check_geometry",
    "feature_collection",
    "parse_json",
    "read_features",
    "read_geojson",
    "rfc7946_geometry",
]

INCIDENT_KEYS = frozenset(INCIDENT_COLUMNS)
_GEOMETRY_ERRORS = (AttributeError, KeyError, IndexError, TypeError, ValueError, shapely.errors.GEOSException)

_DECIMALS = 6


def rfc7946_geometry(geometry: Any) -> dict[str, Any]:
    """A shapely geometry as RFC 7946 GeoJSON: 6 decimals, exterior rings counter-clockwise.

    Coordinates are snapped to the 6-decimal grid with ``shapely.set_precision``,
    which keeps polygons valid (plain rounding can make a ring cross itself).
    """
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        geometry = shapely.set_precision(geometry, 10.0**-_DECIMALS)
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


def parse_json(text: str, file: str) -> Any:
    """Parse JSON text, or raise `InputError` saying where it breaks (and when it looks truncated).

    Examples
    --------
    >>> parse_json('{"features": [', "x")
    Traceback (most recent call last):
    geo.errors.InputError: x: not valid JSON (Expecting value: line 1, column 15; the file ends early: truncated?)
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        end = text.rstrip()
        early = err.pos >= len(end) or (end[:1] in "{[" and not end.endswith(("}", "]")))
        ending = "; the file ends early: truncated?" if early else ""
        where = f"line {err.lineno}, column {err.colno}"
        raise InputError(f"{file}: not valid JSON ({err.msg}: {where}{ending})") from err
    except RecursionError as err:
        raise InputError(f"{file}: not readable JSON (nested too deeply)") from err


_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def _check_positions(coords: Any, depth: int) -> None:
    """Raise `ValueError` unless *coords* nests positions of 2 or 3 numbers *depth* levels deep."""
    if depth == 0:
        if not isinstance(coords, list) or not 2 <= len(coords) <= 3:
            raise ValueError(f"a position is 2 or 3 numbers, not {shown(coords)[:60]}")
        if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coords):
            raise ValueError(f"position {shown(coords)[:60]} holds something other than numbers")
        if not all(math.isfinite(c) for c in coords):
            raise ValueError(f"position {coords} is not finite numbers")
        return
    if not isinstance(coords, list):
        raise ValueError(f"expected an array of coordinates, got {shown(coords)[:60]}")
    for item in coords:
        _check_positions(item, depth - 1)


def check_geometry(geometry: Any) -> None:
    """Raise `ValueError` when *geometry* is not a well-formed GeoJSON geometry object (RFC 7946, 3.1).

    Examples
    --------
    >>> check_geometry({"type": "Point", "coordinates": [40.1]})
    Traceback (most recent call last):
    ValueError: a position is 2 or 3 numbers, not [40.1]
    """
    if not isinstance(geometry, dict):
        raise ValueError(f"a geometry is an object, not {shown(geometry)[:60]}")
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list):
            raise ValueError("a GeometryCollection needs a 'geometries' array")
        for member in members:
            check_geometry(member)
        return
    if kind not in _DEPTH:
        raise ValueError(f"unknown geometry type {shown(kind)}")
    _check_positions(geometry.get("coordinates"), _DEPTH[kind])


def _point_of(geometry: Any) -> tuple[float, float] | None:
    """(lon, lat) of a GeoJSON geometry: the point itself, or a point inside a line or polygon."""
    check_geometry(geometry)
    geom = shape(geometry)
    if geom.is_empty:
        return None
    point = geom if geom.geom_type == "Point" else geom.representative_point()
    coords = np.asarray(shapely.get_coordinates(geom), dtype=float)
    if not np.isfinite(coords).all():
        raise ValueError("its coordinates are not all finite numbers")
    return float(point.x), float(point.y)


def read_features(data: dict[str, Any], file: str, *, known: frozenset[str] = frozenset()) -> ReadResult:
    """Incidents from a parsed GeoJSON FeatureCollection (*data*); bad features are rejected one by one."""
    result = ReadResult()
    if "crs" in data:
        crs = shown(json.dumps(data["crs"], ensure_ascii=False))
        text = f"{file}: has a 'crs' member ({crs}); RFC 7946 GeoJSON has none (always WGS84 longitude, latitude)"
        result.warnings.append(Problem(file, None, text, "crs", None, "warning"))
    features = data.get("features")
    if not isinstance(features, list):
        raise InputError(f"{file}: a FeatureCollection needs a 'features' array, got {shown(features)}")
    unknown: set[str] = set()
    for number, feature in enumerate(features, start=1):
        label = f"feature {number}"
        extra: list[Problem] = []
        record: dict[str, Any] = {}
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            extra.append(problem(file, label, "", None, f"is not a GeoJSON Feature ({shown(feature)[:80]})"))
        else:
            properties = feature.get("properties") or {}
            if not isinstance(properties, dict):
                extra.append(problem(file, label, "properties", None, "'properties' is not an object"))
                properties = {}
            record = {str(k).strip().lower(): v for k, v in properties.items()}
            for key in sorted(set(record) - INCIDENT_KEYS - known - unknown):
                unknown.add(key)
                message = f"unknown property {key!r} (not part of the incident contract; ignored)"
                result.warnings.append(problem(file, label, key, key, message, severity="warning"))
            if feature.get("geometry") is not None:
                try:
                    position = _point_of(feature["geometry"])
                except _GEOMETRY_ERRORS as err:
                    extra.append(problem(file, label, "geometry", None, f"unreadable geometry ({err})"))
                else:
                    if position is not None:
                        record["longitude"], record["latitude"] = position
        result.take(read_record(record, file=file, row=label, problems=extra), file, label, record)
    if not features:
        result.warnings.append(Problem(file, None, f"{file}: no features", severity="warning"))
    return result


def read_geojson(decoded: DecodedText, file: str) -> ReadResult:
    """Incidents from decoded GeoJSON text (a FeatureCollection)."""
    data = parse_json(decoded.text, file)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        kind = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise InputError(f"{file}: expected a GeoJSON FeatureCollection, got {shown(kind)}")
    result = read_features(data, file)
    if decoded.warning:
        result.warnings.insert(0, Problem(file, None, decoded.warning, severity="warning"))
    return result


class GeoJsonReader(IncidentReader):
    """Reads incidents from a GeoJSON FeatureCollection (points; a polygon gives a point inside it).

    A feature's geometry gives its coordinates; its properties are read as
    the incident contract. A ``crs`` member is reported (RFC 7946 has none).
    """

    suffixes = (".geojson",)

    def read(self, path: Path) -> ReadResult:
        return read_geojson(read_text(path), str(path))
