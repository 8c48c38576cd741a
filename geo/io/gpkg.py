"""GeoPackage through pyogrio (GDAL): layers ``incidents``, ``zones`` and ``unplaced``.

The file is written as GeoPackage 1.3 (read without complaint by GDAL 3.x,
QGIS 3 and ArcGIS), with the GDAL timestamp fixed so the same input gives
the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyogrio
import shapely
from pyogrio.raw import write

from geo.io.atomic import atomic_path
from geo.io.base import LayeredWriter, UnplacedRow
from geo.io.csv_format import format_cell
from geo.io.geojson import rfc7946_geometry
from geo.io.kml import ZONE_FIELDS
from geo.models import INCIDENT_COLUMNS, Incident, Zone

__all__ = ["UNPLACED_COLUMNS", "GpkgWriter"]

#: The columns of the ``unplaced`` layer: the contract's, as text, and the reason.
UNPLACED_COLUMNS = (*INCIDENT_COLUMNS, "reason")
_DATES = frozenset({"event_date", "date_end", "source_date", "valid_from", "valid_to"})
_INTEGERS = frozenset({"time_precision", "geo_precision", "fatalities", "injuries"})
_REALS = frozenset({"latitude", "longitude"})
_OPTIONS = {"VERSION": "1.3"}


@contextlib.contextmanager
def _fixed_timestamp(day: dt.date) -> Iterator[None]:
    """Make GDAL stamp the GeoPackage with *day*, not the clock (deterministic output)."""
    old = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": f"{day.isoformat()}T00:00:00.000Z"})
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": old})


def _columns(
    records: Sequence[dict[str, Any]], names: Sequence[str], *, typed: bool
) -> tuple[list[np.ndarray], list[Any]]:
    data: list[np.ndarray] = []
    masks: list[Any] = []
    for name in names:
        values = [r[name] for r in records]
        missing = np.array([v is None or v == "" for v in values], dtype=bool)
        if not typed:
            data.append(np.array(["" if v is None else str(v) for v in values], dtype=object))
            masks.append(None)
        elif name in _DATES:
            data.append(np.array([v or "NaT" for v in values], dtype="datetime64[D]"))
            masks.append(missing if missing.any() else None)
        elif name in _INTEGERS:
            data.append(np.array([0 if v is None else int(v) for v in values], dtype=np.int32))
            masks.append(missing if missing.any() else None)
        elif name in _REALS:
            data.append(np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64))
            masks.append(missing if missing.any() else None)
        else:
            data.append(np.array(["" if v is None else str(v) for v in values], dtype=object))
            masks.append(None)
    return data, masks


def _write_layer(
    path: Path,
    layer: str,
    records: Sequence[dict[str, Any]],
    names: Sequence[str],
    geometry: Sequence[Any] | None,
    geometry_type: str | None,
    *,
    append: bool,
) -> None:
    data, masks = _columns(records, names, typed=geometry is not None)
    wkb = None if geometry is None else np.array(shapely.to_wkb(list(geometry)) if len(geometry) else [], dtype=object)
    write(
        str(path),
        geometry=wkb,
        field_data=data,
        fields=list(names),
        field_mask=masks if any(m is not None for m in masks) else None,
        layer=layer,
        driver="GPKG",
        geometry_type=geometry_type,
        crs="EPSG:4326" if geometry_type else None,
        encoding="UTF-8",
        append=append,
        dataset_options=None if append else _OPTIONS,
    )


class GpkgWriter(LayeredWriter):
    """Writes a GeoPackage with three layers, always present (possibly empty).

    - ``incidents``: the placed incidents as points, contract columns with
      their types (dates as Date, precisions and counts as Integer);
    - ``zones``: zones of control as multipolygons (exterior rings
      counter-clockwise), zone contract columns;
    - ``unplaced``: a table without geometry of every incident that could
      not be placed and every row that could not be read, all contract
      columns as text (as they were read) and the ``reason``.
    """

    suffixes = (".gpkg",)

    def write_all(
        self,
        incidents: Sequence[Incident],
        path: Path,
        *,
        zones: Iterable[Zone] = (),
        unplaced: Iterable[UnplacedRow] = (),
    ) -> None:
        placed = [i for i in incidents if i.is_placed]
        zones = list(zones)
        rows = [{**{c: format_cell(u.record.get(c)) for c in INCIDENT_COLUMNS}, "reason": u.reason} for u in unplaced]
        rows += [
            {**{c: format_cell(v) for c, v in i.to_record().items()}, "reason": "no coordinates"}
            for i in incidents
            if not i.is_placed
        ]
        dates = [i.last_date for i in incidents] + [z.valid_from for z in zones]
        with atomic_path(path) as tmp, _fixed_timestamp(max(dates, default=dt.date(2000, 1, 1))):
            _write_layer(
                tmp,
                "incidents",
                [i.to_record() for i in placed],
                INCIDENT_COLUMNS,
                [shapely.Point(i.longitude, i.latitude) for i in placed],  # type: ignore[arg-type]
                "Point",
                append=False,
            )
            shapes = [shapely.geometry.shape(rfc7946_geometry(z.geometry)) for z in zones]
            multi = [s if s.geom_type == "MultiPolygon" else shapely.MultiPolygon([s]) for s in shapes]
            _write_layer(tmp, "zones", [z.properties() for z in zones], ZONE_FIELDS, multi, "MultiPolygon", append=True)
            _write_layer(tmp, "unplaced", rows, UNPLACED_COLUMNS, None, None, append=True)
