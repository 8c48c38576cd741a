"""Renderers of incidents and zones: single-file HTML maps.

Examples
--------
>>> from maps import render_html
>>> render_html([], title="Syria").startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import logging

from maps.errors import MapError, MapInputError
from maps.html import render_html, write_html

__all__ = ["MapError", "MapInputError", "render_html", "write_html"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
