"""KML for Google Earth: incidents styled by ACLED event type, zones styled by faction.

The colours are the HTML map's (`maps.style`); every contract field is kept
in ``ExtendedData`` (a declared ``Schema``), so GDAL reads the file back as
the same records. Coordinates are longitude, latitude with 6 decimals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from shapely.geometry import shape
from shapely.geometry.polygon import orient

from geo.io.atomic import atomic_write
from geo.io.base import LayeredWriter, UnplacedRow
from geo.io.csv_format import format_cell
from geo.io.geojson import rfc7946_geometry
from geo.models import INCIDENT_COLUMNS, Incident, Zone
from geo.taxonomy import EVENT_TYPES
from maps.style import EVENT_TYPE_COLOURS, FACTION_COLOURS, UNKNOWN_COLOUR, ZONE_KIND_STYLES

__all__ = ["ZONE_FIELDS", "KmlWriter", "kml_colour"]

#: The zone fields kept in ExtendedData.
ZONE_FIELDS = ("faction", "label_en", "label_ar", "valid_from", "valid_to", "kind", "method", "source")
_INTEGER_FIELDS = frozenset({"time_precision", "geo_precision", "fatalities", "injuries"})
_REAL_FIELDS = frozenset({"latitude", "longitude"})
# XML 1.0 cannot carry these characters at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ICON = "https://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


def kml_colour(hex_colour: str, opacity: float = 1.0) -> str:
    """A CSS ``#rrggbb`` colour as KML's ``aabbggrr``.

    Examples
    --------
    >>> kml_colour("#D55E00"), kml_colour("#e8c547", 0.38)
    ('ff005ed5', '6147c5e8')
    """
    red, green, blue = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{round(opacity * 255):02x}{blue}{green}{red}".lower()


def _text(value: Any) -> str:
    text = _NOT_XML.sub("\ufffd", format_cell(value))
    return escape(text).replace("\r", "&#13;")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "other"


def _schema(schema_id: str, fields: Sequence[str]) -> str:
    def kind(name: str) -> str:
        return "int" if name in _INTEGER_FIELDS else "double" if name in _REAL_FIELDS else "string"

    simple = "".join(f'<SimpleField name="{f}" type="{kind(f)}"/>' for f in fields)
    return f'  <Schema name="{schema_id}" id="{schema_id}">{simple}</Schema>\n'


def _data(schema_id: str, record: dict[str, Any], fields: Sequence[str]) -> str:
    values = "".join(
        f'<SimpleData name="{f}">{_text(record[f])}</SimpleData>' for f in fields if record[f] not in (None, "")
    )
    return f'<ExtendedData><SchemaData schemaUrl="#{schema_id}">{values}</SchemaData></ExtendedData>'


def _ring(coords: Iterable[Sequence[float]]) -> str:
    return " ".join(f"{format_cell(round(x, 6))},{format_cell(round(y, 6))}" for x, y, *_ in coords)


def _polygon(polygon: Any) -> str:
    polygon = orient(polygon, 1.0)
    inner = "".join(
        f"<innerBoundaryIs><LinearRing><coordinates>{_ring(r.coords)}</coordinates></LinearRing></innerBoundaryIs>"
        for r in polygon.interiors
    )
    outer = f"<outerBoundaryIs><LinearRing><coordinates>{_ring(polygon.exterior.coords)}</coordinates></LinearRing>"
    return f"<Polygon>{outer}</outerBoundaryIs>{inner}</Polygon>"


def _geometry(geometry: Any) -> str:
    geometry = shape(rfc7946_geometry(geometry))  # the GeoJSON's grid and winding: the same zone everywhere
    parts = [geometry] if geometry.geom_type == "Polygon" else [g for g in getattr(geometry, "geoms", [])]
    polygons = [p for p in parts if p.geom_type == "Polygon" and not p.is_empty]
    if len(polygons) == 1:
        return _polygon(polygons[0])
    return "<MultiGeometry>" + "".join(_polygon(p) for p in polygons) + "</MultiGeometry>"


def _styles() -> str:
    lines = []
    for name, colour in EVENT_TYPE_COLOURS.items():
        lines.append(
            f'  <Style id="event-{_slug(name)}"><IconStyle><color>{kml_colour(colour)}</color><scale>0.8</scale>'
            f"<Icon><href>{_ICON}</href></Icon></IconStyle><LabelStyle><scale>0</scale></LabelStyle></Style>\n"
        )
    lines.append(
        f'  <Style id="event-other"><IconStyle><color>{kml_colour(UNKNOWN_COLOUR)}</color><scale>0.8</scale>'
        f"<Icon><href>{_ICON}</href></Icon></IconStyle><LabelStyle><scale>0</scale></LabelStyle></Style>\n"
    )
    for faction_id, colour in (*FACTION_COLOURS.items(), ("other", UNKNOWN_COLOUR)):
        for kind, style in ZONE_KIND_STYLES.items():
            fill = float(style["fillOpacity"])  # type: ignore[arg-type]
            width = float(style["weight"])  # type: ignore[arg-type]
            lines.append(
                f'  <Style id="zone-{faction_id}-{kind}"><LineStyle><color>{kml_colour(colour)}</color>'
                f"<width>{width:g}</width></LineStyle><PolyStyle><color>{kml_colour(colour, fill)}</color>"
                "</PolyStyle></Style>\n"
            )
    return "".join(lines)


def _incident_placemark(incident: Incident) -> str:
    record = incident.to_record()
    style = f"event-{_slug(incident.event_type)}" if incident.event_type in EVENT_TYPE_COLOURS else "event-other"
    event_type = EVENT_TYPES.get(incident.event_type)
    sub = event_type.sub_type(incident.sub_event_type) if event_type else None
    name = f"{incident.event_date.isoformat()} {incident.sub_event_type}" + (f" ({sub.label_ar})" if sub else "")
    when = (
        f"<TimeSpan><begin>{record['event_date']}</begin><end>{record['date_end']}</end></TimeSpan>"
        if incident.date_end
        else f"<TimeStamp><when>{record['event_date']}</when></TimeStamp>"
    )
    lon, lat = float(incident.longitude or 0.0), float(incident.latitude or 0.0)
    point = f"<Point><coordinates>{_ring([(lon, lat)])}</coordinates></Point>"
    return (
        f"   <Placemark id={quoteattr(incident.event_id)}><name>{_text(name)}</name>"
        f"<description>{_text(incident.notes)}</description>{when}<styleUrl>#{style}</styleUrl>"
        f"{_data('incident', record, INCIDENT_COLUMNS)}{point}</Placemark>\n"
    )


def _zone_placemark(zone: Zone) -> str:
    record = zone.properties()
    faction_id = zone.faction if zone.faction in FACTION_COLOURS else "other"
    end = f"<end>{record['valid_to']}</end>" if zone.valid_to else ""
    return (
        f"   <Placemark><name>{_text(f'{zone.label_en} / {zone.label_ar}')}</name>"
        f"<TimeSpan><begin>{record['valid_from']}</begin>{end}</TimeSpan>"
        f"<styleUrl>#zone-{faction_id}-{zone.kind}</styleUrl>"
        f"{_data('zone', record, ZONE_FIELDS)}{_geometry(zone.geometry)}</Placemark>\n"
    )


class KmlWriter(LayeredWriter):
    """Writes KML 2.2: a folder of incidents (placed ones) and a folder of zones, styled as the HTML map.

    Incidents are circles coloured by ACLED event type; zones are filled in
    their faction's colour with the opacity of their kind (control,
    influence, activity). Unplaced incidents have no place on a globe: they
    go to the unplaced report beside the file.
    """

    suffixes = (".kml",)

    def write_all(
        self,
        incidents: Sequence[Incident],
        path: Path,
        *,
        zones: Iterable[Zone] = (),
        unplaced: Iterable[UnplacedRow] = (),
    ) -> None:
        zones = list(zones)
        with atomic_write(path) as handle:
            handle.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">\n')
            handle.write(" <Document>\n  <name>Conflict incidents in Syria</name>\n")
            handle.write(_schema("incident", INCIDENT_COLUMNS))
            handle.write(_schema("zone", ZONE_FIELDS))
            handle.write(_styles())
            if zones:
                handle.write("  <Folder><name>zones</name>\n")
                handle.writelines(_zone_placemark(z) for z in zones)
                handle.write("  </Folder>\n")
            if incidents or not zones:
                handle.write("  <Folder><name>incidents</name>\n")
                handle.writelines(_incident_placemark(i) for i in incidents if i.is_placed)
                handle.write("  </Folder>\n")
            handle.write(" </Document>\n</kml>\n")
