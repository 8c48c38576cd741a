"""Reading zones of control: a GeoJSON of zones, or a control-point table to derive them from."""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import shape

from gazetteer import Gazetteer
from gazetteer.boundaries import syria_outline
from geo.errors import InputError
from geo.factions import faction
from geo.io.records import parse_date
from geo.models import Zone
from geo.zones import derive_zones, read_control_points

__all__ = ["read_zones"]


def _zone(feature: dict, where: str) -> Zone:  # type: ignore[type-arg]
    props = feature.get("properties") or {}
    try:
        geometry = shapely.make_valid(shape(feature["geometry"]))
        faction_id = str(props["faction"])
        label = faction(faction_id)
        return Zone(
            geometry=geometry,
            faction=faction_id,
            label_en=props.get("label_en") or label.label_en,
            label_ar=props.get("label_ar") or label.label_ar,
            valid_from=parse_date(str(props["valid_from"])),
            valid_to=parse_date(str(props["valid_to"])) if props.get("valid_to") else None,
            kind=props.get("kind") or "control",
            method=props.get("method") or "drawn",
            source=props.get("source") or "",
        )
    except KeyError as err:
        raise InputError(f"{where}: missing property {err.args[0]!r}") from err
    except (TypeError, ValueError, AttributeError) as err:
        raise InputError(f"{where}: {err}") from err


def read_zones(path: Path, gazetteer: Gazetteer) -> list[Zone]:
    """Zones from a GeoJSON file, or derived from a control-point CSV."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        return derive_zones(read_control_points(path, gazetteer), syria_outline())
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: not valid GeoJSON ({err})") from err
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError(f"{path}: expected a GeoJSON FeatureCollection of zones")
    return [_zone(f, f"{path}, feature {n}") for n, f in enumerate(features, start=1)]
