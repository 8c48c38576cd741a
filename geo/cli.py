"""The ``geo`` command line: resolve places, map incidents, export them."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import logging
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from gazetteer import Gazetteer, GazetteerError, Match, describe_uncertainty
from gazetteer.boundaries import syria_outline
from gazetteer.sources.online import OnlineGeocoder
from geo.cli_gazetteer import gazetteer_app
from geo.errors import GeoError, InputError
from geo.io import FORMATS, ReadResult, UnplacedRow, ZoneWriter, read_incidents, writer_for
from geo.io.atomic import atomic_write
from geo.io.csv_format import format_cell
from geo.io.geojson import GeoJsonWriter
from geo.io.records import parse_date
from geo.io.zones import parse_zone_fields, read_zones
from geo.mapping import aggregate_lines, build_map, build_static
from geo.models import INCIDENT_COLUMNS, Zone
from geo.placing import Placement, place_incidents
from geo.seeds import load_aggregates, load_incidents, load_zones
from geo.validate import position_problems, summary_lines
from geo.validate import validate as validate_inputs
from geo.zones import derive_zones, read_control_points
from maps import MapError, write_html
from maps.html import embed_snippet

__all__ = ["app", "main"]

app = typer.Typer(
    name="geo",
    help="Map conflict incidents in Syria from news: resolve places, map incidents, export them.\n\n"
    "Example: geo map -o syria.html",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
zones_app = typer.Typer(help="Zones of control: derive them from control points.", no_args_is_help=True)
app.add_typer(zones_app, name="zones")
app.add_typer(gazetteer_app, name="gazetteer")


def _register_extract() -> None:
    """``geo extract`` and ``geo eval`` (news text to incidents; see geo/cli_extract.py)."""
    from geo.cli_extract import register

    register(app)


_register_extract()


@dataclass
class _State:
    debug: bool = False


_state = _State()


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")] = False,
) -> None:
    _state.debug = debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _guard(func: Any) -> Any:
    """Turn the packages' errors into a one-line message and exit status 2 (traceback with --debug)."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (GeoError, GazetteerError, MapError, OSError) as err:
            if _state.debug:
                raise
            raise _fail(str(err)) from err
        except Exception as err:  # no traceback ever reaches the user; --debug shows it
            if _state.debug or type(err).__module__.split(".")[0] in ("typer", "click"):
                raise  # typer's own exits and usage errors
            raise _fail(f"unexpected {type(err).__name__}: {err} (run with --debug for the traceback)") from err

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    wrapper.__wrapped__ = func  # type: ignore[attr-defined]
    return wrapper


def _as_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as err:
        raise InputError(f"--as-of {value!r} is not a date (use YYYY-MM-DD)") from err


# -- resolve ---------------------------------------------------------------


#: The score given to an answer of the online geocoder (never certain: no context was weighed).
_ONLINE_SCORE = 0.6


def _match_json(match: Match, gazetteer: Gazetteer) -> dict[str, Any]:
    place = match.place
    admin1 = gazetteer.get(place.admin1).name_en if place.admin1 in gazetteer else ""
    return {
        **place.summary(),
        "admin1": admin1,
        "admin1_pcode": place.admin1,
        "country": place.country,
        "score": match.score,
        "reason": match.reason,
        "source": place.source,
    }


def _resolution(query: str, matches: list[Match], gazetteer: Gazetteer) -> dict[str, Any]:
    if not matches:
        empty = dict.fromkeys(
            ("place_id", "name_en", "name_ar", "kind", "latitude", "longitude", "uncertainty_m", "admin1", "score")
        )
        return {"query": query, **empty, "ambiguous": False, "alternatives": []}
    best = matches[0]
    return {
        "query": query,
        **_match_json(best, gazetteer),
        "ambiguous": best.ambiguous,
        "alternatives": [_match_json(m, gazetteer) for m in matches[1:6]],
    }


