"""Exceptions raised by the maps package."""

from __future__ import annotations

__all__ = ["MapError", "MapInputError"]


class MapError(Exception):
    """Root of every error the renderers raise."""


class MapInputError(MapError, ValueError):
    """Something given to a renderer cannot be drawn (names the feature and value)."""
