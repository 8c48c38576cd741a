"""Single-file HTML maps: Leaflet, inlined, with zones, incidents, a time control, legend and popups.

The page embeds Leaflet from the ``django-js-lib-leaflet`` wheel, our own
layer code (``assets/incident_map.js``) and an offline vector basemap, so it
works with no network. With ``tiles`` a tile layer from xyzservices is added
under the data, with its attribution.

All data reaches the page as one JSON document inside
``<script type="application/json">`` (with ``<``, ``>`` and ``&`` escaped)
and is put into the DOM with ``textContent``: no input string is ever parsed
as HTML. Incidents are stored column by column (one array per field, repeated
strings such as actors and sources stored once in a string table), so 100,000
incidents stay a few megabytes; above `COMPRESS_THRESHOLD` incidents the
columns are also gzipped and base64-encoded (the page unpacks them with the
browser's ``DecompressionStream``). Every incident is drawn on one canvas;
popups are built only when a marker is clicked.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import html as html_lib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import folium
import xyzservices
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from maps.assets import incident_map_css, incident_map_js, leaflet_css, leaflet_js
from maps.basemap import basemap_layers, governorate_areas
from maps.errors import MapInputError
from maps.features import SupportsGeoInterface, iter_features
from maps.ids import deterministic_ids
from maps.style import (
    EVENT_TYPE_COLOURS,
    EVENT_TYPE_SHAPES,
    FACTION_COLOURS,
    PRECISION_RING_KM,
    UNKNOWN_COLOUR,
    UNKNOWN_SHAPE,
    ZONE_KIND_STYLES,
    marker_radius,
)

__all__ = ["COMPRESS_THRESHOLD", "DATA_ELEMENT_ID", "embed_snippet", "incident_columns", "render_html", "write_html"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Above this many incidents the incident columns are embedded gzipped (base64) instead of as plain JSON.
COMPRESS_THRESHOLD = 20_000
#: The id of the ``<script type="application/json">`` element that holds the map's data.
DATA_ELEMENT_ID = "geo-map-data"
_ATTRIBUTION = (
    "Boundaries: OCHA COD-AB (CC BY 3.0 IGO) · Places: GeoNames (CC BY 4.0), OCHA, Wikidata · "
    "Rivers: World Data Bank II (GSHHG) · Zones: approximate, derived from control points"
)
_ATTRIBUTION_SHORT = "OCHA COD-AB (CC BY 3.0 IGO) · GeoNames (CC BY 4.0) · WDB II · zones approximate"
_SIZE_LEGEND = (0, 10, 50)
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
#: Decimals kept in coordinates (5: about a metre).
_DECIMALS = 5
#: gzip level of packed incident columns (3: within 10 % of the smallest, four times faster than 9).
_GZIP_LEVEL = 3
#: Incident fields stored once per distinct value (an index into the string table ``str``).
_DICTIONARY_FIELDS = (
    "sub_event_type", "sub_event_type_ar", "actor1", "actor2", "location", "place_id", "admin1",
    "place_en", "place_ar", "source", "source_url", "source_date",
)  # fmt: skip
#: Incident fields stored as they are (mostly distinct per incident).
_PLAIN_FIELDS = ("event_id", "notes")


class _Raw(Element):
    """A piece of HTML inserted as is (not parsed as a Jinja template)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self._html = html

    def render(self, **kwargs: Any) -> str:
        return self._html


class _DrawLayers(MacroElement):
    """Calls the layer code once the Leaflet map exists."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "GeoIncidentMap.render({{ this._parent.get_name() }}, "
        "JSON.parse(document.getElementById('" + DATA_ELEMENT_ID + "').textContent));"
        "{% endmacro %}"
    )


class _Map(folium.Map):
    """A folium map that loads nothing from a CDN (Leaflet is inlined by `render_html`)."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 - folium's own declaration
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


def _script_json(payload: Any) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _day(value: Any, where: str) -> int:
    """Days since 1970-01-01 of an ISO date (or `datetime.date`); 0 for none."""
    if value is None or value == "":
        return 0
    if isinstance(value, dt.datetime):
        value = value.date()
    if not isinstance(value, dt.date):
        try:
            value = dt.date.fromisoformat(str(value)[:10])
        except ValueError as err:
            raise MapInputError(f"{where}: {value!r} is not an ISO date") from err
    return value.toordinal() - _EPOCH_ORDINAL