@app.command()
@_guard
def resolve(
    names: Annotated[list[str], typer.Argument(help="Place names, in Arabic or English, in any spelling.")],
    context: Annotated[
        str | None, typer.Option("--context", "-c", help="Text whose place names help choose among homonyms.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array, one object per name.")] = False,
    places: Annotated[
        list[Path] | None, typer.Option("--places", help="Extra places: CSV or GeoJSON in the Place schema.")
    ] = None,
    online: Annotated[
        bool, typer.Option("--online", help="Ask an online geocoder (opt-in) for names nothing else resolves.")
    ] = False,
    geocoder: Annotated[str, typer.Option("--geocoder", help="The geopy service used by --online.")] = "nominatim",
) -> None:
    """Resolve place names to places in the Syrian gazetteer.

    Exit status 1 if any name is not resolved.

    Example: geo resolve --context حلب الحيدرية "Deir Ezzor"
    """
    gazetteer = Gazetteer.with_places(*places) if places else Gazetteer.default()
    fallback = OnlineGeocoder(geocoder) if online else None
    results = []
    for name in names:
        matches = gazetteer.candidates(name, context=context)
        if not matches and fallback is not None:
            place = fallback.geocode(name)
            if place is not None:
                matches = [Match(place, _ONLINE_SCORE, f"online geocoder ({geocoder})", name)]
        results.append(_resolution(name, matches, gazetteer))
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for r in results:
            if r["place_id"] is None:
                typer.echo(f"{r['query']}\tnot found")
                continue
            flag = "\tAMBIGUOUS: also " + ", ".join(a["place_id"] for a in r["alternatives"]) if r["ambiguous"] else ""
            if r["uncertainty_m"]:
                flag = f"\t{describe_uncertainty(r['uncertainty_m'])}{flag}"
            typer.echo(
                f"{r['query']}\t{r['place_id']}\t{r['name_en']} / {r['name_ar']}\t{r['kind']}\t"
                f"{r['latitude']:.5f},{r['longitude']:.5f}\t{r['admin1']}\tscore {r['score']:.2f}{flag}"
            )
    if any(r["place_id"] is None for r in results):
        raise typer.Exit(1)


# -- reading inputs --------------------------------------------------------


@dataclass
class _Loaded:
    read: ReadResult
    placement: Placement
    zones: list[Zone]
    seed: bool


def _load(inputs: list[Path] | None, zones_file: Path | None, zone_fields: dict[str, str] | None = None) -> _Loaded:
    gazetteer = Gazetteer.default()
    seed = not inputs
    read = load_incidents() if seed else read_incidents(list(inputs or []))
    # kept and mapped (nothing is dropped), but said: a point outside Syria, or lat/lon that look swapped
    read.warnings.extend(dataclasses.replace(p, severity="warning") for p in position_problems(read))
    placement = place_incidents(read.incidents, gazetteer)
    zones = read_zones(zones_file, gazetteer, fields=zone_fields) if zones_file else (load_zones() if seed else [])
    return _Loaded(read, placement, zones, seed)


def _unplaced_rows(loaded: _Loaded) -> list[UnplacedRow]:
    """Every unplaced incident and rejected row (with the values it had), with its reason."""
    rows = [UnplacedRow(u.incident.to_record(), u.reason) for u in loaded.placement.unplaced]
    return rows + [UnplacedRow(r.record, str(r)) for r in loaded.read.rejected]


