"""Zones of control derived from control points, and their selection by date.

The method (documented in the README): each control point is a place held
by a faction over a date range. For each snapshot (a distinct
``valid_from``/``valid_to`` pair) the points without a radius are turned
into Voronoi cells, clipped to Syria's outline (and, when
``max_distance_km`` is given, to that distance from their point, so empty
desert is not claimed by the nearest town), and dissolved by faction and
kind. A point with ``radius_km`` contributes a geodesic circle instead
(al-Tanf's 55 km zone, activity areas); a circle of control or influence is
cut out of the other zones, an activity circle is laid on top.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import shapely
from pyproj import CRS, Transformer
from shapely.geometry import MultiPoint, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from gazetteer import Gazetteer, LonLat, PlaceNotFoundError
from geo.errors import InputError, ZoneError
from geo.factions import faction
from geo.io.records import parse_date
from geo.models import ZONE_KINDS, Zone

__all__ = ["ControlPoint", "derive_zones", "geodesic_circle", "read_control_points", "zones_as_of"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_CONTROL_COLUMNS = ("place_id", "faction", "kind", "valid_from", "valid_to", "radius_km", "source", "note")


@dataclass(frozen=True)
class ControlPoint:
    """A place held by (or seeing the activity of) a faction over a date range."""

    place_id: str
    position: LonLat
    faction: str
    kind: str
    valid_from: dt.date
    valid_to: dt.date | None
    radius_km: float | None
    source: str

    @property
    def snapshot(self) -> tuple[dt.date, dt.date | None]:
        """The date range this point belongs to."""
        return (self.valid_from, self.valid_to)


def _control_point(row: dict[str, str], gazetteer: Gazetteer, where: str) -> ControlPoint:
    def value(column: str) -> str:
        return (row.get(column) or "").strip()

    try:
        place = gazetteer.get(value("place_id"))
    except PlaceNotFoundError as err:
        raise InputError(f"{where}, column 'place_id': {err}") from err
    kind = value("kind") or "control"
    if kind not in ZONE_KINDS:
        raise InputError(f"{where}, column 'kind': {kind!r} is not one of {', '.join(ZONE_KINDS)}")
    if not value("faction"):
        raise InputError(f"{where}, column 'faction': required value is empty")
    try:
        valid_from = parse_date(value("valid_from"))
        valid_to = parse_date(value("valid_to")) if value("valid_to") else None
    except ValueError as err:
        raise InputError(
            f"{where}: bad date in valid_from {value('valid_from')!r} / valid_to {value('valid_to')!r}"
        ) from err
    try:
        radius = float(value("radius_km")) if value("radius_km") else None
    except ValueError as err:
        raise InputError(f"{where}, column 'radius_km': {value('radius_km')!r} is not a number") from err
    if radius is not None and radius <= 0:
        raise InputError(f"{where}, column 'radius_km': {radius!r} must be positive")
    return ControlPoint(
        place.place_id, place.lonlat, value("faction"), kind, valid_from, valid_to, radius, value("source")
    )


def read_control_points(path: Path, gazetteer: Gazetteer) -> list[ControlPoint]:
    """Read a control-point table; every bad row is reported in one `InputError`."""
    points: list[ControlPoint] = []
    problems: list[str] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in ("place_id", "faction", "valid_from") if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}: missing required column(s) {', '.join(map(repr, missing))}")
        for line, row in enumerate(reader, start=2):
            try:
                points.append(_control_point(row, gazetteer, f"{path}, row {line}"))
            except InputError as err:
                problems.append(str(err))
    if problems:
        raise InputError("\n".join(problems))
    return points


def geodesic_circle(centre: LonLat, radius_km: float) -> BaseGeometry:
    """A circle of *radius_km* around *centre*, drawn in an azimuthal equidistant projection."""
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={centre.lat} +lon_0={centre.lon} +units=m +datum=WGS84")
    to_wgs84 = Transformer.from_crs(local, "EPSG:4326", always_xy=True)
    return shapely.transform(Point(0, 0).buffer(radius_km * 1000, quad_segs=16), to_wgs84.transform, interleaved=False)


def _voronoi_cells(points: Sequence[ControlPoint], frame: BaseGeometry) -> list[BaseGeometry]:
    cells = shapely.voronoi_polygons(MultiPoint([p.position for p in points]), extend_to=frame, ordered=True)
    return list(cells.geoms)


def _dedupe(points: Sequence[ControlPoint]) -> list[ControlPoint]:
    seen: dict[LonLat, ControlPoint] = {}
    for point in points:
        first = seen.setdefault(point.position, point)
        if first is not point:
            logger.warning(
                "control points %s and %s share a position; keeping %s", first.place_id, point.place_id, first.place_id
            )
    return list(seen.values())


def _snapshot_zones(points: Sequence[ControlPoint], outline: BaseGeometry, max_distance_km: float | None) -> list[Zone]:
    territorial = _dedupe([p for p in points if p.radius_km is None])
    circles = [p for p in points if p.radius_km is not None]
    pieces: dict[tuple[str, str], list[BaseGeometry]] = defaultdict(list)
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    if len(territorial) >= 2:
        for point, cell in zip(territorial, _voronoi_cells(territorial, outline.envelope.buffer(1)), strict=True):
            if max_distance_km:
                cell = cell.intersection(geodesic_circle(point.position, max_distance_km))
            pieces[(point.faction, point.kind)].append(cell)
            sources[(point.faction, point.kind)].add(point.source)
    overlays: dict[tuple[str, str], list[BaseGeometry]] = defaultdict(list)
    for point in circles:
        overlays[(point.faction, point.kind)].append(geodesic_circle(point.position, point.radius_km or 0))
        sources[(point.faction, point.kind)].add(point.source)
    cut_out = unary_union([g for (_, kind), gs in overlays.items() if kind != "activity" for g in gs])
    geometries: dict[tuple[str, str], BaseGeometry] = {}
    for key, parts in pieces.items():
        geometries[key] = unary_union(parts).difference(cut_out)
    for key, parts in overlays.items():
        geometries[key] = unary_union([geometries.get(key, Point()), *parts])
    first = points[0]
    zones = []
    for (faction_id, kind), geometry in sorted(geometries.items()):
        clipped = shapely.make_valid(geometry.intersection(outline))
        if clipped.is_empty:
            continue
        label = faction(faction_id)
        cited = "; ".join(sorted(s for s in sources[(faction_id, kind)] if s))
        zones.append(
            Zone(
                clipped,
                faction_id,
                label.label_en,
                label.label_ar,
                first.valid_from,
                first.valid_to,
                kind,
                "derived",
                cited,
            )
        )
    return zones


def derive_zones(
    points: Iterable[ControlPoint],
    outline: BaseGeometry,
    *,
    max_distance_km: float | None = None,
) -> list[Zone]:
    """Zones for every snapshot in *points*, ordered by snapshot, faction and kind."""
    by_snapshot: dict[tuple[dt.date, dt.date | None], list[ControlPoint]] = defaultdict(list)
    for point in points:
        by_snapshot[point.snapshot].append(point)
    if not by_snapshot:
        raise ZoneError("no control points to derive zones from")
    zones: list[Zone] = []
    for snapshot in sorted(by_snapshot, key=lambda s: (s[0], s[1] or dt.date.max)):
        zones.extend(_snapshot_zones(by_snapshot[snapshot], outline, max_distance_km))
    return zones


def zones_as_of(zones: Iterable[Zone], day: dt.date) -> list[Zone]:
    """The zones in force on *day* (possibly none: the map then says so)."""
    return [z for z in zones if z.is_valid_on(day)]
