"""Exceptions raised by the gazetteer package."""

from __future__ import annotations

__all__ = ["GazetteerDataError", "GazetteerError", "PlaceNotFoundError"]


class GazetteerError(Exception):
    """Root of every error the gazetteer raises."""


class GazetteerDataError(GazetteerError, ValueError):
    """A gazetteer data file is malformed (names the file, row and value)."""


class PlaceNotFoundError(GazetteerError, LookupError):
    """A place id or name is not in the gazetteer."""
