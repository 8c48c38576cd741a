"""The incident contract as JSON: JSON Lines (one record per line) and a JSON array of records.

A ``.json`` file may also be a GeoJSON FeatureCollection; it is then read
as GeoJSON.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geo.errors import InputError
from geo.io.atomic import atomic_write
from geo.io.base import IncidentReader, IncidentWriter, ReadResult
from geo.io.geojson import parse_json, read_features
from geo.io.records import Problem, Rejection, problem, read_record, shown
from geo.io.text import read_text
from geo.models import INCIDENT_COLUMNS, Incident

__all__ = ["JsonLinesReader", "JsonLinesWriter", "JsonReader"]

_KNOWN = frozenset({*INCIDENT_COLUMNS, "reason"})


def _add(result: ReadResult, value: Any, file: str, label: str, unknown: set[str]) -> None:
    extra: list[Problem] = []
    record: dict[str, Any] = {}
    if isinstance(value, dict):
        record = {str(k).strip().lower(): v for k, v in value.items()}
        for key in sorted(set(record) - _KNOWN - unknown):
            unknown.add(key)
            message = f"unknown key {key!r} (not part of the incident contract; ignored)"
            result.warnings.append(problem(file, label, key, key, message, severity="warning"))
    else:
        extra.append(problem(file, label, "", None, f"is not a JSON object ({shown(value)[:80]})"))
    result.take(read_record(record, file=file, row=label, problems=extra), file, label, record)


class JsonLinesReader(IncidentReader):
    """Reads JSON Lines: one incident record (a JSON object, contract keys) per line.

    A line that is not valid JSON is rejected on its own; the others are read.
    """

    suffixes = (".jsonl", ".ndjson")

    def read(self, path: Path) -> ReadResult:
        file = str(path)
        decoded = read_text(path)
        result = ReadResult()
        if decoded.warning:
            result.warnings.append(Problem(file, None, decoded.warning, severity="warning"))
        unknown: set[str] = set()
        for number, line in enumerate(decoded.text.splitlines(), start=1):
            if not line.strip():
                continue
            label = f"line {number}"
            try:
                value = json.loads(line)
            except json.JSONDecodeError as err:
                text = f"not valid JSON ({err.msg} at column {err.colno})"
                bad = problem(file, label, "", None, text)
                result.rejected.append(Rejection(file, label, bad.message, {}, (bad,)))
                continue
            except RecursionError:
                bad = problem(file, label, "", None, "not readable JSON (nested too deeply)")
                result.rejected.append(Rejection(file, label, bad.message, {}, (bad,)))
                continue
            _add(result, value, file, label, unknown)
        if not result.rows:
            result.warnings.append(Problem(file, None, f"{file}: no records", severity="warning"))
        return result


class JsonReader(IncidentReader):
    """Reads a ``.json`` file: a JSON array of incident records, or a GeoJSON FeatureCollection."""

    suffixes = (".json",)

    def read(self, path: Path) -> ReadResult:
        file = str(path)
        decoded = read_text(path)
        if not decoded.text.strip():
            raise InputError(f"{file}: empty file")
        data = parse_json(decoded.text, file)
        if isinstance(data, dict) and data.get("type") == "FeatureCollection":
            result = read_features(data, file)
        elif isinstance(data, list):
            result = ReadResult()
            unknown: set[str] = set()
            for number, value in enumerate(data, start=1):
                _add(result, value, file, f"record {number}", unknown)
        else:
            raise InputError(
                f"{file}: expected a JSON array of incident records or a GeoJSON FeatureCollection, "
                f"got {shown(data)[:80]}"
            )
        if decoded.warning:
            result.warnings.insert(0, Problem(file, None, decoded.warning, severity="warning"))
        return result


class JsonLinesWriter(IncidentWriter):
    """Writes JSON Lines: one incident record per line, keys in contract order, UTF-8."""

    suffixes = (".jsonl",)

    def write(self, incidents: Sequence[Incident], path: Path) -> None:
        with atomic_write(path) as handle:
            for incident in incidents:
                handle.write(json.dumps(incident.to_record(), ensure_ascii=False) + "\n")