def _write_unplaced(loaded: _Loaded, out: Path) -> Path | None:
    """Write every unplaced incident and rejected row, with its reason, beside *out*."""
    rows = [{**u.record, "reason": u.reason} for u in _unplaced_rows(loaded)]
    if not rows:
        return None
    path = out.with_name(out.stem + ".unplaced.csv")
    columns = [*INCIDENT_COLUMNS, "reason"]
    with atomic_write(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(format_cell(row.get(c)) for c in columns)
    return path


#: Reader warnings printed by `geo map` and `geo export` (`geo validate` prints all).
_SHOWN_WARNINGS = 20


def _report(loaded: _Loaded, mapped: int, later: int, unplaced_file: Path | None) -> None:
    rejected = len(loaded.read.rejected)
    unplaced = len(loaded.placement.unplaced)
    total = mapped + later + unplaced + rejected
    parts = [f"{mapped} mapped", f"{unplaced} unplaced", f"{rejected} rejected"]
    if later:
        parts.insert(1, f"{later} after the as-of date")
    typer.echo(f"{total} incidents read: " + ", ".join(parts) + ".", err=True)
    for w in loaded.read.warnings[:_SHOWN_WARNINGS]:
        typer.echo(f"warning: {w}", err=True)
    if len(loaded.read.warnings) > _SHOWN_WARNINGS:
        more = len(loaded.read.warnings) - _SHOWN_WARNINGS
        typer.echo(f"warning: … and {more} more warnings (geo validate lists them all)", err=True)
    for r in loaded.read.rejected:
        typer.echo(f"rejected: {r}", err=True)
    if unplaced_file:
        typer.echo(f"unplaced and rejected rows, with reasons: {unplaced_file}", err=True)


# -- map -------------------------------------------------------------------


@app.command("map")
@_guard
def map_command(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="Incident files (CSV, GeoJSON). None: the embedded seed dataset.")
    ] = None,
    zones: Annotated[
        Path | None,
        typer.Option("--zones", help="Zones: GeoJSON, GeoPackage, Shapefile or KML of zones, or a control-point CSV."),
    ] = None,
    zone_fields: Annotated[
        str | None,
        typer.Option(
            "--zone-fields",
            help="Map the zone file's columns: faction=COL,valid_from=COL,valid_to=COL,kind=COL,label_en=COL,"
            "label_ar=COL (a value that is no column is used as is, e.g. kind=influence).",
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Show the zones valid on this date and incidents up to it.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Where to write the HTML map (default: syria-incidents.html)."),
    ] = None,
    title: Annotated[str, typer.Option("--title", help="Title shown on the map.")] = "Conflict incidents in Syria",
    offline: Annotated[
        bool | None,
        typer.Option(
            "--offline/--online",
            help="Offline (default): the embedded vector basemap only. Online: add OpenStreetMap tiles.",
            show_default=False,
        ),
    ] = None,
    tiles: Annotated[
        str | None,
        typer.Option("--tiles", help="Online tiles by xyzservices name (e.g. Esri.WorldImagery); implies --online."),
    ] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Also draw the map as a PNG image for reports.")] = None,
    svg: Annotated[Path | None, typer.Option("--svg", help="Also draw the map as an SVG image for reports.")] = None,
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of --png (the page is 11 x 7.5 inches).")] = 200,
    embed: Annotated[
        bool, typer.Option("--embed", help="Print an iframe snippet to paste the HTML map into a report page.")
    ] = False,
) -> None:
    """Draw incidents and zones of control as a single-file HTML map (and/or PNG/SVG images).

    The HTML map works offline (Leaflet, data and a vector basemap are
    inlined); with --png or --svg alone, no HTML is written unless -o is given.

    Example: geo map --as-of 2024-11-26 -o before.html --png before.png
    """
    if tiles and offline:
        raise InputError("--tiles needs the network: use --online --tiles NAME, or leave --tiles out")
    tile_name = tiles or ("OpenStreetMap.Mapnik" if offline is False else None)
    fields = parse_zone_fields(zone_fields) if zone_fields else None
    if fields and not zones:
        raise InputError("--zone-fields needs --zones FILE")
    loaded = _load(inputs, zones, fields)
    day = _as_date(as_of)
    html_out = output or (None if png or svg else Path("syria-incidents.html"))
    shown = later = 0
    written: list[Path] = []
    if html_out:
        context = aggregate_lines(load_aggregates()) if loaded.seed else []
        result = build_map(
            loaded.placement.placed,
            loaded.zones,
            gazetteer=Gazetteer.default(),
            as_of=day,
            title=title,
            tiles=tile_name,
            context=context,
        )
        write_html(html_out, result.html)
        written.append(html_out)
        shown, later = len(result.shown), len(result.later)
    for path, image_format in ((png, "png"), (svg, "svg")):
        if path is None:
            continue
        from maps.static import write_static

        image = build_static(
            loaded.placement.placed,
            loaded.zones,
            gazetteer=Gazetteer.default(),
            as_of=day,
            title=title,
            image_format=image_format,
            dpi=dpi,
        )
        write_static(path, image)
        written.append(path)
        if not html_out:
            cutoff = day or max((i.last_date for i in loaded.placement.placed), default=dt.date.today())
            shown = sum(1 for i in loaded.placement.placed if i.event_date <= cutoff)
            later = len(loaded.placement.placed) - shown
    unplaced_file = _write_unplaced(loaded, written[0])
    _report(loaded, shown, later, unplaced_file)
    for path in written:
        typer.echo(f"wrote {path}", err=embed)
    if embed and html_out:
        typer.echo(embed_snippet(html_out.name, title=title))
    if loaded.read.rejected:
        raise typer.Exit(1)


# -- export ----------------------------------------------------------------


