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

__all__ = ["ZONE_FIELDS", "map_zone_fields", "parse_zone_fields", "read_zones", "zone_from_properties", "zone_rows"]

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


#: The zone properties a field mapping can fill.
ZONE_FIELDS = ("faction", "label_en", "label_ar", "valid_from", "valid_to", "kind", "method", "source")


def parse_zone_fields(text: str) -> dict[str, str]:
    """Parse a field mapping such as ``faction=FACTION,valid_from=DATE_FROM`` (zone property = file column).

    A value that names no column of the file is taken as the value itself
    (``kind=influence``, ``valid_from=2025-06-01``); see `map_zone_fields`.

    Examples
    --------
    >>> parse_zone_fields("faction=FACTION, valid_from=DATE_FROM,kind=influence")
    {'faction': 'FACTION', 'valid_from': 'DATE_FROM', 'kind': 'influence'}
    """
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, sep, column = (x.strip() for x in part.partition("="))
        if not sep or not column:
            raise InputError(f"--zone-fields: {part!r} is not NAME=COLUMN")
        if name not in ZONE_FIELDS:
            raise InputError(f"--zone-fields: {name!r} is not one of {', '.join(ZONE_FIELDS)}")
        mapping[name] = column
    return mapping


def _faction_id(value: Any) -> Any:
    """A known faction's id for a name as GIS files write it (id, English or Arabic label, or abbreviation)."""
    from geo.factions import FACTIONS

    text = str(value or "").strip()
    key = text.casefold()
    for faction_id, f in FACTIONS.items():
        abbreviation = f.label_en.rsplit("(", 1)[1].rstrip(")") if f.label_en.endswith(")") else ""
        names = {faction_id, f.label_en, f.label_ar, abbreviation, faction_id.replace("-", " ")}
        if key in {n.casefold() for n in names if n}:
            return faction_id
    return value


def map_zone_fields(props: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
    """A feature's properties with the contract's names filled from the mapped columns.

    Columns are matched case-insensitively (GDAL and Shapefiles change case);
    a mapped value that names no column is used as a literal value. Faction
    names are matched to known faction ids (``SDF``, ``Syrian Democratic
    Forces (SDF)`` and ``قوات سوريا الديمقراطية (قسد)`` all give ``sdf``).

    Examples
    --------
    >>> map_zone_fields({"FACTION": "SDF", "FROM": "2025-06-01"}, {"faction": "faction", "valid_from": "FROM",
    ...                                                            "kind": "influence"})["faction"]
    'sdf'
    """
    folded = {str(k).casefold(): v for k, v in props.items()}
    out = dict(props)
    for name, column in fields.items():
        out[name] = folded.get(column.casefold(), column)
    if "faction" in out:
        out["faction"] = _faction_id(out["faction"])
    return out


def read_zones(path: Path, gazetteer: Gazetteer, *, fields: dict[str, str] | None = None) -> list[Zone]:
    """Zones from a GeoJSON, GeoPackage (layer ``zones``), Shapefile or KML file, or derived from a control-point CSV.

    *fields* maps zone properties to the file's columns (see `parse_zone_fields`
    and `map_zone_fields`), for files whose columns are named otherwise;
    faction names are matched to known faction ids either way. Invalid
    polygons are repaired with ``shapely.make_valid``.
    """
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
        props = map_zone_fields(props, fields or {})
        try:
            zones.append(zone_from_properties(geom, props, where))
        except InputError as err:
            if fields is None and "missing property" in str(err):
                columns = ", ".join(map(str, props)) or "none"
                raise InputError(f"{err} (the file's columns: {columns}; map them with --zone-fields)") from err
            raise
    return zones
