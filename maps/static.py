"""Static maps for reports: the same layers as the HTML map, drawn with matplotlib as PNG or SVG.

Zones of control (control solid, influence hatched, activity as an outline),
incidents (shape and colour by event type, size by fatalities, a dashed ring
when only approximately placed, the governorate outlined when only that is
known), the offline basemap (outline, governorates, rivers, cities), a title
in English and Arabic, the "as of" date, a legend, a scale bar, a north arrow
and the source credits.

Arabic is shaped (``arabic_reshaper`` joins the letters) and put in visual
order (``python-bidi``) before matplotlib draws it, with DejaVu Sans, which
matplotlib ships and which has the Arabic presentation forms. Output is
deterministic: the same input gives the same bytes (no dates in the
metadata, a fixed SVG id salt).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import arabic_reshaper
import matplotlib
import matplotlib.ft2font
from bidi import get_display
from matplotlib import patheffects
from matplotlib.collections import EllipseCollection
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyArrow, PathPatch, Rectangle
from matplotlib.path import Path as MplPath
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from maps.basemap import city_labels, governorate_areas, rivers
from maps.errors import MapInputError
from maps.features import SupportsGeoInterface, iter_features
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

__all__ = ["FORMATS", "render_static", "shape_arabic", "write_static"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Image formats `render_static` writes.
FORMATS = ("png", "svg")

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_MARKERS = {"circle": "o", "star": "*", "triangle": "^", "triangle-down": "v", "square": "s", "diamond": "D"}
# Marker area scale per shape, so that shapes of the same radius look the same size.
_MARKER_SCALE = {"circle": 1.0, "star": 1.9, "triangle": 1.25, "triangle-down": 1.25, "square": 0.8, "diamond": 0.7}
_EXTENT = (35.45, 42.55, 32.2, 37.45)  # lon_min, lon_max, lat_min, lat_max
_MID_LAT = 34.85
_LAND, _SEA, _BORDER = "#fbfaf6", "#dde4e8", "#6b6b6b"
_RIVER = "#5b9bd5"
_SIZE_LEGEND = (0, 10, 50)
_KINDS = ("control", "influence", "activity")
_ONE_BY_ONE = 3000  # above this many incidents, glyphs are smaller and drawn in slices (see _draw_incidents)
_SLICES = 40


def _renderer_shapes_text() -> bool:
    """True when matplotlib lays out complex scripts itself (built with libraqm, as its 3.11+ wheels are)."""
    return bool(getattr(matplotlib.ft2font, "__libraqm_version__", ""))


def shape_arabic(text: str, *, renderer_shapes: bool | None = None) -> str:
    """Arabic text as the renderer needs it: left alone for a renderer that shapes text (matplotlib
    built with libraqm), else shaped (``arabic_reshaper``) and put in visual order (``python-bidi``).

    Text with no Arabic letter is returned as it is.

    Parameters
    ----------
    text
        Any text, possibly mixing Arabic and Latin.
    renderer_shapes
        Whether the renderer shapes and reorders text itself; None asks matplotlib.

    Examples
    --------
    >>> shape_arabic("Syria")
    'Syria'
    >>> shape_arabic("دير الزور", renderer_shapes=True)
    'دير الزور'
    >>> shaped = shape_arabic("دير الزور", renderer_shapes=False)
    >>> shaped[0] == "\ufead", len(shaped)  # visual order: the last letter (an isolated reh) comes first
    (True, 9)
    """
    if not text or not _ARABIC.search(text):
        return text
    if renderer_shapes is None:
        renderer_shapes = _renderer_shapes_text()
    if renderer_shapes:
        return text
    return str(get_display(arabic_reshaper.reshape(text)))


def _halo(width: float = 2.5) -> list[patheffects.AbstractPathEffect]:
    return [patheffects.withStroke(linewidth=width, foreground="white")]


def _geometry_path(geometry: BaseGeometry) -> MplPath | None:
    """A matplotlib path of a (multi)polygon, holes included."""
    polygons = [g for g in getattr(geometry, "geoms", [geometry]) if g.geom_type == "Polygon" and not g.is_empty]
    if not polygons and geometry.geom_type == "GeometryCollection":
        polygons = [g for g in geometry.geoms if g.geom_type == "Polygon"]
    paths = []
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            coords = list(ring.coords)
            codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(coords) - 2) + [MplPath.CLOSEPOLY]
            paths.append(MplPath(coords, codes))
    return MplPath.make_compound_path(*paths) if paths else None


def _lines(geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return list(geometry["coordinates"])
    return []


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _draw_basemap(ax: Any) -> None:
    from gazetteer.boundaries import governorate_features, syria_outline

    outline = _geometry_path(syria_outline())
    if outline is not None:
        ax.add_patch(PathPatch(outline, facecolor=_LAND, edgecolor="none", zorder=1))
        ax.add_patch(PathPatch(outline, facecolor="none", edgecolor=_BORDER, linewidth=1.1, zorder=6))
    for feature in governorate_features():
        path = _geometry_path(shape(feature["geometry"]))
        if path is not None:
            ax.add_patch(
                PathPatch(path, facecolor="none", edgecolor="#a7a39a", linewidth=0.45, linestyle=(0, (3, 3)), zorder=5)
            )
    for feature in rivers()["features"]:
        rank = feature["properties"]["rank"]
        for line in _lines(feature["geometry"]):
            xs, ys = zip(*line, strict=True)
            ax.plot(xs, ys, color=_RIVER, linewidth={1: 1.3, 2: 0.9}.get(rank, 0.6), zorder=4, solid_capstyle="round")


def _draw_labels(ax: Any) -> None:
    for feature in rivers()["features"]:
        p = feature["properties"]
        if not p.get("label"):
            continue
        # DejaVu Sans Oblique has no Arabic letters: only the English name is set in italics.
        ax.text(
            p["label_lon"], p["label_lat"] + 0.03, p["name_en"], fontsize=5.5, color="#2f6fa8", style="italic",
            ha="center", va="bottom", zorder=20, path_effects=_halo(1.8), gid=f"river-{p['river_id']}",
        )  # fmt: skip
        ax.text(
            p["label_lon"], p["label_lat"] + 0.02, shape_arabic(p["name_ar"]), fontsize=5.5, color="#2f6fa8",
            ha="center", va="top", zorder=20, path_effects=_halo(1.8),
        )  # fmt: skip
    for label in city_labels():
        big = label["rank"] == 1
        # DejaVu Sans Bold has no Arabic letters: the Arabic name is always set in the regular weight.
        ax.text(
            label["lon"], label["lat"] + 0.17, label["en"], fontsize=6.8 if big else 5.8,
            fontweight="bold" if big else "normal", color="#333333", ha="center", va="bottom", zorder=21,
            path_effects=_halo(2.2), gid=f"city-{label['en']}",
        )  # fmt: skip
        ax.text(
            label["lon"], label["lat"] + 0.05, shape_arabic(label["ar"]), fontsize=6.6 if big else 5.8,
            color="#333333", ha="center", va="bottom", zorder=21, path_effects=_halo(2.2), gid=f"city-ar-{label['en']}",
        )  # fmt: skip
        ax.plot(label["lon"], label["lat"], marker="o", markersize=2, color="#333333", zorder=21)


def _draw_zones(ax: Any, zones: Sequence[dict[str, Any]]) -> None:
    order = list(FACTION_COLOURS)
    ranked = sorted(zones, key=lambda f: (_KINDS.index(f["kind"]) if f["kind"] in _KINDS else 0, f["faction"]))
    for zone in ranked:
        path = _geometry_path(zone["geometry"])
        if path is None:
            continue
        colour = FACTION_COLOURS.get(zone["faction"], UNKNOWN_COLOUR)
        style = ZONE_KIND_STYLES.get(zone["kind"], ZONE_KIND_STYLES["control"])
        z = 2 + (order.index(zone["faction"]) if zone["faction"] in order else len(order)) / 100
        if style["fill"] == "solid":
            opacity = float(style["fillOpacity"])  # type: ignore[arg-type]
            ax.add_patch(PathPatch(path, facecolor=colour, alpha=opacity, edgecolor="none", zorder=z))
            ax.add_patch(PathPatch(path, facecolor="none", edgecolor=colour, linewidth=0.8, zorder=z + 0.5))
        elif style["fill"] == "hatch":
            ax.add_patch(PathPatch(path, facecolor=colour, alpha=0.12, edgecolor="none", zorder=z + 1))
            ax.add_patch(
                PathPatch(path, facecolor="none", edgecolor=colour, hatch="////", linewidth=1.0,
                          linestyle=(0, (4, 2)), zorder=z + 1.5)
            )  # fmt: skip
        else:
            ax.add_patch(
                PathPatch(path, facecolor="none", edgecolor=colour, linewidth=1.4, linestyle=(0, (1, 2)), zorder=7)
            )


def _draw_rings(ax: Any, rings: Sequence[tuple[float, float, float, str]]) -> None:
    """Dashed uncertainty rings, *km* around each point, as one collection (fast with thousands)."""
    if not rings:
        return
    many = len(rings) > _ONE_BY_ONE
    ax.add_collection(
        EllipseCollection(
            widths=[2 * km / (111.32 * math.cos(math.radians(lat))) for _, lat, km, _ in rings],
            heights=[2 * km / 110.57 for *_, km, _ in rings],
            angles=[0.0] * len(rings), units="xy", offsets=[(lon, lat) for lon, lat, _, _ in rings],
            offset_transform=ax.transData, facecolors="none", edgecolors=[c for *_, c in rings],
            linewidths=0.4 if many else 0.7, linestyles=[(0, (3, 2))], alpha=0.35 if many else 0.9, zorder=8,
            rasterized=many,
        )
    )  # fmt: skip


def _marker_size(radius_px: float, shape_name: str) -> float:
    """A scatter marker area in points² for a glyph of *radius_px* screen pixels on the HTML map."""
    diameter_pt = 2 * radius_px * 0.62
    return diameter_pt**2 * _MARKER_SCALE.get(shape_name, 1.0)


def _draw_incidents(ax: Any, incidents: Sequence[dict[str, Any]]) -> None:
    areas = governorate_areas()
    area_groups: dict[tuple[str, str], int] = {}
    points = []
    rings: list[tuple[float, float, float, str]] = []
    for props, (lon, lat) in ((f["properties"], f["geometry"]["coordinates"][:2]) for f in incidents):
        event_type = _text(props.get("event_type"))
        colour = EVENT_TYPE_COLOURS.get(event_type, UNKNOWN_COLOUR)
        precision = int(props.get("geo_precision") or 1)
        place = _text(props.get("place_id"))
        if precision == 3 and place in areas:
            area_groups[(place, event_type)] = area_groups.get((place, event_type), 0) + 1
            continue
        km = PRECISION_RING_KM.get(precision)
        if km:
            rings.append((lon, lat, km, colour))
        fatalities = props.get("fatalities")
        points.append((marker_radius(int(fatalities) if fatalities not in (None, "") else None),
                       _text(props.get("event_date")), lon, lat, event_type))  # fmt: skip
    for (place, event_type), _count in sorted(area_groups.items()):
        path = _geometry_path(shape(areas[place]))
        colour = EVENT_TYPE_COLOURS.get(event_type, UNKNOWN_COLOUR)
        if path is not None:
            ax.add_patch(PathPatch(path, facecolor=colour, alpha=0.08, edgecolor="none", zorder=8))
            ax.add_patch(PathPatch(path, facecolor="none", edgecolor=colour, linewidth=1.3, linestyle=(0, (5, 3)),
                                   zorder=8))  # fmt: skip
    _draw_rings(ax, rings)
    shrink = 1.0 if len(points) <= _ONE_BY_ONE else max(0.5, math.sqrt(_ONE_BY_ONE / len(points)))
    points.sort(key=lambda p: (-p[0], p[1]))
    if len(points) <= _ONE_BY_ONE:
        # Few: one by one, big first and the latest on top, whatever their type.
        for number, (radius, _date, lon, lat, event_type) in enumerate(points):
            glyph = EVENT_TYPE_SHAPES.get(event_type, UNKNOWN_SHAPE)
            ax.scatter(
                [lon], [lat], s=_marker_size(radius, glyph), marker=_MARKERS[glyph],
                color=EVENT_TYPE_COLOURS.get(event_type, UNKNOWN_COLOUR), edgecolors="#1d1d1d",
                linewidths=0.5, zorder=10 + number / (len(points) + 1),
            )  # fmt: skip
        return
    # Many: smaller glyphs, in slices of the drawing order (big first, the latest on top), one scatter per event
    # type within a slice, so that every type shows in proportion and none covers the others.
    step = math.ceil(len(points) / _SLICES)
    for number, start in enumerate(range(0, len(points), step)):
        by_type: dict[str, list[tuple[float, float, float]]] = {}
        for radius, _date, lon, lat, event_type in points[start : start + step]:
            by_type.setdefault(event_type, []).append((lon, lat, radius))
        for event_type, rows in sorted(by_type.items()):
            glyph = EVENT_TYPE_SHAPES.get(event_type, UNKNOWN_SHAPE)
            lons, lats, radii = zip(*rows, strict=True)
            ax.scatter(
                lons, lats, s=[_marker_size(r * shrink, glyph) for r in radii], marker=_MARKERS[glyph],
                color=EVENT_TYPE_COLOURS.get(event_type, UNKNOWN_COLOUR), edgecolors="#1d1d1d", linewidths=0.25,
                zorder=10 + number / (_SLICES + 1), rasterized=True,
            )  # fmt: skip


def _scale_bar(ax: Any) -> None:
    lon0, _, lat0, _ = _EXTENT
    km_per_degree = 111.32 * math.cos(math.radians(_MID_LAT))
    length_km = 100
    x0, y0 = lon0 + 0.25, lat0 + 0.22
    step = 50 / km_per_degree
    for n, colour in enumerate(("#333333", "white")):
        ax.add_patch(Rectangle((x0 + n * step, y0), step, 0.045, facecolor=colour, edgecolor="#333333", lw=0.6,
                               zorder=30))  # fmt: skip
    for n, km in enumerate((0, 50, length_km)):
        ax.text(x0 + n * step, y0 + 0.07, f"{km}", fontsize=5.5, ha="center", va="bottom", zorder=30,
                path_effects=_halo(1.5))  # fmt: skip
    ax.text(x0 + 2 * step + 0.08, y0 + 0.02, "km", fontsize=5.5, va="center", zorder=30, path_effects=_halo(1.5),
            gid="scale-bar")  # fmt: skip


def _north_arrow(ax: Any) -> None:
    lon0, _, _, lat1 = _EXTENT
    x, y = lon0 + 0.35, lat1 - 0.62
    ax.add_patch(FancyArrow(x, y, 0, 0.32, width=0.05, head_width=0.17, head_length=0.16, length_includes_head=True,
                            facecolor="#333333", edgecolor="#333333", zorder=30))  # fmt: skip
    ax.text(x, y + 0.36, "N", fontsize=8, fontweight="bold", ha="center", va="bottom", zorder=30, gid="north-arrow")


class _LegendWriter:
    """Rows of a legend drawn in their own axes (x from 0 to 1, y from 1 down), sized in inches."""

    def __init__(
        self, fig: Figure, box: tuple[float, float, float, float], *, squeeze: float = 1.0, dry: bool = False
    ) -> None:
        self.ax: Any = _NoAxes() if dry else fig.add_axes(box)
        self.ax.set_xlim(0, 1)
        self.ax.set_ylim(0, 1)
        self.ax.axis("off")
        width_in, height_in = fig.get_size_inches()
        self.inch_x, self.inch_y = 1 / (box[2] * width_in), 1 / (box[3] * height_in)
        self.squeeze = squeeze
        self.font = min(1.0, squeeze + 0.1)
        self.y = 1 - 0.12 * self.inch_y

    def down(self, inches: float) -> float:
        self.y -= inches * self.squeeze * self.inch_y
        return self.y

    def header(self, text: str) -> None:
        self.down(0.2)
        self.ax.text(0.04, self.y, text, fontsize=7.5 * self.font, fontweight="bold", va="center")
        self.down(0.06)

    def row(self, draw_icon: Any, en: str, ar: str = "", height: float = 0.19, ar_below: bool = False) -> None:
        y = self.down(height / 2 + 0.02)
        draw_icon(0.09, y)
        self.ax.text(0.19, y, en, fontsize=6.8 * self.font, va="center")
        if ar and not ar_below:
            self.ax.text(0.97, y, shape_arabic(ar), fontsize=6.8 * self.font, va="center", ha="right", color="#333333")
        self.down(height / 2)
        if ar and ar_below:
            y = self.down(0.13)
            self.ax.text(0.97, y + 0.03 * self.inch_y, shape_arabic(ar), fontsize=6.6 * self.font, va="center",
                         ha="right", color="#333333")  # fmt: skip

    def glyph(self, shape_name: str, colour: str, radius: float) -> Any:
        def draw(x: float, y: float) -> None:
            self.ax.scatter([x], [y], s=_marker_size(radius, shape_name), marker=_MARKERS[shape_name], color=colour,
                            edgecolors="#1d1d1d", linewidths=0.5, clip_on=False)  # fmt: skip

        return draw

    def ring(self, x: float, y: float) -> None:
        r = 0.085
        self.ax.add_patch(Ellipse((x, y), 2 * r * self.inch_x, 2 * r * self.inch_y, fill=False, edgecolor="#444444",
                                  linestyle=(0, (2, 1.5)), linewidth=0.8))  # fmt: skip
        self.glyph("circle", "#888888", 3)(x, y)

    def area(self, x: float, y: float) -> None:
        w, h = 0.2 * self.inch_x, 0.13 * self.inch_y
        self.ax.add_patch(Rectangle((x - w / 2, y - h / 2), w, h, facecolor="#44444418", edgecolor="#444444",
                                    linestyle=(0, (3, 1.5)), linewidth=0.8))  # fmt: skip

    def swatch(self, colour: str, kind: str) -> Any:
        def draw(x: float, y: float) -> None:
            w, h = 0.22 * self.inch_x, 0.13 * self.inch_y
            xy = (x - w / 2, y - h / 2)
            if kind == "influence":
                self.ax.add_patch(Rectangle(xy, w, h, facecolor=colour, alpha=0.15, edgecolor="none"))
                self.ax.add_patch(Rectangle(xy, w, h, facecolor="none", edgecolor=colour, hatch="////",
                                            linestyle=(0, (3, 1)), linewidth=0.9))  # fmt: skip
            elif kind == "activity":
                self.ax.add_patch(Rectangle(xy, w, h, facecolor="none", edgecolor=colour, linestyle=(0, (1, 1.5)),
                                            linewidth=1.2))  # fmt: skip
            else:
                self.ax.add_patch(Rectangle(xy, w, h, facecolor=colour, alpha=0.45, edgecolor="none"))
                self.ax.add_patch(Rectangle(xy, w, h, facecolor="none", edgecolor=colour, linewidth=0.9))

        return draw

    def sizes(self) -> None:
        radii = [marker_radius(n) for n in _SIZE_LEGEND]
        tallest = 2 * radii[-1] * 0.62 / 72
        y = self.down(tallest / 2 + 0.05)
        for n, (count, radius) in enumerate(zip(_SIZE_LEGEND, radii, strict=True)):
            x = 0.09 + n * 0.16
            self.glyph("circle", "#bbbbbb", radius)(x, y)
            self.ax.text(x, y - (tallest / 2 + 0.08) * self.inch_y, str(count), fontsize=6.5 * self.font,
                         ha="center", va="center")  # fmt: skip
        self.ax.text(0.57, y, "killed (smallest:\nnone or not reported)", fontsize=6.3 * self.font, va="center",
                     color="#444444")  # fmt: skip
        self.down(tallest / 2 + 0.16)

    def frame(self) -> None:
        bottom = self.y - 0.1 * self.inch_y
        self.ax.add_patch(Rectangle((0, bottom), 1, 1 - bottom, facecolor="white", edgecolor="#bbbbbb",
                                    linewidth=0.7, zorder=-1))  # fmt: skip


class _NoAxes:
    """Stands in for the legend's axes while its height is measured: every call does nothing."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None


