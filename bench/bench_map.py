"""Benchmark: the HTML map at 1,000 to 100,000 incidents, beside folium's one-Marker-per-incident approach.

For each size it measures, in one run on this machine:

- **write**: seconds from incident records in memory to the HTML file on disk
  (ours: ``geo.mapping.build_map`` with the seed zones, then ``write_html``;
  folium: a ``folium.Map`` with one ``folium.Marker`` per incident, each with
  a popup and a tooltip, then ``Map.save``);
- **size**: the file's size in MB (10^6 bytes);
- **ready**: seconds from navigation to a drawn map in headless Chromium
  (Debian's ``/usr/bin/chromium``, network off, 1280×900): the page's
  load event has fired, our map has set ``data-geo-map-ready``, and one
  animation frame has passed. folium's page loads Leaflet from a CDN; so that
  it can load with the network off, its ``<script src>``/``<link>`` tags are
  replaced by the same Leaflet files inlined, and jQuery (which its popups
  use) from Debian's ``libjs-jquery``; the time to fetch them from a CDN is
  therefore not counted, which favours folium. Neither map has tiles.

The incidents are synthetic but shaped like ACLED's Syria data: places drawn
from the embedded gazetteer, ACLED event and sub-event types in ACLED-like
proportions, actors and sources from short lists, dates over 2017–2025, about
a quarter of the places approximate (``geo_precision`` 2) and 5 % known only
to the governorate, and a one-sentence note of about 110 characters each.

Usage::

    python bench/bench_map.py                      # 1,000 / 10,000 / 100,000 (folium at 1,000 and 10,000)
    python bench/bench_map.py --sizes 1000 --folium-sizes 1000 --keep /tmp/bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import Browser, Page  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from geo.mapping import build_map  # noqa: E402
from geo.models import Incident  # noqa: E402
from geo.seeds import load_zones  # noqa: E402
from maps import write_html  # noqa: E402
from maps.assets import leaflet_js  # noqa: E402

_TYPES = [  # (event type, sub-event types, weight)
    ("Explosions/Remote violence", ["Shelling/artillery/missile attack", "Air/drone strike",
                                    "Remote explosive/landmine/IED"], 45),
    ("Battles", ["Armed clash", "Non-state actor overtakes territory", "Government regains territory"], 28),
    ("Violence against civilians", ["Attack", "Abduction/forced disappearance"], 13),
    ("Strategic developments", ["Arrests", "Looting/property destruction", "Other"], 9),
    ("Protests", ["Peaceful protest", "Protest with intervention"], 4),
    ("Riots", ["Violent demonstration", "Mob violence"], 1),
]  # fmt: skip
_ACTORS = [
    "Military Forces of Syria (2000-2024)", "Islamic State (Syria)", "SDF: Syrian Democratic Forces",
    "HTS: Hayat Tahrir al-Sham", "SNA: Syrian National Army", "Military Forces of Turkey (2016-)",
    "Military Forces of Russia (2000-)", "Military Forces of Israel (2022-)", "Unidentified Armed Group (Syria)",
    "Civilians (Syria)", "Police Forces of Syria (2024-) General Security", "Military Forces of the United States",
    "Protesters (Syria)", "Rioters (Syria)", "Druze Militia (Syria)", "Tribal Militia (Syria)",
]  # fmt: skip
_SOURCES = [
    "Enab Baladi", "Syrian Observatory for Human Rights", "North Press Agency", "SANA", "Deir Ezzor 24",
    "Step News Agency", "Hawar News Agency", "Al-Monitor", "Reuters", "AFP", "Syria TV", "Zaman al-Wasl",
]  # fmt: skip
_VERBS = {
    "Explosions/Remote violence": "shelled positions of",
    "Battles": "clashed with",
    "Violence against civilians": "attacked",
    "Strategic developments": "arrested members of",
    "Protests": "protested against",
    "Riots": "rioted against",
}


def synthetic_incidents(count: int, *, seed: int = 2025) -> list[Incident]:
    """*count* ACLED-like incidents at gazetteer places (deterministic for a given *seed*)."""
    rng = random.Random(seed)
    gazetteer = Gazetteer.default()
    places = sorted(
        (p for p in gazetteer if p.country == "SY" and p.kind in ("city", "town", "village", "neighbourhood", "camp")),
        key=lambda p: p.place_id,
    )
    weights = [max(p.population or 0, 2000) ** 0.5 for p in places]
    governorates = sorted((p for p in gazetteer if p.kind == "governorate"), key=lambda p: p.place_id)
    types, type_weights = [t[:2] for t in _TYPES], [t[2] for t in _TYPES]
    start = dt.date(2017, 1, 1).toordinal()
    span = dt.date(2025, 6, 1).toordinal() - start
    out = []
    for n in range(count):
        ((event_type, subs),) = rng.choices(types, type_weights)
        actor1, actor2 = rng.sample(_ACTORS, 2)
        day = dt.date.fromordinal(start + rng.randrange(span))
        roll = rng.random()
        if roll < 0.05:
            place, precision = rng.choice(governorates), 3
        else:
            place = rng.choices(places, weights)[0]
            precision = 2 if roll < 0.3 else 1
        tp = 1 if rng.random() < 0.88 else rng.choice((2, 3))
        end = day + dt.timedelta(days=rng.randrange(2, 7)) if tp == 2 else None
        fatalities = 0 if rng.random() < 0.6 else min(int(rng.expovariate(1 / 4)) + 1, 120)
        out.append(
            Incident(
                event_id=f"SYR{n + 1:06d}",
                event_date=day,
                date_end=end,
                time_precision=tp,
                event_type=event_type,
                sub_event_type=rng.choice(subs),
                actor1=actor1,
                actor2=actor2,
                location=place.name_en,
                place_id=place.place_id,
                admin1=place.admin1,
                latitude=round(place.latitude + rng.uniform(-0.01, 0.01), 5),
                longitude=round(place.longitude + rng.uniform(-0.01, 0.01), 5),
                geo_precision=precision,
                fatalities=fatalities,
                source=rng.choice(_SOURCES),
                source_date=day + dt.timedelta(days=rng.randrange(0, 4)),
                notes=f"On {day.isoformat()}, {actor1} {_VERBS[event_type]} {actor2} in {place.name_en}. "
                f"{fatalities} fatalities reported.",
                language="en",
            )
        )
    return out


def write_ours(incidents: list[Incident], path: Path) -> None:
    """Our map: build_map with the seed zones, then write the file."""
    result = build_map(incidents, load_zones(), gazetteer=Gazetteer.default(), as_of=dt.date(2025, 6, 1))
    write_html(path, result.html)


#: jQuery (folium's popups need it) from Debian's libjs-jquery when installed; else a one-line stand-in.
_JQUERY = Path("/usr/share/javascript/jquery/jquery.min.js")
_JQUERY_STAND_IN = (
    "window.$ = function (html) { var t = document.createElement('template'); t.innerHTML = html.trim();"
    " return [t.content.firstChild]; };"
)


def _offline_folium(page: str) -> str:
    """folium's page with its CDN scripts and stylesheets replaced by inlined Leaflet and jQuery (so it loads
    offline): the CDN's other files (Bootstrap, Font Awesome, awesome-markers) are not needed by plain markers."""
    import js_lib_leaflet

    static = Path(js_lib_leaflet.__file__).parent / "static" / "js_lib_leaflet"
    css = (static / "leaflet.css").read_text(encoding="utf-8").replace("images/", (static / "images").as_uri() + "/")
    page = re.sub(r"<script src=\"https?://[^\"]+\"></script>\s*", "", page)
    page = re.sub(r"<link rel=\"stylesheet\" href=\"https?://[^\"]+\"/>\s*", "", page)
    jquery = _JQUERY.read_text(encoding="utf-8") if _JQUERY.is_file() else _JQUERY_STAND_IN
    inline = f"<style>{css}</style><script>{leaflet_js()}</script><script>{jquery}</script>"
    return page.replace("<head>", "<head>" + inline, 1)


