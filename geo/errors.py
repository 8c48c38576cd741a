"""Exceptions raised by the geo package."""

from __future__ import annotations

__all__ = ["GeoError", "InputError", "ZoneError"]


class GeoError(Exception):
    """Root of every error the incident domain raises."""


class InputError(GeoError, ValueError):
    """An input file or value is unusable; the message names file, row and value."""


class ZoneError(GeoError, ValueError):
    """Zones of control cannot be built or selected."""
