"""Checking input files before they are mapped: every problem, with file, row, column and value.

`validate` reads each file with the reader `geo map` would use, keeps every
problem the reader found (unreadable values, unknown columns, encodings it
had to guess), and adds the checks that need the whole dataset or the
world: duplicate ids, dates in the future, points outside Syria (a
warning), latitude and longitude swapped (an error), and for zone files,
invalid or self-intersecting polygons.

Exit status of ``geo validate``: 0 when no error was found (warnings
allowed), 1 when there are errors, 2 when an input cannot be read at all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import PreparedGeometry, prep
from shapely.validation import explain_validity

from gazetteer import Gazetteer
from gazetteer.boundaries import syria_outline
from geo.errors import InputError
from geo.factions import FACTIONS
from geo.io import MissingColumnsError, ReadResult, reader_for
from geo.io.geojson import parse_json
from geo.io.ogr import open_layers
from geo.io.records import Problem, location, problem
from geo.io.table import header_of
from geo.io.text import read_text
from geo.io.zones import zone_from_properties, zone_rows
from geo.models import Incident
from geo.zones import read_control_points

__all__ = ["FileReport", "ValidationReport", "position_problems", "summary_lines", "validate"]

Kind = Literal["incidents", "zones", "control points", "unknown"]
# How far outside the national outline a point may be before it is "outside Syria" (degrees, ~2 km):
# the outline is simplified, and border towns sit on it.
_BORDER_TOLERANCE = 0.02
_ZONE_TYPES = ("Polygon", "MultiPolygon")


@dataclass
class FileReport:
    """The problems of one input file."""

    path: str
    kind: Kind = "unknown"
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    unreadable: bool = False

    @property
    def errors(self) -> int:
        """How many errors."""
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        """How many warnings."""
        return sum(p.severity == "warning" for p in self.problems)


@dataclass
class ValidationReport:
    """The problems of every input, and the exit status they call for."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem, file by file, in row order."""
        return [p for f in self.files for p in f.problems]

    @property
    def exit_code(self) -> int:
        """2 if an input is unreadable, else 1 if there is an error, else 0."""
        if any(f.unreadable for f in self.files):
            return 2
        return 1 if any(f.errors for f in self.files) else 0


@lru_cache(maxsize=1)
def _syria() -> PreparedGeometry:
    return prep(syria_outline().buffer(_BORDER_TOLERANCE))


def _row_order(item: Problem) -> tuple[int, str, int]:
    if item.row is None or item.row == "":
        return (0, "", 0)
    if isinstance(item.row, int):
        return (1, "", item.row)
    match = re.match(r"^(.*?)(\d+)$", str(item.row))
    return (1, match.group(1), int(match.group(2))) if match else (1, str(item.row), 0)


def _kind(path: Path) -> Kind:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        header = header_of(path)
        if {"faction", "valid_from", "place_id"} <= set(header) and not {"event_id", "event_id_cnty"} & set(header):
            return "control points"
        return "incidents"
    if suffix in (".geojson", ".json"):
        data = parse_json(read_text(path).text, str(path))
        features = data.get("features") if isinstance(data, dict) else None
        if isinstance(features, list):
            for feature in features:
                geometry = feature.get("geometry") if isinstance(feature, dict) else None
                props = feature.get("properties") if isinstance(feature, dict) else None
                polygon = isinstance(geometry, dict) and geometry.get("type") in _ZONE_TYPES
                if polygon and isinstance(props, dict) and "faction" in props and "event_id" not in props:
                    return "zones"
        return "incidents"
    if suffix in (".gpkg", ".kml", ".kmz", ".shp", ".fgb"):
        layers = open_layers(path)
        return "zones" if layers == ["zones"] else "incidents"
    return "incidents"


def position_problems(result: ReadResult) -> list[Problem]:
    """Points outside Syria (warnings) and latitude/longitude that look swapped (errors), by file and row."""
    syria = _syria()
    found: list[Problem] = []
    for incident, (file, row) in zip(result.incidents, result.origins, strict=False):
        if not incident.is_placed:
            continue
        lon, lat = float(incident.longitude), float(incident.latitude)  # type: ignore[arg-type]
        if syria.covers(Point(lon, lat)):
            continue
        if -90 <= lon <= 90 and syria.covers(Point(lat, lon)):
            text = (
                f"latitude {lat!r} and longitude {lon!r} look swapped: (lon {lon}, lat {lat}) is outside "
                f"Syria, (lon {lat}, lat {lon}) is inside"
            )
            found.append(problem(file, row, "latitude", str(lat), text))
        else:
            text = f"point (lon {lon}, lat {lat}) is outside Syria"
            found.append(problem(file, row, "longitude", str(lon), text, severity="warning"))
    return found


def _check_incidents(
    result: ReadResult, report: FileReport, today: dt.date, seen: dict[str, tuple[str, int | str]]
) -> None:
    for incident, (file, row) in zip(result.incidents, result.origins, strict=False):
        _check_dates(incident, file, row, today, report)
        if incident.event_id in seen:
            first_file, first_row = seen[incident.event_id]
            text = f"duplicate event_id {incident.event_id!r} (first in {location(first_file, first_row)})"
            report.problems.append(problem(file, row, "event_id", incident.event_id, text))
        else:
            seen[incident.event_id] = (file, row)
    report.problems.extend(position_problems(result))


def _check_dates(incident: Incident, file: str, row: int | str, today: dt.date, report: FileReport) -> None:
    for column in ("event_date", "date_end", "source_date"):
        day = getattr(incident, column)
        if day is not None and day > today:
            text = f"{column} {day.isoformat()!r} is in the future (today is {today.isoformat()})"
            report.problems.append(problem(file, row, column, day.isoformat(), text))