def _int_or_none(value: Any, where: str) -> int:
    """A count as an int, or -1 for not reported."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return -1
    try:
        return int(value)
    except (TypeError, ValueError) as err:
        raise MapInputError(f"{where}: {value!r} is not a whole number") from err


def _where(props: Mapping[str, Any], number: int) -> str:
    return f"incident {props.get('event_id') or number!r}"


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def incident_columns(features: Iterable[Mapping[str, Any]], type_index: Mapping[str, int]) -> dict[str, Any]:
    """Incident features as columns: one array per field, repeated strings stored once.

    Parameters
    ----------
    features
        GeoJSON Point features with incident properties.
    type_index
        Event type → its index in the map's list of types (the ``type`` column).

    Returns
    -------
    dict
        ``n`` (the count), ``lon``/``lat`` (5 decimals, about a metre), ``date``/``end`` (days
        since 1970-01-01; ``end`` 0 when there is no end date), ``tp``/``gp``
        (time and geo precision), ``type``, ``fat``/``inj`` (-1 when not
        reported), ``str`` (the string table), one index column per repeated
        text field and the ``event_id`` and ``notes`` columns as text.

    Examples
    --------
    >>> point = {"type": "Point", "coordinates": [40.79, 34.727]}
    >>> f = {"type": "Feature", "geometry": point, "properties": {
    ...     "event_id": "A", "event_date": "2025-05-19", "event_type": "Battles", "actor1": "IS", "fatalities": 2}}
    >>> c = incident_columns([f, f], {"Battles": 0})
    >>> c["n"], c["date"], c["fat"], [c["str"][i] for i in c["actor1"]]
    (2, [20227, 20227], [2, 2], ['IS', 'IS'])
    """
    items = [(f.get("properties") or {}, f.get("geometry")) for f in features]
    for number, (props, geometry) in enumerate(items, start=1):
        if not geometry or geometry.get("type") != "Point":
            raise MapInputError(f"{_where(props, number)} has no point geometry")
    props_list = [p for p, _ in items]
    coordinates = [g["coordinates"] for _, g in items]  # type: ignore[index]

    def days(name: str) -> list[int]:
        values = [p.get(name) for p in props_list]
        return [
            v.toordinal() - _EPOCH_ORDINAL if type(v) is dt.date else 0 if v is None else _day(v, _where(p, n))
            for n, (v, p) in enumerate(zip(values, props_list, strict=True), start=1)
        ]

    def counts(name: str) -> list[int]:
        values = [p.get(name) for p in props_list]
        return [
            v if type(v) is int else -1 if v is None else _int_or_none(v, f"{_where(p, n)}, {name}")
            for n, (v, p) in enumerate(zip(values, props_list, strict=True), start=1)
        ]

    def texts(name: str) -> list[str]:
        values = [p.get(name) for p in props_list]
        return [v if type(v) is str else _text(v) for v in values]

    strings: dict[str, int] = {"": 0}
    coded: dict[str, list[int]] = {}
    for name in _DICTIONARY_FIELDS:
        values = texts(name)
        for text in dict.fromkeys(values):
            strings.setdefault(text, len(strings))
        coded[name] = [strings[v] for v in values]
    return {
        "n": len(items),
        "lon": [round(float(c[0]), _DECIMALS) for c in coordinates],
        "lat": [round(float(c[1]), _DECIMALS) for c in coordinates],
        "date": days("event_date"),
        "end": days("date_end"),
        "tp": [int(p.get("time_precision") or 1) for p in props_list],
        "gp": [int(p.get("geo_precision") or 1) for p in props_list],
        "type": [type_index[v] for v in texts("event_type")],
        "fat": counts("fatalities"),
        "inj": counts("injuries"),
        **coded,
        **{name: texts(name) for name in _PLAIN_FIELDS},
        "str": list(strings),
    }


def _snapshot_key(props: Mapping[str, Any]) -> str:
    """A zone's snapshot as ``"valid_from/valid_to"`` (``valid_to`` empty when open-ended)."""
    return f"{_text(props.get('valid_from'))}/{_text(props.get('valid_to'))}"


def _zone_payload(feature: Mapping[str, Any]) -> dict[str, Any]:
    props = {k: _text(v) if isinstance(v, dt.date) else v for k, v in (feature.get("properties") or {}).items()}
    props["colour"] = FACTION_COLOURS.get(str(props.get("faction")), UNKNOWN_COLOUR)
    props["snapshot"] = _snapshot_key(props)
    props["kind"] = props.get("kind") or "control"
    return {"type": "Feature", "geometry": feature["geometry"], "properties": props}


