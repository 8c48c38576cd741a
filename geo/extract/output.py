"""Writing extracted incidents: streamed CSV and JSON Lines, or any `geo.io` format.

CSV and JSON Lines are written row by row as documents are processed, in
the same bytes as `geo.io`'s writers (so memory stays flat on any corpus);
other formats (GeoJSON, GeoPackage, KML …) go through `geo.io.writer_for`
once all incidents are known. Files are written atomically.
"""

from __future__ import annotations

import abc
import contextlib
import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from geo.errors import InputError
from geo.io import FORMATS, writer_for
from geo.io.atomic import atomic_write
from geo.io.csv_format import format_cell
from geo.models import INCIDENT_COLUMNS, Incident

__all__ = ["CollectingSink", "CsvSink", "IncidentSink", "JsonLinesSink", "sink_for"]


class IncidentSink(abc.ABC):
    """Receives incidents as they are extracted and writes them to a file on `close`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.count = 0

    @abc.abstractmethod
    def add(self, incidents: Iterable[Incident]) -> None:
        """Take more incidents."""

    @abc.abstractmethod
    def close(self) -> None:
        """Finish the file (nothing is visible at *path* before)."""

    def abort(self) -> None:  # noqa: B027 - nothing to undo for sinks that write only on close
        """Give up: leave *path* as it was."""

    def __enter__(self) -> IncidentSink:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


class _Abort(Exception):
    """Thrown into an atomic write to discard it."""


class _StreamingSink(IncidentSink):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._stack = contextlib.ExitStack()
        self._handle: IO[str] = self._stack.enter_context(atomic_write(self.path))
        self._start()

    def _start(self) -> None:
        pass

    def close(self) -> None:
        self._stack.close()

    def abort(self) -> None:
        with contextlib.suppress(_Abort):
            self._stack.__exit__(_Abort, _Abort(), None)


class CsvSink(_StreamingSink):
    """The incident-schema CSV, one row per incident, contract column order."""

    def _start(self) -> None:
        self._writer = csv.writer(self._handle, lineterminator="\n")
        self._writer.writerow(INCIDENT_COLUMNS)

    def add(self, incidents: Iterable[Incident]) -> None:
        for incident in incidents:
            record = incident.to_record()
            self._writer.writerow(format_cell(record[c]) for c in INCIDENT_COLUMNS)
            self.count += 1


class JsonLinesSink(_StreamingSink):
    """JSON Lines: one incident record per line, keys in contract order."""

    def add(self, incidents: Iterable[Incident]) -> None:
        for incident in incidents:
            self._handle.write(json.dumps(incident.to_record(), ensure_ascii=False) + "\n")
            self.count += 1


class CollectingSink(IncidentSink):
    """Any `geo.io` writer: incidents are kept until `close`."""

    def __init__(self, path: Path, writer: Any) -> None:
        super().__init__(path)
        self._writer = writer
        self._incidents: list[Incident] = []

    def add(self, incidents: Iterable[Incident]) -> None:
        for incident in incidents:
            self._incidents.append(incident)
            self.count += 1

    def close(self) -> None:
        self._writer.write(self._incidents, self.path)


def sink_for(path: Path) -> IncidentSink:
    """The sink for an output file, by its ending (``.csv``, ``.jsonl``, ``.geojson``, or a `geo.io` format).

    Examples
    --------
    >>> type(sink_for(Path("incidents.geojson"))).__name__
    'CollectingSink'
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return CsvSink(path)
    if suffix in (".jsonl", ".ndjson"):
        return JsonLinesSink(path)
    name = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".kml": "kml"}.get(suffix, suffix[1:])
    if name not in FORMATS:
        raise InputError(
            f"{path}: unknown output type {suffix!r} (use .csv, .jsonl, .geojson or: {', '.join(FORMATS)})"
        )
    return CollectingSink(path, writer_for(name))
