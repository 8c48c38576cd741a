"""Colours and symbols shared by every renderer.

Event-type colours are the Okabe–Ito palette (safe for the common forms of
colour blindness); faction colours are chosen to stay apart from them and
from each other, with the Islamic State's activity drawn as an outline only.
"""

from __future__ import annotations

import math

__all__ = [
    "EVENT_TYPE_COLOURS",
    "FACTION_COLOURS",
    "PRECISION_RING_KM",
    "UNKNOWN_COLOUR",
    "ZONE_KIND_STYLES",
    "marker_radius",
]

#: ACLED event type → marker colour.
EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#CC79A7",
    "Violence against civilians": "#E69F00",
    "Protests": "#009E73",
    "Riots": "#F0E442",
    "Strategic developments": "#0072B2",
}

#: Faction id → zone fill colour.
FACTION_COLOURS: dict[str, str] = {
    "assad-government": "#c9544d",
    "transitional-government": "#5b8c5a",
    "hts": "#4d7ea8",
    "sna": "#b58b3c",
    "sdf": "#e8c547",
    "us-tanf": "#7a5c99",
    "israel": "#3fa7c4",
    "suwayda-factions": "#c97fb0",
    "islamic-state": "#222222",
}
UNKNOWN_COLOUR = "#888888"

#: Zone kind → how it is drawn (fill opacity, dash pattern, weight).
ZONE_KIND_STYLES: dict[str, dict[str, object]] = {
    "control": {"fillOpacity": 0.38, "dashArray": None, "weight": 1.2},
    "influence": {"fillOpacity": 0.2, "dashArray": "6 4", "weight": 1.5},
    "activity": {"fillOpacity": 0.06, "dashArray": "2 5", "weight": 2.2},
}

#: geo_precision → radius of the uncertainty ring drawn around a point, in km.
PRECISION_RING_KM: dict[int, float] = {2: 10.0, 3: 40.0}


def marker_radius(fatalities: int | None) -> float:
    """Marker radius in pixels: grows with the square root of fatalities.

    Examples
    --------
    >>> marker_radius(None), marker_radius(0), marker_radius(25)
    (6.0, 6.0, 16.0)
    """
    return 6.0 + 2.0 * math.sqrt(fatalities or 0)