def _snapshot_on(snapshots: Iterable[str], day: str) -> str:
    """The snapshot in force on *day* (ISO date), or ``""`` when none is."""
    for key in sorted(snapshots, reverse=True):
        start, end = key.split("/")
        if start <= day and (not end or day <= end):
            return key
    return ""


def _types(features: Sequence[Mapping[str, Any]], labels_ar: Mapping[str, str]) -> list[dict[str, Any]]:
    present = {_text((f.get("properties") or {}).get("event_type")) for f in features}
    names = [name for name in EVENT_TYPE_COLOURS if name in present]
    names += sorted(present - set(EVENT_TYPE_COLOURS))
    return [
        {
            "name": name or "unknown type",
            "label_ar": labels_ar.get(name, ""),
            "colour": EVENT_TYPE_COLOURS.get(name, UNKNOWN_COLOUR),
            "shape": EVENT_TYPE_SHAPES.get(name, UNKNOWN_SHAPE),
        }
        for name in names
    ]


def _factions(zones: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for zone in zones:
        p = zone["properties"]
        seen.setdefault(
            str(p.get("faction")),
            {"id": str(p.get("faction")), "label_en": p.get("label_en") or str(p.get("faction")),
             "label_ar": p.get("label_ar") or "", "colour": p["colour"]},
        )  # fmt: skip
    order = list(FACTION_COLOURS)
    return sorted(seen.values(), key=lambda f: (order.index(f["id"]) if f["id"] in order else len(order), f["id"]))


def _pack(columns: dict[str, Any]) -> str:
    """Gzip (deterministically: no timestamp) and base64-encode a JSON document."""
    raw = json.dumps(columns, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=_GZIP_LEVEL, mtime=0)).decode("ascii")


