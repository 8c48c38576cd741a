"""Sources of places: one module per backend, one base class."""

from __future__ import annotations

from gazetteer.sources.base import PlaceSource
from gazetteer.sources.embedded import EmbeddedSource
from gazetteer.sources.table import PlaceTable

__all__ = ["EmbeddedSource", "PlaceSource", "PlaceTable"]
