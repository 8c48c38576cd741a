"""The embedded seed dataset: incidents, aggregates, sources and zones of control."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.boundaries import syria_outline
from geo.errors import InputError
from geo.io.base import ReadResult
from geo.io.csv_format import CsvReader
from geo.io.records import parse_date
from geo.models import Aggregate, Zone
from geo.zones import derive_zones, read_control_points
from seeds import seed_path

__all__ = ["Source", "load_aggregates", "load_incidents", "load_sources", "load_zones", "seed_path"]


@dataclass(frozen=True)
class Source:
    """A publication that the seed facts are taken from."""

    source_id: str
    publisher: str
    published: str
    title: str
    url: str
    language: str
    seed_file: str
    note: str


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_incidents() -> ReadResult:
    """The seed incidents (placed or not) as read from ``seeds/incidents.csv``."""
    return CsvReader().read(seed_path("incidents.csv"))


def load_sources() -> list[Source]:
    """The publications cited by the seed dataset."""
    return [Source(**row) for row in _rows(seed_path("sources.csv"))]


def _optional_date(text: str):  # type: ignore[no-untyped-def]
    return parse_date(text) if text.strip() else None


def load_aggregates() -> list[Aggregate]:
    """Figures that are not point events (counts over a period and an area)."""
    path = seed_path("aggregates.csv")
    out = []
    for line, row in enumerate(_rows(path), start=2):
        try:
            out.append(
                Aggregate(
                    aggregate_id=row["aggregate_id"],
                    measure=row["measure"],
                    value=float(row["value"]),
                    period_start=_optional_date(row["period_start"]),
                    period_end=_optional_date(row["period_end"]),
                    area=row["area"],
                    place_ids=tuple(p for p in row["place_ids"].split(";") if p),
                    geo_precision=int(row["geo_precision"]) if row["geo_precision"] else None,
                    actor=row["actor"],
                    source=row["source"],
                    source_date=_optional_date(row["source_date"]),
                    notes=row["notes"],
                )
            )
        except (KeyError, ValueError) as err:
            raise InputError(f"{path}, row {line}: {err}") from err
    return out


@lru_cache(maxsize=1)
def _seed_zones() -> tuple[Zone, ...]:
    points = read_control_points(seed_path("control_points.csv"), Gazetteer.default())
    return tuple(derive_zones(points, syria_outline()))


def load_zones() -> list[Zone]:
    """Zones of control derived from ``seeds/control_points.csv`` (approximate; see CONTROL.md)."""
    return list(_seed_zones())
