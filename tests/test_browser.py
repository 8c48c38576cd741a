"""The HTML map in a real browser: headless Chromium, network off.

Run alone with ``python -m pytest tests/test_browser.py -m browser``. Chromium
must be installed (``/usr/bin/chromium``, or ``$GEO_CHROMIUM``): without it
these tests fail, they do not skip. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import CHROMIUM, Browser, Page

from geo.models import INCIDENT_COLUMNS

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
READY = "document.documentElement?.getAttribute('data-geo-map-ready') === 'true'"
ARABIC = re.compile("[\u0600-\u06ff]")

IMG = """<img src=x onerror="document.documentElement.setAttribute('data-pwned','1')">"""
SCRIPT = "</script><script>document.documentElement.setAttribute('data-pwned','2')</script>"
JS_URL = "javascript:document.documentElement.setAttribute('data-pwned','3')"
HOSTILE = f"{IMG} {SCRIPT} {JS_URL}"

# Viewport centres of the incident markers that a click there would hit
# (not hidden under another marker, a control or the title box).
CLICKABLE_MARKERS = """
[...document.querySelectorAll('.leaflet-gm-incidents-pane path.leaflet-interactive')].map((path, i) => {
  const r = path.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  return {i, x, y, hit: document.elementFromPoint(x, y) === path};
}).filter(m => m.hit)
"""

# Markers the page should draw: every incident except those placed only to a
# governorate, which are drawn as that governorate's outline instead.
EXPECTED_MARKERS = """(() => {
  const data = JSON.parse(document.getElementById('geo-map-data').textContent);
  const features = data.incidents.features;
  const areas = features.filter(f => f.properties.geo_precision === 3 && data.areas[f.properties.place_id]);
  return {features: features.length, areas: areas.length, markers: features.length - areas.length};
})()"""

# Where the map is: changes while Leaflet pans or zooms.
MAP_POSITION = """JSON.stringify([
  document.querySelector('.leaflet-map-pane')?.style.transform,
  !!document.querySelector('.leaflet-zoom-anim'),
  document.querySelector('.leaflet-popup')?.getBoundingClientRect(),
])"""

POPUP_OPEN = "document.querySelector('.leaflet-popup .leaflet-popup-content')?.textContent.length > 0"


# -- fixtures ------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module; each test opens its own tab."""
    try:
        chromium = Browser(CHROMIUM)
    except FileNotFoundError as err:
        pytest.fail(f"{err}. The browser tests need Chromium; they do not skip without it.", pytrace=False)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def maps_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("maps")