@app.command()
@_guard
def export(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Incident files: CSV (ours, ACLED, UCDP GED), JSON, JSON Lines, GeoJSON, GeoPackage, Shapefile, KML."
            " None: the embedded seed dataset."
        ),
    ] = None,
    format_name: Annotated[
        str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "geojson",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file (default: standard output).")
    ] = None,
    zones_only: Annotated[
        bool, typer.Option("--zones", help="Export the zones of control instead of incidents.")
    ] = False,
    zones_file: Annotated[
        Path | None,
        typer.Option("--zones-file", help="Zones to export with --zones, or into gpkg/kml (default: the seed zones)."),
    ] = None,
) -> None:
    """Export incidents (or zones) for GIS tools: GeoJSON, GeoPackage, KML, CSV, ACLED CSV, JSON Lines.

    geojson: RFC 7946; gpkg: layers incidents, zones, unplaced; kml: styled as
    the HTML map, for Google Earth; csv: the incident schema; acled: ACLED's
    columns in ACLED's order; jsonl: one record per line. gpkg and kml also
    carry the zones (the seed zones, or --zones-file).

    Example: geo export seeds/incidents.csv --format gpkg -o incidents.gpkg
    """
    writer = writer_for(format_name)
    if zones_only:
        if not isinstance(writer, ZoneWriter):
            zone_formats = ", ".join(n for n, w in FORMATS.items() if isinstance(w, ZoneWriter))
            raise InputError(f"zones can be exported as {zone_formats}, not {format_name!r}")
        zones = read_zones(zones_file, Gazetteer.default()) if zones_file else load_zones()
        if output:
            writer.write_zones(zones, output)
            typer.echo(f"wrote {len(zones)} zones to {output}", err=True)
        else:
            _stdout(lambda path: writer.write_zones(zones, path), writer.suffixes[0])
        return
    loaded = _load(inputs, zones_file)
    placed = loaded.placement.placed
    unplaced_rows = _unplaced_rows(loaded)

    def write(path: Path) -> None:
        writer.write_all(placed, path, zones=loaded.zones, unplaced=unplaced_rows)

    if output:
        write(output)
        unplaced_file = _write_unplaced(loaded, output)
        _report(loaded, len(placed), 0, unplaced_file)
        typer.echo(f"wrote {output}", err=True)
    else:
        _stdout(write, writer.suffixes[0] if writer.suffixes else "")
        _report(loaded, len(placed), 0, None)
        for u in loaded.placement.unplaced:
            typer.echo(f"unplaced: {u.incident.event_id}: {u.reason}", err=True)
    if loaded.read.rejected:
        raise typer.Exit(1)


def _stdout(write: Any, suffix: str = "") -> None:
    """Run a file writer and copy what it wrote to standard output."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"out{suffix}"
        write(path)
        sys.stdout.flush()
        sys.stdout.buffer.write(path.read_bytes())
        sys.stdout.buffer.flush()


# -- validate --------------------------------------------------------------


@app.command()
@_guard
def validate(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="Incident files (any format geo map reads), zone files or control-point CSVs."),
    ],
    today: Annotated[
        str | None, typer.Option("--today", help="Dates after this are in the future (default: today).")
    ] = None,
) -> None:
    """Check input files and report every problem with file, row, column and value.

    Errors: unreadable values, missing required columns, out-of-range or
    swapped coordinates, future dates, duplicate ids, invalid polygons.
    Warnings: points outside Syria, unknown columns, a GeoJSON crs member,
    a guessed encoding, mixed Arabic and Latin digits. Exit status 0 when
    there is no error, 1 when there are errors, 2 when an input cannot be read.

    Example: geo validate acled-syria.csv zones.geojson
    """
    day = parse_date(today) if today else None
    report = validate_inputs(inputs, today=day)
    for item in report.problems:
        typer.echo(f"{item.severity}: {item}")
    for line in summary_lines(report):
        typer.echo(line)
    raise typer.Exit(report.exit_code)


# -- zones -----------------------------------------------------------------


@zones_app.command("derive")
@_guard
def zones_derive(
    control: Annotated[
        Path,
        typer.Argument(help="Control-point CSV: place_id, faction, kind, valid_from, valid_to, radius_km, source."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="GeoJSON file to write.")] = Path("zones.geojson"),
    max_distance_km: Annotated[
        float | None,
        typer.Option(
            "--max-distance-km",
            help="Claim no land farther than this from a control point (e.g. 50: the empty Badia stays unclaimed). "
            "Default: no limit, as the seed zones.",
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Write only the snapshot valid on this date (default: every one).")
    ] = None,
) -> None:
    """Derive zones of control from control points (Voronoi cells clipped to Syria).

    Example: geo zones derive seeds/control_points.csv --max-distance-km 50 -o zones.geojson
    """
    if max_distance_km is not None and max_distance_km <= 0:
        raise InputError(f"--max-distance-km {max_distance_km!r} must be positive")
    points = read_control_points(control, Gazetteer.default())
    zones = derive_zones(points, syria_outline(), max_distance_km=max_distance_km)
    day = _as_date(as_of)
    if day is not None:
        zones = [z for z in zones if z.is_valid_on(day)]
        if not zones:
            raise InputError(f"{control}: no snapshot of control points is valid on {day.isoformat()}")
    GeoJsonWriter().write_zones(zones, output)
    typer.echo(f"wrote {len(zones)} zones to {output}")


def main() -> None:
    """Entry point of the ``geo`` console script."""
    app()