def _validate_incidents(path: Path, report: FileReport, today: dt.date, seen: dict[str, tuple[str, int | str]]) -> None:
    file = str(path)
    try:
        result = reader_for(path).read(path)
    except MissingColumnsError as err:
        report.kind = "incidents"
        for column in err.missing:
            text = f"{file}: missing required column {column!r} (for {err.kind})"
            report.problems.append(Problem(file, 1, text, column, None))
        return
    report.rows = result.rows
    report.problems.extend(result.warnings)
    for rejection in result.rejected:
        report.problems.extend(rejection.problems or (Problem(file, rejection.row, rejection.message),))
    _check_incidents(result, report, today, seen)


def _zone_geometry(geometry: Any, where: str, file: str, row: str, report: FileReport) -> BaseGeometry | None:
    if geometry is None:
        report.problems.append(problem(file, row, "geometry", None, "no geometry"))
        return None
    try:
        geom = geometry if isinstance(geometry, BaseGeometry) else shape(geometry)
    except (AttributeError, KeyError, IndexError, TypeError, ValueError, shapely.errors.GEOSException) as err:
        report.problems.append(problem(file, row, "geometry", None, f"unreadable geometry ({err})"))
        return None
    if geom.geom_type not in _ZONE_TYPES:
        text = f"a zone must be a polygon, not a {geom.geom_type}"
        report.problems.append(problem(file, row, "geometry", geom.geom_type, text))
        return None
    if not geom.is_valid:
        reason = explain_validity(geom)
        report.problems.append(problem(file, row, "geometry", None, f"invalid polygon: {reason}"))
        return None
    return geom


def _validate_zones(path: Path, report: FileReport) -> None:
    file = str(path)
    if path.suffix.lower() in (".geojson", ".json"):
        data = parse_json(read_text(path).text, file)
        if isinstance(data, dict) and "crs" in data:
            text = f"{file}: has a 'crs' member; RFC 7946 GeoJSON has none (always WGS84 longitude, latitude)"
            report.problems.append(Problem(file, None, text, "crs", None, "warning"))
    rows = zone_rows(path)
    report.rows = len(rows)
    syria = syria_outline()
    for where, geometry, props in rows:
        row = where[len(file) + 2 :]
        geom = _zone_geometry(geometry, where, file, row, report)
        if geom is None:
            continue
        try:
            zone = zone_from_properties(geom, props, where)
        except InputError as err:
            report.problems.append(Problem(file, row, str(err)))
            continue
        if zone.faction not in FACTIONS:
            text = f"unknown faction {zone.faction!r} (known: {', '.join(FACTIONS)}); drawn in grey"
            report.problems.append(problem(file, row, "faction", zone.faction, text, severity="warning"))
        if not geom.intersects(syria):
            report.problems.append(problem(file, row, "geometry", None, "zone is outside Syria", severity="warning"))


def _validate_control_points(path: Path, report: FileReport, gazetteer: Gazetteer) -> None:
    file = str(path)
    try:
        points = read_control_points(path, gazetteer)
    except InputError as err:
        for line in str(err).splitlines():
            row_match = re.match(rf"^{re.escape(file)}, row (\d+)", line)
            report.problems.append(Problem(file, int(row_match.group(1)) if row_match else None, line))
        return
    report.rows = len(points)


def validate(
    paths: Sequence[Path], *, today: dt.date | None = None, gazetteer: Gazetteer | None = None
) -> ValidationReport:
    """Check every input; never raises for a bad input (an unreadable one is reported as such).

    Parameters
    ----------
    paths
        Incident files (any format `geo map` reads), zone files (GeoJSON,
        GeoPackage or KML of zones) or control-point CSVs.
    today
        Dates after this are "in the future" (default: today).
    gazetteer
        For control-point tables (default: the embedded gazetteer).

    Examples
    --------
    >>> from seeds import seed_path
    >>> report = validate([seed_path("incidents.csv")], today=dt.date(2026, 1, 1))
    >>> report.exit_code, report.files[0].rows, report.files[0].errors
    (0, 23, 0)
    """
    today = today or dt.date.today()
    report = ValidationReport()
    seen: dict[str, tuple[str, int | str]] = {}
    for given in paths:
        path = Path(given)
        file_report = FileReport(str(path))
        report.files.append(file_report)
        try:
            if not path.is_file():
                raise InputError(f"{path}: no such file")
            file_report.kind = _kind(path)
            if file_report.kind == "zones":
                _validate_zones(path, file_report)
            elif file_report.kind == "control points":
                _validate_control_points(path, file_report, gazetteer or Gazetteer.default())
            else:
                _validate_incidents(path, file_report, today, seen)
        except InputError as err:
            file_report.unreadable = True
            file_report.problems.append(Problem(str(path), None, str(err)))
        file_report.problems.sort(key=_row_order)
    return report


def summary_lines(report: ValidationReport) -> Iterable[str]:
    """The lines ``geo validate`` prints after the problems: one per file, then the total."""

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    for f in report.files:
        if f.unreadable:
            yield f"{f.path}: unreadable"
        else:
            counts = f"{plural(f.errors, 'error')}, {plural(f.warnings, 'warning')}"
            yield f"{f.path}: {plural(f.rows, 'row')} ({f.kind}), {counts}"
    rows = sum(f.rows for f in report.files)
    errors = sum(f.errors for f in report.files)
    warnings = sum(f.warnings for f in report.files)
    unreadable = sum(f.unreadable for f in report.files)
    tail = f", {unreadable} unreadable" if unreadable else ""
    yield (
        f"checked {plural(len(report.files), 'file')}, {plural(rows, 'row')}: "
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')}{tail}."
    )