def render_html(
    incidents: SupportsGeoInterface | Iterable[SupportsGeoInterface | dict[str, Any]],
    zones: SupportsGeoInterface | Iterable[SupportsGeoInterface | dict[str, Any]] = (),
    *,
    title: str,
    title_ar: str = "",
    subtitle: str = "",
    as_of: str = "",
    tiles: str | None = None,
    context: Sequence[tuple[str, str]] = (),
    event_type_labels_ar: Mapping[str, str] | None = None,
    compress: bool | None = None,
) -> str:
    """Render incidents and zones as one self-contained HTML page.

    Parameters
    ----------
    incidents
        Point features whose properties follow the incident contract (plus
        optional ``event_type_ar``, ``sub_event_type_ar``, ``place_en``,
        ``place_ar`` for bilingual popups).
    zones
        Polygon features with ``faction``, ``label_en``, ``label_ar``, ``kind``,
        ``valid_from``, ``valid_to``. Every snapshot (distinct date range) is
        embedded; the time control and the snapshot switcher choose among them.
    title, title_ar, subtitle
        Shown at the top of the map (as text, never as HTML).
    as_of
        ISO date the map is "as of": the time control starts there and the
        zone snapshot in force that day is shown first; if none is, the map
        says so and shows no zones.
    tiles
        An xyzservices provider name (``"CartoDB.Positron"``) for online
        tiles; None draws only the embedded vector basemap (works offline).
    context
        ``(title, text)`` pairs listed in a panel: figures that are not points.
    event_type_labels_ar
        Arabic names of the event types, for the legend.
    compress
        Embed the incident columns gzipped; None (the default) does so above
        `COMPRESS_THRESHOLD` incidents.

    Examples
    --------
    >>> html = render_html([], title="Empty map")
    >>> "<script src=" in html, '<link rel="stylesheet" href="http' in html
    (False, False)
    """
    incident_features = list(iter_features(incidents))
    types = _types(incident_features, event_type_labels_ar or {})
    type_index = {("" if t["name"] == "unknown type" else t["name"]): n for n, t in enumerate(types)}
    columns = incident_columns(incident_features, type_index)
    zone_features = [_zone_payload(f) for f in iter_features(zones)]
    snapshots = sorted({f["properties"]["snapshot"] for f in zone_features})
    current = _snapshot_on(snapshots, as_of) if as_of else (snapshots[-1] if snapshots else "")
    note = (
        f"No zone snapshot covers {as_of}: zones are hidden (choose one on the right)."
        if snapshots and not current
        else ""
    )
    areas = governorate_areas()
    used_places = {columns["str"][i] for i, gp in zip(columns["place_id"], columns["gp"], strict=True) if gp == 3}
    packed = compress if compress is not None else columns["n"] > COMPRESS_THRESHOLD
    payload = {
        "title": title,
        "titleAr": title_ar,
        "subtitle": subtitle,
        "asOf": as_of,
        "asOfDay": _day(as_of, "as_of") if as_of else None,
        "snapshots": snapshots,
        "currentSnapshot": current,
        "zonesNote": note,
        "attribution": _ATTRIBUTION,
        "attributionShort": _ATTRIBUTION_SHORT,
        "hasTiles": tiles is not None,
        "basemap": basemap_layers(),
        "zones": {"type": "FeatureCollection", "features": zone_features},
        "zoneKinds": ZONE_KIND_STYLES,
        "factions": _factions(zone_features),
        "types": types,
        "incidents": None if packed else columns,
        "incidentsGz": _pack(columns) if packed else None,
        "count": columns["n"],
        "areas": {place: areas[place] for place in sorted(used_places) if place in areas},
        "rings": {str(k): v for k, v in PRECISION_RING_KM.items()},
        "sizes": [{"label": str(n), "radius": marker_radius(n)} for n in _SIZE_LEGEND],
        "context": [{"title": t, "text": x} for t, x in context],
    }
    with deterministic_ids():
        fmap = _Map(location=[35.0, 38.5], zoom_start=7, tiles=None, prefer_canvas=False, control_scale=False)
        if tiles:
            try:
                provider = xyzservices.providers.query_name(tiles)
            except ValueError as err:
                raise MapInputError(f"unknown tile provider {tiles!r}") from err
            if provider.requires_token():
                raise MapInputError(f"tile provider {tiles!r} needs an API key; choose another (OpenStreetMap.Mapnik)")
            folium.TileLayer(provider, name=tiles).add_to(fmap)
        figure = cast(Figure, fmap.get_root())
        figure.header.add_child(_Raw(f"<style>{leaflet_css()}</style>"), name="leaflet_css")
        figure.header.add_child(_Raw(f"<script>{leaflet_js()}</script>"), name="leaflet_js")
        figure.header.add_child(_Raw(f"<style>{incident_map_css()}</style>"), name="geo_css")
        figure.header.add_child(_Raw(f"<script>{incident_map_js()}</script>"), name="geo_js")
        figure.header.add_child(
            _Raw(f'<script type="application/json" id="{DATA_ELEMENT_ID}">{_script_json(payload)}</script>'),
            name="geo_data",
        )
        _DrawLayers().add_to(fmap)
        page = figure.render()
    logger.debug("rendered %d incidents, %d zones: %d characters", columns["n"], len(zone_features), len(page))
    return page.replace("<html>", '<html lang="en">', 1)


def write_html(path: Path, html: str) -> Path:
    """Write a rendered page atomically and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return path


def embed_snippet(src: str, *, title: str, aspect: float = 0.625) -> str:
    """HTML to paste into a report page: the map in a responsive iframe that keeps its aspect ratio.

    Parameters
    ----------
    src
        The map's URL or path relative to the report page.
    title
        The iframe's accessible title.
    aspect
        Height as a fraction of the width (0.625 is 16:10).

    Examples
    --------
    >>> print(embed_snippet("maps/syria.html", title='Syria "as of" May'))  # doctest: +NORMALIZE_WHITESPACE
    <div style="position:relative;width:100%;max-width:1200px;aspect-ratio:1.6;min-height:320px">
      <iframe src="maps/syria.html" title="Syria &quot;as of&quot; May" loading="lazy" allowfullscreen
        style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe>
    </div>
    """
    if not 0.1 <= aspect <= 5:
        raise MapInputError(f"aspect {aspect!r} should be between 0.1 and 5 (height / width)")
    ratio = f"{1 / aspect:.4g}"
    return (
        f'<div style="position:relative;width:100%;max-width:1200px;aspect-ratio:{ratio};min-height:320px">\n'
        f'  <iframe src="{html_lib.escape(src, quote=True)}" title="{html_lib.escape(title, quote=True)}" '
        'loading="lazy" allowfullscreen\n'
        '    style="position:absolute;inset:0;width:100%;height:100%;border:0"></iframe>\n'
        "</div>"
    )
