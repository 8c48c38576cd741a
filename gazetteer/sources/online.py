"""The opt-in online fallback: a geopy geocoder, rate-limited and cached on disk.

Nothing here runs unless asked for (``geo resolve --online``). Results are
marked ``source="online:<service>"`` and never stored in the gazetteer
itself, only in the cache file.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from geopy.exc import GeopyError
from geopy.geocoders import get_geocoder_for_service

from gazetteer.errors import GazetteerError
from gazetteer.normalize import normalize_name
from gazetteer.place import Place
from gazetteer.userdata import user_dir

__all__ = ["USER_AGENT", "OnlineGeocoder", "OnlineGeocoderError"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

#: Identifies the tool to the geocoding service, as Nominatim's usage policy requires.
USER_AGENT = "geo-syria/0.1 (conflict incident mapper; https://pypi.org/project/geo-syria/)"
_KINDS = {
    "city": "city", "town": "town", "village": "village", "hamlet": "village", "suburb": "neighbourhood",
    "neighbourhood": "neighbourhood", "quarter": "neighbourhood", "aerodrome": "airbase", "prison": "prison",
    "dam": "dam", "peak": "mountain", "river": "river", "border_control": "crossing", "administrative": "region",
}  # fmt: skip


class OnlineGeocoderError(GazetteerError, ConnectionError):
    """The online geocoder could not be reached or refused the request."""


class OnlineGeocoder:
    """A rate-limited, cached geopy geocoder restricted to Syria and its borders.

    Parameters
    ----------
    service
        A geopy service name (``"nominatim"``, ``"photon"``, ``"arcgis"`` …).
    cache_path
        JSON file of past answers (hits and misses); default in the user folder.
    min_delay
        Seconds between two requests (Nominatim allows at most one per second).
    timeout
        Seconds to wait for an answer.
    geocoder
        A ready geopy geocoder (tests pass a fake one); built from *service* if None.

    Examples
    --------
    >>> class Fake:
    ...     def geocode(self, query, **kwargs):
    ...         return None
    >>> import tempfile, pathlib
    >>> online = OnlineGeocoder(geocoder=Fake(), cache_path=pathlib.Path(tempfile.mkdtemp()) / "c.json")
    >>> online.geocode("Nowhere") is None
    True
    """

    def __init__(
        self,
        service: str = "nominatim",
        *,
        cache_path: Path | None = None,
        min_delay: float = 1.0,
        timeout: float = 10.0,
        geocoder: Any = None,
    ) -> None:
        self.service = service
        self.min_delay = min_delay
        self.timeout = timeout
        self.cache_path = Path(cache_path) if cache_path else user_dir() / "online-cache.json"
        self._geocoder = geocoder
        self._last_request = 0.0
        self._cache: dict[str, dict[str, Any] | None] = self._load_cache()

    def _load_cache(self) -> dict[str, dict[str, Any] | None]:
        if not self.cache_path.exists():
            return {}
        try:
            data = json.loads(self.cache_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            logger.warning("ignoring unreadable geocoder cache %s (%s)", self.cache_path, err)
            return {}
        return data if isinstance(data, dict) else {}

    def _save_cache(self) -> None:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.cache_path.with_name(self.cache_path.name + ".tmp")
        tmp.write_text(json.dumps(self._cache, ensure_ascii=False, sort_keys=True, indent=1), encoding="utf-8")
        tmp.replace(self.cache_path)

    def _client(self) -> Any:
        if self._geocoder is None:
            try:
                cls = get_geocoder_for_service(self.service)
            except GeopyError as err:
                raise OnlineGeocoderError(f"unknown geocoding service {self.service!r}") from err
            self._geocoder = cls(user_agent=USER_AGENT, timeout=self.timeout)
        return self._geocoder

    def _wait_turn(self) -> None:
        wait = self._last_request + self.min_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request = time.monotonic()

    def geocode(self, name: str) -> Place | None:
        """Look *name* up online (once: answers, including misses, are cached)."""
        key = f"{self.service}:{normalize_name(name)}"
        if key not in self._cache:
            self._wait_turn()
            options: dict[str, Any] = {"exactly_one": True}
            if self.service == "nominatim":
                options.update(country_codes=["sy"], language="en")
            try:
                location = self._client().geocode(name, **options)
            except GeopyError as err:
                raise OnlineGeocoderError(
                    f"the online geocoder {self.service!r} could not answer for {name!r} ({err}); "
                    "check the network connection, or resolve without --online"
                ) from err
            except OSError as err:
                raise OnlineGeocoderError(f"the online geocoder {self.service!r} is unreachable ({err})") from err
            self._cache[key] = None if location is None else _record(location)
            self._save_cache()
        record = self._cache[key]
        return None if record is None else _place(record, self.service)


def _record(location: Any) -> dict[str, Any]:
    raw = getattr(location, "raw", {}) or {}
    return {
        "name": str(getattr(location, "address", "") or ""),
        "latitude": float(location.latitude),
        "longitude": float(location.longitude),
        "type": str(raw.get("type") or raw.get("addresstype") or ""),
        "id": str(raw.get("osm_id") or raw.get("place_id") or ""),
    }


def _place(record: dict[str, Any], service: str) -> Place:
    identifier = record["id"] or f"{record['latitude']:.5f},{record['longitude']:.5f}"
    return Place(
        place_id=f"online:{service}:{identifier}",
        name_en=record["name"].split(",")[0],
        name_ar="",
        kind=_KINDS.get(record["type"], "site"),
        latitude=record["latitude"],
        longitude=record["longitude"],
        names=(record["name"],),
        source=f"online:{service}",
    )
