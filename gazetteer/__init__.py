"""A bilingual Syrian gazetteer and a forgiving place-name resolver.

Examples
--------
>>> from gazetteer import Gazetteer
>>> Gazetteer.default().resolve("Deir Ezzor").place.name_ar
'دير الزور'
"""

from __future__ import annotations

import logging

from gazetteer.errors import GazetteerDataError, GazetteerError, PlaceNotFoundError
from gazetteer.normalize import is_arabic, latin_skeleton, loose_key, name_variants, normalize_name
from gazetteer.place import LonLat, Place, describe_uncertainty
from gazetteer.resolver import Gazetteer, Match, distance_km

__all__ = [
    "Gazetteer",
    "GazetteerDataError",
    "GazetteerError",
    "LonLat",
    "Match",
    "Place",
    "PlaceNotFoundError",
    "describe_uncertainty",
    "distance_km",
    "is_arabic",
    "latin_skeleton",
    "loose_key",
    "name_variants",
    "normalize_name",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