def geo_map(*args: str | Path, output: Path) -> Path:
    """Run the installed ``geo map`` console script and return the HTML it wrote."""
    geo = shutil.which("geo")
    assert geo, "the `geo` console script is not on PATH (pip install -e .)"
    done = subprocess.run(
        [geo, "map", *map(str, args), "-o", str(output)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, f"geo map failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    assert output.is_file()
    return output


@pytest.fixture(scope="module")
def seed_map(maps_dir: Path) -> Path:
    """The embedded seed dataset as a map."""
    return geo_map(output=maps_dir / "seed.html")


@pytest.fixture(scope="module")
def hostile_map(maps_dir: Path) -> Path:
    """Two incidents whose free-text fields try to inject HTML and script."""
    base = {"event_type": "Battles", "sub_event_type": "Armed clash", "source": "fixture"}
    rows = [
        {
            **base,
            "event_id": "HOSTILE-1",
            "event_date": "2025-05-19",
            "latitude": "36.2",
            "longitude": "37.16",
            "notes": HOSTILE,
            "location": HOSTILE,
            "actor1": HOSTILE,
            "source_url": JS_URL,
        },
        {
            **base,
            "event_id": "HOSTILE-2",
            "event_date": "2025-05-20",
            "latitude": "33.51",
            "longitude": "36.29",
            "notes": HOSTILE,
            "location": IMG,
            "actor1": SCRIPT,
            # An http URL (kept as a link) that tries to break out of the href attribute.
            "source_url": f'https://example.org/a">{IMG}',
        },
    ]
    path = maps_dir / "hostile.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=INCIDENT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return geo_map(path, output=maps_dir / "hostile.html")


@pytest.fixture
def open_map(browser: Browser) -> Iterator:
    """Open a map file in a new tab and wait for it to be drawn; close the tab afterwards."""
    pages: list[Page] = []

    def opener(path: Path, timeout: float = 10.0) -> Page:
        page = browser.new_page()
        pages.append(page)
        page.navigate(path.resolve().as_uri())
        page.wait_for(READY, timeout=timeout)
        wait_until_still(page)
        return page

    yield opener
    for page in pages:
        page.close()


# -- helpers -------------------------------------------------------------------


def wait_until_still(page: Page, timeout: float = 3.0) -> None:
    """Wait until the map (and any popup) has stopped moving.

    The page says it is ready before Leaflet's fitBounds pan animation ends
    (about 0.25 s), and opening a popup pans the map to fit it; clicks and
    screenshots need a still map.
    """
    deadline = time.monotonic() + timeout
    last, same = None, 0
    while time.monotonic() < deadline and same < 2:
        position = page.evaluate(MAP_POSITION)
        same = same + 1 if position == last else 0
        last = position
        time.sleep(0.1)


def open_popup(page: Page, index: int) -> str:
    """Click incident marker number *index* and return the popup's text once it is shown and settled.

    The marker's position is read just before the click, since an earlier
    popup may have panned the map. If the marker is now off screen or under a
    control, the click is dispatched on its SVG path instead of with the mouse.
    """
    marker = next((m for m in page.evaluate(CLICKABLE_MARKERS) if m["i"] == index), None)
    if marker is not None:
        page.click(marker["x"], marker["y"])
    else:
        page.evaluate(f"""(() => {{
          const path = document.querySelectorAll('.leaflet-gm-incidents-pane path.leaflet-interactive')[{index}];
          const r = path.getBoundingClientRect();
          path.dispatchEvent(new MouseEvent('click', {{bubbles: true, cancelable: true, view: window,
            clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}}));
        }})()""")
    page.wait_for(POPUP_OPEN, timeout=5)
    wait_until_still(page)
    return page.evaluate("document.querySelector('.leaflet-popup-content').textContent")


def close_popup(page: Page) -> None:
    """Close the open popup with its close button."""
    page.evaluate("document.querySelector('.leaflet-popup-close-button')?.click()")
    page.wait_for("!document.querySelector('.leaflet-popup')", timeout=5)


def clickable_markers(page: Page) -> list[int]:
    """Indexes of the incident markers that a click at their centre would reach."""
    markers = [m["i"] for m in page.evaluate(CLICKABLE_MARKERS)]
    assert markers, "no incident marker can be clicked (all hidden under controls or other markers?)"
    return markers


def save_screenshot(page: Page, name: str) -> None:
    """Save a screenshot for a person to look at; a failure here only warns."""
    try:
        page.screenshot(ARTIFACTS / name)
    except Exception as err:  # the picture is a by-product, not what is tested
        warnings.warn(f"could not save screenshot {name}: {err}", stacklevel=2)


def assert_offline(page: Page) -> None:
    leaks = [url for url in page.requests if not url.startswith(("file:", "data:"))]
    assert not leaks, f"the map tried to reach the network: {leaks}"


# -- tests ---------------------------------------------------------------------


def test_seed_map_loads_cleanly_offline(open_map, seed_map: Path) -> None:
    """The seed map is drawn within 10 s, with no errors, every marker, zones, and no network request."""
    page = open_map(seed_map, timeout=10)
    time.sleep(0.2)  # let late console messages arrive
    assert page.errors == [], "the page logged errors:\n" + "\n".join(page.errors)
    counts = page.evaluate(EXPECTED_MARKERS)
    drawn = page.evaluate("document.querySelectorAll('.leaflet-gm-incidents-pane path.leaflet-interactive').length")
    assert counts["features"] > 0
    assert drawn == counts["markers"], f"{drawn} markers drawn, expected {counts}"
    zones = page.evaluate("document.querySelectorAll('.leaflet-gm-zones-pane path').length")
    assert zones >= 1, "no zone of control drawn"
    if counts["areas"]:
        areas = page.evaluate("document.querySelectorAll('.leaflet-gm-areas-pane path.leaflet-interactive').length")
        assert areas >= 1, "governorate-level incidents have no area outline"
    assert page.requests and page.requests[0].startswith("file:")
    assert_offline(page)


def test_switching_zone_snapshot_redraws_zones(open_map, seed_map: Path) -> None:
    """Choosing another snapshot in the control changes data-geo-zones and replaces the zone paths."""
    page = open_map(seed_map)
    snapshots = page.evaluate("JSON.parse(document.getElementById('geo-map-data').textContent).snapshots")
    assert len(snapshots) >= 2, f"the seed map should offer several snapshots, has {snapshots}"
    before = page.evaluate("document.documentElement.getAttribute('data-geo-zones')")
    first = snapshots[0]
    assert before != first, "the first snapshot is already shown; nothing to switch to"
    page.evaluate("window.__oldZones = [...document.querySelectorAll('.leaflet-gm-zones-pane path')]; 0")
    old_shapes = page.evaluate("window.__oldZones.map(p => p.getAttribute('d')).sort()")
    radio = page.evaluate(f"""(() => {{
      const input = [...document.querySelectorAll('input[name="gm-snapshot"]')]
        .find(i => i.value === {json.dumps(first)});
      input.scrollIntoView({{block: 'center'}});
      const r = input.getBoundingClientRect();
      return {{x: r.left + r.width / 2, y: r.top + r.height / 2}};
    }})()""")
    page.click(radio["x"], radio["y"])  # a real click, so the control must be reachable by mouse
    page.wait_for(f"document.documentElement.getAttribute('data-geo-zones') === {json.dumps(first)}", timeout=5)
    assert page.evaluate(f"document.querySelector('input[name=\"gm-snapshot\"][value={json.dumps(first)}]').checked")
    assert page.evaluate("window.__oldZones.every(p => !p.isConnected)"), "the old zone paths are still on the map"
    new_shapes = page.evaluate(
        "[...document.querySelectorAll('.leaflet-gm-zones-pane path')].map(p => p.getAttribute('d')).sort()"
    )
    assert new_shapes, "no zone drawn for the first snapshot"
    assert new_shapes != old_shapes
    legend = page.evaluate("document.querySelector('.gm-zone-legend').textContent")
    # HTS held ground only in the first snapshot; the transitional government only in the second.
    assert "Tahrir al-Sham" in legend and "transitional" not in legend, f"the zone legend does not follow: {legend!r}"
    # "hide zones" removes them all.
    page.evaluate('document.querySelector(\'input[name="gm-snapshot"][value=""]\').click()')
    page.wait_for("document.documentElement.getAttribute('data-geo-zones') === 'none'", timeout=5)
    assert page.evaluate("document.querySelectorAll('.leaflet-gm-zones-pane path').length") == 0
    assert page.errors == []


def test_popup_shows_arabic_right_to_left(open_map, seed_map: Path) -> None:
    """Clicking a marker opens a popup whose Arabic text is marked and laid out right to left."""
    page = open_map(seed_map)
    marker = clickable_markers(page)[0]
    open_popup(page, marker)
    rtl = page.evaluate("""[...document.querySelectorAll('.leaflet-popup [dir="rtl"]')].map(e => ({
      text: e.textContent, lang: e.getAttribute('lang'), direction: getComputedStyle(e).direction,
      visible: e.getBoundingClientRect().width > 0
    }))""")
    arabic = [e for e in rtl if ARABIC.search(e["text"])]
    assert arabic, f"no dir=rtl element with Arabic text in the popup: {rtl}"
    for element in arabic:
        assert element["direction"] == "rtl", element
        assert element["lang"] == "ar", element
        assert element["visible"], element
    # No Arabic text anywhere in the popup is left without a right-to-left direction.
    stray = page.evaluate("""[...document.querySelectorAll('.leaflet-popup-content *')]
      .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && /[\\u0600-\\u06FF]/.test(n.textContent)))
      .filter(e => getComputedStyle(e).direction !== 'rtl' && e.getAttribute('dir') !== 'auto')
      .map(e => e.outerHTML)""")
    assert stray == [], f"Arabic text laid out left to right: {stray}"
    assert page.errors == []


def test_hostile_text_is_shown_not_run(open_map, hostile_map: Path) -> None:
    """HTML, script and javascript: URLs in incident fields appear as text and never execute."""
    page = open_map(hostile_map)
    pwned = "document.documentElement.getAttribute('data-pwned')"
    assert page.evaluate(pwned) is None, "injected script ran while the map was drawn"
    markers = clickable_markers(page)
    assert len(markers) == 2, f"expected both hostile incidents as clickable markers, got {markers}"
    texts, hrefs = [], []
    for marker in markers:
        texts.append(open_popup(page, marker))
        time.sleep(0.2)  # give an injected onerror handler time to run
        assert page.evaluate(pwned) is None, "injected script ran"
        assert page.evaluate("document.querySelectorAll('.leaflet-popup img').length") == 0
        assert page.evaluate("document.querySelectorAll('.leaflet-popup script, .leaflet-popup iframe').length") == 0
        assert (
            page.evaluate("document.querySelectorAll('.leaflet-popup [onerror], .leaflet-popup [onload]').length") == 0
        )
        javascript_urls = page.evaluate("""[...document.querySelectorAll('[href], [src], [action], [formaction]')]
          .flatMap(e => ['href', 'src', 'action', 'formaction'].map(a => e.getAttribute(a)))
          .filter(v => v && /^\\s*javascript:/i.test(v))""")
        assert javascript_urls == [], f"javascript: URL in the page: {javascript_urls}"
        hrefs += page.evaluate(
            "[...document.querySelectorAll('.leaflet-popup-content a[href]')].map(a => a.getAttribute('href'))"
        )
        close_popup(page)
    for text in texts:
        assert IMG in text, f"the <img> payload is not shown literally: {text!r}"
        assert SCRIPT in text, f"the </script> payload is not shown literally: {text!r}"
        assert JS_URL in text, f"the javascript: payload is not shown literally: {text!r}"
    # The javascript: source URL is dropped; the http one is kept, its break-out attempt escaped inside the URL.
    assert len(hrefs) == 1 and hrefs[0].startswith("https://example.org/"), hrefs
    assert not set('"<> ') & set(hrefs[0]), f"unescaped characters in the link: {hrefs[0]!r}"
    assert page.evaluate(pwned) is None
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert not [url for url in page.requests if url.rstrip("/").endswith("/x")], page.requests
    assert_offline(page)
    assert page.errors == [], page.errors


def test_screenshots_for_people(open_map, seed_map: Path) -> None:
    """Save the seed map and an open popup as PNGs in test-artifacts/ for a person to look at."""
    page = open_map(seed_map)
    save_screenshot(page, "seed-map.png")
    # Prefer a popup that shows an Arabic place name, to check shaping by eye.
    for marker in clickable_markers(page):
        open_popup(page, marker)
        if page.evaluate("!!document.querySelector('.leaflet-popup .gm-place-ar')"):
            break
        close_popup(page)
    if not page.evaluate("!!document.querySelector('.leaflet-popup')"):
        open_popup(page, clickable_markers(page)[0])
    save_screenshot(page, "seed-popup.png")
    assert page.errors == []
