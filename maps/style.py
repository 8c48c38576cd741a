"""Colours and symbols shared by every renderer (the HTML map and the static images).

Event types are told apart twice: by colour (the Okabe–Ito palette) and by
the marker's shape, so the legend still works in grey or for a reader who
cannot tell the colours apart. Faction colours come from Paul Tol's
colour-blind-safe schemes, chosen so that every pair stays at least
`MIN_CVD_DISTANCE` apart (CIELAB ΔE*76) for normal vision and under
simulated protanopia, deuteranopia and tritanopia (`simulate_cvd`); the test
suite checks it. Zone kinds differ by fill: *control* is solid, *influence*
hatched, *activity* an outline only.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

__all__ = [
    "CVD_KINDS",
    "EVENT_TYPE_COLOURS",
    "EVENT_TYPE_SHAPES",
    "FACTION_COLOURS",
    "MIN_CVD_DISTANCE",
    "PRECISION_RING_KM",
    "UNKNOWN_COLOUR",
    "UNKNOWN_SHAPE",
    "ZONE_KIND_STYLES",
    "marker_radius",
    "palette_separation",
    "simulate_cvd",
]

#: ACLED event type → marker colour (Okabe–Ito).
EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#CC79A7",
    "Violence against civilians": "#E69F00",
    "Protests": "#009E73",
    "Riots": "#F0E442",
    "Strategic developments": "#0072B2",
}

#: ACLED event type → marker shape (drawn the same way on the HTML canvas and by matplotlib).
EVENT_TYPE_SHAPES: dict[str, str] = {
    "Battles": "circle",
    "Explosions/Remote violence": "star",
    "Violence against civilians": "triangle",
    "Protests": "square",
    "Riots": "triangle-down",
    "Strategic developments": "diamond",
}
UNKNOWN_SHAPE = "circle"

#: Faction id → zone colour. Paul Tol's rose, pale yellow, olive, indigo, blue, cyan, pink and a dark brown;
#: the Islamic State (drawn as activity outlines) in near-black.
FACTION_COLOURS: dict[str, str] = {
    "assad-government": "#CC6677",
    "transitional-government": "#999933",
    "hts": "#332288",
    "sna": "#0077BB",
    "sdf": "#EEDD88",
    "us-tanf": "#6B3D1F",
    "israel": "#33BBEE",
    "suwayda-factions": "#FFAABB",
    "islamic-state": "#222222",
}
UNKNOWN_COLOUR = "#888888"

#: Zone kind → how it is drawn: fill opacity, dash pattern, line weight, and the fill style
#: (``solid``, ``hatch`` or ``none``).
ZONE_KIND_STYLES: dict[str, dict[str, object]] = {
    "control": {"fillOpacity": 0.38, "dashArray": None, "weight": 1.2, "fill": "solid"},
    "influence": {"fillOpacity": 0.2, "dashArray": "6 4", "weight": 1.5, "fill": "hatch"},
    "activity": {"fillOpacity": 0.0, "dashArray": "2 5", "weight": 2.2, "fill": "none"},
}

#: geo_precision → radius of the uncertainty ring drawn around a point, in km.
PRECISION_RING_KM: dict[int, float] = {2: 10.0, 3: 40.0}

#: The smallest CIELAB distance between two faction colours, in every vision `simulate_cvd` models.
MIN_CVD_DISTANCE = 20.0

# Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
_CVD_MATRICES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "normal": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
#: The kinds of vision `simulate_cvd` knows.
CVD_KINDS: tuple[str, ...] = tuple(_CVD_MATRICES)


def marker_radius(fatalities: int | None) -> float:
    """Marker radius in pixels: grows with the square root of fatalities.

    Parameters
    ----------
    fatalities
        People killed; None (not reported) is drawn like zero.

    Examples
    --------
    >>> marker_radius(None), marker_radius(0), marker_radius(25)
    (6.0, 6.0, 16.0)
    """
    return 6.0 + 2.0 * math.sqrt(max(fatalities or 0, 0))


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (min(1.0, max(0.0, v)) for v in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def simulate_cvd(colour: str, kind: str = "deuteranopia") -> tuple[float, float, float]:
    """The CIELAB colour that *colour* (``#RRGGBB``) appears as for a kind of colour vision.

    Parameters
    ----------
    colour
        A hex colour.
    kind
        One of `CVD_KINDS`: ``normal``, ``protanopia``, ``deuteranopia``, ``tritanopia``.

    Examples
    --------
    >>> [round(v) for v in simulate_cvd("#FFFFFF", "normal")]
    [100, 0, 0]
    >>> simulate_cvd("#D55E00", "deuteranopia")[1] < simulate_cvd("#D55E00", "normal")[1]
    True
    """
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    rgb = [_linear(int(text[i : i + 2], 16)) for i in (0, 2, 4)]
    try:
        matrix = _CVD_MATRICES[kind]
    except KeyError as err:
        raise ValueError(f"unknown kind of vision {kind!r}; expected one of {', '.join(CVD_KINDS)}") from err
    r, g, b = (sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix)
    return _lab((r, g, b))


def palette_separation(palette: Mapping[str, str]) -> tuple[float, str, str, str]:
    """The closest pair of a palette over every kind of vision: ``(distance, kind, name_a, name_b)``.

    Examples
    --------
    >>> distance, kind, a, b = palette_separation(FACTION_COLOURS)
    >>> distance >= MIN_CVD_DISTANCE
    True
    >>> palette_separation({"red": "#FF0000", "green": "#00FF00"})[1]
    'deuteranopia'
    """
    best: tuple[float, str, str, str] | None = None
    for kind in CVD_KINDS:
        seen = {name: simulate_cvd(colour, kind) for name, colour in palette.items()}
        for a, b in itertools.combinations(seen, 2):
            distance = math.dist(seen[a], seen[b])
            if best is None or distance < best[0]:
                best = (distance, kind, a, b)
    if best is None:
        raise ValueError("a palette needs at least two colours")
    return best
