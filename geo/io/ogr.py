"""GIS files through pyogrio (GDAL): GeoPackage, Shapefile, KML, FlatGeobuf.

Every layer with the incident contract's required columns is read (in a
GeoPackage written by `geo export`, ``incidents`` and ``unplaced``); layers
of zones are left alone. A feature's geometry gives its coordinates.
Shapefile column names cut to 10 characters (``sub_event_``) are matched to
the contract's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyogrio.raw import read

from geo.errors import InputError
from geo.io.base import IncidentReader, ReadResult
from geo.io.records import REQUIRED_COLUMNS, Problem, problem, read_record
from geo.io.table import MissingColumnsError
from geo.models import INCIDENT_COLUMNS

__all__ = ["OgrReader", "cell_value", "contract_names", "open_layers"]

# Fields GDAL adds to KML and other layers: not unknown columns.
_BOOKKEEPING = frozenset(
    {
        "id",
        "name",
        "description",
        "timestamp",
        "begin",
        "end",
        "altitudemode",
        "tessellate",
        "extrude",
        "visibility",
        "draworder",
        "icon",
        "snippet",
        "reason",
        "fid",
        "ogc_fid",
    }
)


_CONTRACT = frozenset(INCIDENT_COLUMNS)


def contract_names(fields: Sequence[str]) -> dict[str, str]:
    """Map a layer's field names to contract names (case folded; Shapefile's 10-character cuts undone).

    Examples
    --------
    >>> contract_names(["EVENT_ID", "sub_event_", "time_preci", "colour"])["sub_event_"]
    'sub_event_type'
    """
    names: dict[str, str] = {}
    for field in fields:
        lower = field.strip().lower()
        if lower in INCIDENT_COLUMNS:
            names[field] = lower
        elif len(lower) == 10:
            matches = [c for c in INCIDENT_COLUMNS if c.startswith(lower)]
            names[field] = matches[0] if len(matches) == 1 else lower
        else:
            names[field] = lower
    return names


def open_layers(path: Path) -> list[str]:
    """The layer names of a GIS file, or `InputError` if GDAL cannot open it."""
    if not Path(path).is_file():
        raise InputError(f"{path}: no such file")
    try:
        return [str(name) for name, _ in pyogrio.list_layers(str(path))]
    except (DataSourceError, DataLayerError, OSError) as err:
        reason = str(err).strip().splitlines()[0].split("; It might help")[0].rstrip(".")
        raise InputError(f"{path}: cannot be opened as a GIS file ({reason})") from err


def cell_value(value: Any) -> Any:
    """A value GDAL returned as plain Python: dates as ISO text, NaN and NaT as None."""
    if value is None:
        return None
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(value.astype("datetime64[D]"))
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, np.floating | float):
        number = float(value)
        return None if math.isnan(number) else number
    if isinstance(value, np.integer):
        return int(value)
    return value


class OgrReader(IncidentReader):
    """Reads incidents from GeoPackage, Shapefile, KML or FlatGeobuf through GDAL."""

    suffixes = (".gpkg", ".shp", ".kml", ".kmz", ".fgb")

    def read(self, path: Path) -> ReadResult:
        file = str(path)
        layers = open_layers(path)
        result = ReadResult()
        readable: list[tuple[str, dict[str, str]]] = []
        first_missing: list[str] = []
        for layer in layers:
            try:
                fields = [str(f) for f in pyogrio.read_info(file, layer=layer)["fields"]]
            except (DataSourceError, DataLayerError) as err:
                raise InputError(f"{file}, layer {layer!r}: cannot be read ({err})") from err
            names = contract_names(fields)
            missing = [c for c in REQUIRED_COLUMNS if c not in names.values()]
            if not missing:
                readable.append((layer, names))
            elif not first_missing and "faction" not in names.values():
                first_missing = missing
        if not readable:
            if first_missing:
                raise MissingColumnsError(file, first_missing, "the incident contract")
            raise InputError(f"{file}: no layer of incidents (layers: {', '.join(layers) or 'none'})")
        for layer, names in readable:
            self._layer(file, layer, names, result)
        return result

    def _layer(self, file: str, layer: str, names: dict[str, str], result: ReadResult) -> None:
        try:
            _, fids, geometries, values = read(file, layer=layer, return_fids=True)
        except (DataSourceError, DataLayerError) as err:
            raise InputError(f"{file}, layer {layer!r}: cannot be read ({err})") from err
        fields = list(names)
        for field in fields:
            name = names[field]
            if name not in INCIDENT_COLUMNS and name not in _BOOKKEEPING:
                text = f"unknown field {field!r} (not part of the incident contract; ignored)"
                result.warnings.append(problem(file, f"layer {layer!r}", field, field, text, severity="warning"))
        for index, fid in enumerate(fids):
            label = f"layer {layer!r}, feature {int(fid)}"
            record = {
                names[f]: cell_value(values[n][index]) for n, f in enumerate(fields) if names[f] in INCIDENT_COLUMNS
            }
            extra: list[Problem] = []
            wkb = geometries[index] if geometries is not None else None
            if wkb is not None:
                try:
                    geometry = shapely.from_wkb(wkb)
                except shapely.errors.GEOSException as err:
                    extra.append(problem(file, label, "geometry", None, f"unreadable geometry ({err})"))
                else:
                    if not geometry.is_empty:
                        point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
                        record["longitude"], record["latitude"] = point.x, point.y
            result.take(read_record(record, file=file, row=label, problems=extra), file, label, record)
