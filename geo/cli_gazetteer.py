"""``geo gazetteer``: search, statistics and imports into the user gazetteer."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from gazetteer import Gazetteer, describe_uncertainty
from gazetteer.sources.geonames import GeoNamesDump
from gazetteer.sources.table import PLACE_COLUMNS, PlaceTable
from gazetteer.userdata import user_dir
from geo.io.atomic import atomic_write

__all__ = ["gazetteer_app", "write_place_table"]

gazetteer_app = typer.Typer(
    help="The Syrian gazetteer: search it, count it, extend it.\n\nExample: geo gazetteer search Hasakeh",
    no_args_is_help=True,
)


def write_place_table(places: list, path: Path) -> None:  # type: ignore[type-arg]
    """Write places in the Place-schema CSV, atomically."""
    with atomic_write(path) as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(PLACE_COLUMNS)
        for p in places:
            writer.writerow(
                [p.place_id, p.kind, p.name_en, p.name_ar, "|".join(p.names), f"{p.latitude:.5f}",
                 f"{p.longitude:.5f}", "" if p.uncertainty_m is None else p.uncertainty_m, p.country,
                 p.admin1, p.admin2, p.admin3, p.parent_id, "" if p.population is None else p.population,
                 p.source, ""]
            )  # fmt: skip


def _flag(uncertainty_m: int | None) -> str:
    return f"  ({describe_uncertainty(uncertainty_m)})" if uncertainty_m else ""


@gazetteer_app.command()
def search(
    text: Annotated[str, typer.Argument(help="A place name, in any spelling.")],
    context: Annotated[str | None, typer.Option("--context", "-c", help="Text naming nearby places.")] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", "-k", help="Only places of this kind (repeatable).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many candidates.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Rank every candidate place for a name, with its score and the evidence.

    Example: geo gazetteer search الحيدرية --context حلب
    """
    gazetteer = Gazetteer.default()
    matches = gazetteer.candidates(text, context=context, kinds=kind or None, limit=limit)
    if as_json:
        rows = [
            {"place_id": m.place.place_id, "name_en": m.place.name_en, "name_ar": m.place.name_ar,
             "kind": m.place.kind, "latitude": m.place.latitude, "longitude": m.place.longitude,
             "uncertainty_m": m.place.uncertainty_m, "admin1": m.place.admin1, "score": m.score,
             "ambiguous": m.ambiguous, "reason": m.reason}
            for m in matches
        ]  # fmt: skip
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for rank, m in enumerate(matches, start=1):
            typer.echo(
                f"{rank:>2}. {m.score:.2f}  {m.place.place_id}  {m.place.name_en} / {m.place.name_ar}  "
                f"({m.place.kind}, {m.place.admin1 or m.place.country})  {m.reason}{_flag(m.place.uncertainty_m)}"
            )
    if not matches:
        typer.echo(f"no place matches {text!r}", err=True)
        raise typer.Exit(1)


@gazetteer_app.command()
def stats(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Count the gazetteer's places by kind and by governorate.

    Example: geo gazetteer stats
    """
    gazetteer = Gazetteer.default()
    by_kind = Counter(p.kind for p in gazetteer)
    names = {p.place_id: p.name_en for p in gazetteer if p.kind == "governorate"}
    by_governorate = Counter(
        names.get(p.admin1, "outside Syria" if p.country != "SY" else "unknown") for p in gazetteer
    )
    approximate = sum(p.is_approximate for p in gazetteer)
    if as_json:
        counts = {"places": len(gazetteer), "approximate": approximate, "by_kind": by_kind}
        typer.echo(json.dumps({**counts, "by_governorate": by_governorate}, indent=2))
        return
    typer.echo(f"{len(gazetteer)} places, {approximate} of them at an estimated point (uncertainty_m set)")
    typer.echo("\nby kind:")
    for kind, count in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0])):
        typer.echo(f"  {kind:<14}{count:>6}")
    typer.echo("\nby governorate:")
    for name, count in sorted(by_governorate.items(), key=lambda kv: (-kv[1], kv[0])):
        typer.echo(f"  {name:<14}{count:>6}")


@gazetteer_app.command("import-geonames")
def import_geonames(
    dump: Annotated[Path, typer.Argument(help="A GeoNames country dump: SY.txt or SY.zip.")],
    alternate_names: Annotated[
        Path | None, typer.Option("--alternate-names", help="GeoNames alternateNames file (.txt or .zip).")
    ] = None,
) -> None:
    """Import a GeoNames dump into the user gazetteer (extends the embedded one).

    Places the embedded gazetteer already has gain the dump's names as aliases;
    the others are added. Download SY.zip from GeoNames (CC BY 4.0) yourself.

    Example: geo gazetteer import-geonames ~/Downloads/SY.zip
    """
    embedded = Gazetteer.default()
    new, extra_names = [], 0
    folder = user_dir()
    alias_rows: list[tuple[str, str]] = []
    for place in GeoNamesDump(dump, alternate_names=alternate_names).places():
        if place.place_id in embedded:
            known = set(embedded.get(place.place_id).all_names)
            fresh = [n for n in place.all_names if n not in known]
            alias_rows.extend((place.place_id, n) for n in fresh)
            extra_names += len(fresh)
        else:
            new.append(place)
    write_place_table(new, folder / "places" / "geonames.csv")
    with atomic_write(folder / "aliases" / "geonames.csv") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["place_id", "alias", "language", "source"])
        writer.writerows((pid, name, "", "geonames") for pid, name in alias_rows)
    Gazetteer.forget_default()
    typer.echo(f"imported {len(new)} new places and {extra_names} new names for known places into {folder}")


@gazetteer_app.command("import-places")
def import_places(
    path: Annotated[Path, typer.Argument(help="Your places: CSV or GeoJSON in the Place schema.")],
) -> None:
    """Add your own places (CSV or GeoJSON in the Place schema) to the user gazetteer.

    Example: geo gazetteer import-places my-places.csv
    """
    places = list(PlaceTable.from_file(path).places())
    target = user_dir() / "places" / f"user-{path.stem}.csv"
    write_place_table(places, target)
    Gazetteer.forget_default()
    typer.echo(f"imported {len(places)} places into {target}")