def _legend(fig: Figure, incidents: Sequence[dict[str, Any]], zones: Sequence[dict[str, Any]],
            labels_ar: Mapping[str, str]) -> None:  # fmt: skip
    """The legend, squeezed to fit the page when it has many rows."""
    box = (0.712, 0.075, 0.27, 0.8)
    measure = _LegendWriter(fig, box, dry=True)
    _fill_legend(measure, incidents, zones, labels_ar)
    needed = 1 - measure.y + 0.1 * measure.inch_y
    legend = _LegendWriter(fig, box, squeeze=min(1.0, 0.99 / needed))
    _fill_legend(legend, incidents, zones, labels_ar)
    legend.frame()


def _fill_legend(legend: _LegendWriter, incidents: Sequence[dict[str, Any]], zones: Sequence[dict[str, Any]],
                 labels_ar: Mapping[str, str]) -> None:  # fmt: skip
    present = {_text(f["properties"].get("event_type")) for f in incidents}
    legend.header("Incidents by type")
    names = [name for name in EVENT_TYPE_COLOURS if name in present]
    for name in names:
        legend.row(legend.glyph(EVENT_TYPE_SHAPES[name], EVENT_TYPE_COLOURS[name], 6), name, labels_ar.get(name, ""))
    for name in sorted(present - set(EVENT_TYPE_COLOURS)):
        legend.row(legend.glyph(UNKNOWN_SHAPE, UNKNOWN_COLOUR, 6), name or "unknown type")
    if not present:
        legend.row(lambda x, y: None, "none up to this date")
    legend.header("Size: people killed")
    legend.sizes()
    legend.header("Location precision")
    legend.row(legend.glyph("circle", "#888888", 3), "the place itself")
    legend.row(legend.ring, f"near it (ring ≈ {PRECISION_RING_KM[2]:g} km)")
    legend.row(legend.ring, f"somewhere in a wider area (ring ≈ {PRECISION_RING_KM[3]:g} km)")
    legend.row(legend.area, "only the governorate is known")
    if zones:
        legend.header("Zones of control (approximate)")
        kinds: dict[str, set[str]] = {}
        labels: dict[str, tuple[str, str]] = {}
        for zone in zones:
            kinds.setdefault(zone["faction"], set()).add(zone["kind"])
            labels.setdefault(zone["faction"], (zone["label_en"], zone["label_ar"]))
        order = list(FACTION_COLOURS)
        for faction in sorted(kinds, key=lambda f: (order.index(f) if f in order else len(order), f)):
            colour = FACTION_COLOURS.get(faction, UNKNOWN_COLOUR)
            for kind in (k for k in _KINDS if k in kinds[faction]):
                en, ar = labels[faction]
                legend.row(legend.swatch(colour, kind), en + ("" if kind == "control" else f" ({kind})"), ar,
                           height=0.16, ar_below=True)  # fmt: skip


