"""The JavaScript and CSS a map embeds: Leaflet (from PyPI) and our own layer code."""

from __future__ import annotations

import base64
import re
from functools import lru_cache
from importlib import resources

__all__ = ["LEAFLET_VERSION", "incident_map_css", "incident_map_js", "leaflet_css", "leaflet_js"]

#: Leaflet is taken from the ``django-js-lib-leaflet`` wheel, which ships its dist files.
_LEAFLET_PACKAGE = "js_lib_leaflet"
LEAFLET_VERSION = "1.9.4"
_CSS_IMAGE = re.compile(r"url\((?:['\"])?images/([\w.-]+\.png)(?:['\"])?\)")


def _leaflet_file(name: str) -> str:
    return (resources.files(_LEAFLET_PACKAGE) / "static" / _LEAFLET_PACKAGE / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def leaflet_js() -> str:
    """Leaflet's minified JavaScript."""
    return _leaflet_file("leaflet.js")


@lru_cache(maxsize=1)
def leaflet_css() -> str:
    """Leaflet's stylesheet, with its images inlined as data URIs."""
    images = resources.files(_LEAFLET_PACKAGE) / "static" / _LEAFLET_PACKAGE / "images"

    def inline(match: re.Match[str]) -> str:
        data = base64.b64encode((images / match.group(1)).read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return _CSS_IMAGE.sub(inline, _leaflet_file("leaflet.css"))


@lru_cache(maxsize=1)
def incident_map_js() -> str:
    """The code that draws the basemap, zones, incidents, legend and popups."""
    return (resources.files("maps") / "assets" / "incident_map.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def incident_map_css() -> str:
    """The stylesheet of the map's own controls and popups."""
    return (resources.files("maps") / "assets" / "incident_map.css").read_text(encoding="utf-8")
