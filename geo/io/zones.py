"""Reading zones of control: GeoJSON, GeoPackage or KML of zones, or a control-point table to derive them from."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import shapely
from pyogrio.errors import DataLayerError, DataSourceError
from pyogrio.raw import read
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from gazetteer import Gazetteer
from gazetteer.boundaries import syria_outline
from geo.errors import InputError
from geo.factions import faction
from geo.io.geojson import parse_json
from geo.io.ogr import cell_value, open_layers
from geo.io.records import parse_date, shown
from geo.io.text import read_text
from geo.models import Zone
from geo.zones import derive_zones, read_control_points

__all__ = ["read_zones", "zone_from_properties", "zone_rows"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

_GIS_SUFFIXES = (".gpkg", ".kml", ".kmz", ".shp", ".fgb")


def zone_from_properties(geometry: BaseGeometry, props: dict[str, Any], where: str) -> Zone:
    """A `Zone` from a geometry and its properties; `InputError` naming *where* and the value if unusable.

    An invalid polygon (a self-intersecting ring, say) is repaired with
    ``shapely.make_valid`` and a warning is logged; `geo validate` reports it.
    """
    try:
        if not geometry.is_valid:
            logger.warning("%s: invalid polygon (%s); repaired", where, explain_validity(geometry))
            geometry = shapely.make_valid(geometry)
        faction_id = str(props["faction"]).strip()
        if not faction_id or faction_id == "None":
            raise InputError(f"{where}: property 'faction' is empty")
        label = faction(faction_id)
        valid_from = str(props["valid_from"] or "")
        valid_to = str(props.get("valid_to") or "")
        return Zone(
            geometry=geometry,
            faction=faction_id,
            label_en=props.get("label_en") or label.label_en,
            label_ar=props.get("label_ar") or label.label_ar,
            valid_from=parse_date(valid_from),
            valid_to=parse_date(valid_to) if valid_to else None,
            kind=props.get("kind") or "control",
            method=props.get("method") or "drawn",
            source=props.get("source") or "",
        )
    except KeyError as err:
        raise InputError(f"{where}: missing property {err.args[0]!r}") from err
    except InputError as err:
        message = str(err)
        raise InputError(message if message.startswith(where) else f"{where}: {message}") from err
    except (TypeError, ValueError, AttributeError) as err:
        raise InputError(f"{where}: {err}") from err


def zone_rows(path: Path) -> list[tuple[str, Any, dict[str, Any]]]:
    """The features of a zone file as (where, GeoJSON-like geometry or shapely geometry, properties).

    Raises `InputError` when the file cannot be read at all.
    """
    path = Path(path)
    file = str(path)
    if path.suffix.lower() in _GIS_SUFFIXES:
        layers = open_layers(path)
        layer = "zones" if "zones" in layers else layers[0] if layers else None
        if layer is None:
            raise InputError(f"{file}: no layers")
        try:
            meta, fids, geometries, values = read(file, layer=layer, return_fids=True)
        except (DataSourceError, DataLayerError) as err:
            raise InputError(f"{file}, layer {layer!r}: cannot be read ({err})") from err
        fields = [str(f).lower() for f in meta["fields"]]
        rows = []
        for index, fid in enumerate(fids):
            props = {f: cell_value(values[n][index]) for n, f in enumerate(fields)}
            wkb = geometries[index] if geometries is not None else None
            rows.append((f"{file}, layer {layer!r}, feature {int(fid)}", shapely.from_wkb(wkb) if wkb else None, props))
        return rows
    data = parse_json(read_text(path).text, file)
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{file}: expected a GeoJSON FeatureCollection of zones, got {shown(data)[:60]}")
    rows = []
    for number, feature in enumerate(features, start=1):
        feature = feature if isinstance(feature, dict) else {}
        given = feature.get("properties")
        rows.append((f"{file}, feature {number}", feature.get("geometry"), given if isinstance(given, dict) else {}))
    return rows


def read_zones(path: Path, gazetteer: Gazetteer) -> list[Zone]:
    """Zones from a GeoJSON, GeoPackage (layer ``zones``) or KML file, or derived from a control-point CSV."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        return derive_zones(read_control_points(path, gazetteer), syria_outline())
    zones = []
    for where, geometry, props in zone_rows(path):
        if geometry is None:
            raise InputError(f"{where}: no geometry")
        try:
            geom = geometry if isinstance(geometry, BaseGeometry) else shape(geometry)
        except (AttributeError, KeyError, IndexError, TypeError, ValueError, shapely.errors.GEOSException) as err:
            raise InputError(f"{where}: unreadable geometry ({err})") from err
        zones.append(zone_from_properties(geom, props, where))
    return zones