def _zone_dicts(zones: SupportsGeoInterface | Iterable[Any]) -> list[dict[str, Any]]:
    out = []
    for feature in iter_features(zones):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry")
        if not geometry:
            continue
        out.append(
            {
                "geometry": shape(geometry) if isinstance(geometry, dict) else geometry,
                "faction": _text(props.get("faction")),
                "label_en": _text(props.get("label_en")) or _text(props.get("faction")),
                "label_ar": _text(props.get("label_ar")),
                "kind": _text(props.get("kind")) or "control",
            }
        )
    return out


def render_static(
    incidents: SupportsGeoInterface | Iterable[SupportsGeoInterface | dict[str, Any]],
    zones: SupportsGeoInterface | Iterable[SupportsGeoInterface | dict[str, Any]] = (),
    *,
    title: str,
    title_ar: str = "",
    subtitle: str = "",
    as_of: str = "",
    credits: str = "",
    event_type_labels_ar: Mapping[str, str] | None = None,
    image_format: str = "png",
    dpi: int = 200,
) -> bytes:
    """Draw incidents and the zones *in force* as a PNG or SVG image, ready to paste into a briefing.

    Parameters
    ----------
    incidents
        Point features with incident properties (as for `maps.render_html`).
    zones
        The zones to draw (one snapshot: the caller chooses the one valid on *as_of*).
    title, title_ar, subtitle
        The heading, in English and Arabic, and a line under it.
    as_of
        The date the map shows, printed in a box on the map.
    credits
        Sources and licences, printed at the bottom.
    event_type_labels_ar
        Arabic names of the event types, for the legend.
    image_format
        ``"png"`` or ``"svg"``.
    dpi
        Resolution of a PNG (the page is 11 × 7.5 inches: 2200 × 1500 pixels at 200 dpi).

    Examples
    --------
    >>> svg = render_static([], title="Syria", as_of="2025-06-01", image_format="svg")
    >>> svg.startswith(b"<?xml")
    True
    """
    if image_format not in FORMATS:
        raise MapInputError(f"image format {image_format!r} is not one of {', '.join(FORMATS)}")
    if not 30 <= dpi <= 1200:
        raise MapInputError(f"dpi {dpi!r} should be between 30 and 1200")
    features = list(iter_features(incidents))
    for number, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") or {}
        if geometry.get("type") != "Point":
            event_id = (feature.get("properties") or {}).get("event_id") or number
            raise MapInputError(f"incident {event_id!r} has no point geometry")
    zone_list = _zone_dicts(zones)
    with matplotlib.rc_context(
        {"font.family": "DejaVu Sans", "hatch.linewidth": 0.6, "svg.hashsalt": "geo-map", "svg.fonttype": "path"}
    ):
        fig = Figure(figsize=(11, 7.5), dpi=dpi, facecolor="white")
        ax = fig.add_axes((0.015, 0.075, 0.68, 0.8))
        lon0, lon1, lat0, lat1 = _EXTENT
        ax.set_xlim(lon0, lon1)
        ax.set_ylim(lat0, lat1)
        ax.set_aspect(1 / math.cos(math.radians(_MID_LAT)))
        ax.set_facecolor(_SEA)
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_edgecolor("#999999")
            spine.set_linewidth(0.6)
        _draw_basemap(ax)
        _draw_zones(ax, zone_list)
        _draw_incidents(ax, features)
        _draw_labels(ax)
        _scale_bar(ax)
        _north_arrow(ax)
        if as_of:
            ax.text(
                0.975, 0.03, f"As of {as_of}", transform=ax.transAxes, ha="right", va="bottom", fontsize=9,
                fontweight="bold", zorder=40,
                bbox={"boxstyle": "round,pad=0.35", "facecolor": "white", "edgecolor": "#999999", "linewidth": 0.6},
            )  # fmt: skip
        fig.text(0.015, 0.955, title, fontsize=15, fontweight="bold", ha="left", va="center")
        if title_ar:
            fig.text(0.985, 0.955, shape_arabic(title_ar), fontsize=15, ha="right", va="center")
        if subtitle:
            fig.text(0.015, 0.912, subtitle, fontsize=8.5, color="#444444", ha="left", va="center")
        _legend(fig, features, zone_list, event_type_labels_ar or {})
        if credits:
            wrapped = "\n".join(textwrap.wrap(credits, 190))
            fig.text(0.015, 0.035, wrapped, fontsize=5.8, color="#555555", ha="left", va="center", linespacing=1.3)
        out = io.BytesIO()
        metadata: dict[str, Any] = {"Date": None} if image_format == "svg" else {"Software": None}
        fig.savefig(out, format=image_format, dpi=dpi, metadata=metadata, facecolor="white")
    logger.debug("drew %d incidents and %d zones as %s", len(features), len(zone_list), image_format)
    return out.getvalue()


def write_static(path: Path, data: bytes) -> Path:
    """Write an image atomically and return its path.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_static(Path(folder) / "map.svg", b"<svg/>").read_bytes()
    b'<svg/>'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