def write_folium(incidents: list[Incident], path: Path) -> None:
    """folium's default approach: one Marker per incident with an escaped popup and a tooltip."""
    import folium

    fmap = folium.Map(location=[35.0, 38.5], zoom_start=7, tiles=None)  # no tiles: like ours, offline
    for i in incidents:
        text = (
            f"<b>{html.escape(i.sub_event_type)}</b><br>{i.event_date.isoformat()}<br>"
            f"{html.escape(i.actor1)} vs {html.escape(i.actor2)}<br>{html.escape(i.location)}<br>"
            f"{i.fatalities} killed<br>{html.escape(i.notes)}"
        )
        folium.Marker(
            [i.latitude, i.longitude], popup=folium.Popup(text, max_width=300), tooltip=html.escape(i.sub_event_type)
        ).add_to(fmap)
    fmap.save(str(path))


def _timed(func: Callable[[], Any]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


_READY = """new Promise(resolve => {
  const check = () => {
    const ours = document.documentElement.getAttribute('data-geo-map-ready');
    const isOurs = !!document.getElementById('geo-map-data');
    if (document.readyState === 'complete' && (!isOurs || ours === 'true')) {
      requestAnimationFrame(() => resolve(performance.now()));
    } else setTimeout(check, 5);
  };
  check();
})"""


def time_to_ready(browser: Browser, path: Path, timeout: float = 120.0) -> tuple[float, list[str]]:
    """Seconds from navigation to a drawn page, and the page's errors."""
    page: Page = browser.new_page()
    try:
        page.navigate(path.resolve().as_uri())
        page.wait_for("location.protocol === 'file:'", timeout=timeout)
        ms = page.send(
            "Runtime.evaluate", {"expression": _READY, "awaitPromise": True, "returnByValue": True}, timeout=timeout
        )["result"]["value"]
        return ms / 1000, list(page.errors)
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="incident counts for our map")
    parser.add_argument("--folium-sizes", default="1000,10000", help="incident counts for folium's approach")
    parser.add_argument("--keep", type=Path, help="keep the HTML files in this folder")
    parser.add_argument("--no-browser", action="store_true", help="skip the time to ready in Chromium")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    folium_sizes = [int(s) for s in args.folium_sizes.split(",") if s]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="geo-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    write_ours(synthetic_incidents(10), folder / "warm-up.html")  # load the gazetteer, basemap and seed zones once
    rows = []
    browser = None if args.no_browser else Browser(timeout=180)
    try:
        for approach, counts, writer in (("geo map", sizes, write_ours), ("folium Marker", folium_sizes, write_folium)):
            for count in counts:
                incidents = synthetic_incidents(count)
                path = folder / f"{approach.split()[0]}-{count}.html"
                seconds = _timed(lambda incidents=incidents, path=path, writer=writer: writer(incidents, path))
                if writer is write_folium:
                    path.write_text(_offline_folium(path.read_text(encoding="utf-8")), encoding="utf-8")
                size = path.stat().st_size / 1e6
                ready, errors = time_to_ready(browser, path) if browser else (float("nan"), [])
                rows.append((approach, count, seconds, size, ready, len(errors)))
                print(
                    f"{approach:14} {count:>7,} incidents: write {seconds:6.2f} s, {size:6.2f} MB, "
                    f"ready {ready:6.2f} s, {len(errors)} page errors",
                    file=sys.stderr,
                )
    finally:
        if browser:
            browser.close()
    print("| approach | incidents | write (s) | file (MB) | ready in Chromium (s) |")
    print("|---|---:|---:|---:|---:|")
    for approach, count, seconds, size, ready, _ in rows:
        print(f"| {approach} | {count:,} | {seconds:.2f} | {size:.2f} | {ready:.2f} |")
    if not args.keep:
        print(f"(files in {folder})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
