"""The common ground of delimited-text readers (the incident CSV, ACLED, UCDP GED).

A `TableReader` decodes the file (see `geo.io.text`), finds the separator,
checks the header, and turns each row into a contract record through
`TableReader.convert`; the subclass only says which columns it knows and
how its columns map onto the incident contract.
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from geo.errors import InputError
from geo.io.base import IncidentReader, ReadResult
from geo.io.records import Problem, Rejection, problem, read_record
from geo.io.text import DecodedText, read_text

__all__ = ["MissingColumnsError", "TableReader", "field_size_limit", "header_of", "split_header"]

_SEPARATORS = {",": "','", ";": "';'", "\t": "a tab", "|": "'|'"}


class MissingColumnsError(InputError):
    """A table lacks columns without which no row can be read."""

    def __init__(self, path: Path | str, missing: Sequence[str], kind: str) -> None:
        self.path = str(path)
        self.missing = tuple(missing)
        self.kind = kind
        super().__init__(f"{path}: missing required column(s) {', '.join(map(repr, missing))} for {kind}")


@contextlib.contextmanager
def field_size_limit(limit: int) -> Iterator[None]:
    """Let the csv module read fields up to *limit* characters, restoring the old limit after.

    Python's default (131,072) would stop a whole file at one long field;
    overlong fields are instead rejected row by row (`MAX_FIELD_CHARS`).
    """
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _separator(first_line: str) -> str:
    counts = {sep: 0 for sep in _SEPARATORS}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def split_header(text: str) -> tuple[list[str], str]:
    """The column names (stripped, lower case) of delimited *text*, and its separator."""
    lines = text.splitlines()
    first_line = lines[0] if lines else ""
    separator = _separator(first_line)
    try:
        row = next(csv.reader([first_line], delimiter=separator), [])
    except csv.Error:  # a header the csv module cannot parse is no header
        return [], separator
    return [name.strip().lower() for name in row], separator


def header_of(path: Path) -> list[str]:
    """The column names of a delimited text file (empty if it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(65536)
    except OSError:
        return []
    from geo.io.text import decode

    try:
        text = decode(data, str(path)).text
    except InputError:
        return []
    return split_header(text)[0]


class TableReader(IncidentReader):
    """Reads incidents from a delimited text table (comma, semicolon, tab or bar separated)."""

    suffixes = (".csv", ".tsv", ".txt")
    #: What the format is called in messages.
    kind: ClassVar[str] = "a table"
    #: Columns the format cannot do without (lower case).
    required: ClassVar[tuple[str, ...]] = ()
    #: Every column the format defines; others get an "unknown column" warning.
    known: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def detect(cls, header: Sequence[str]) -> bool:
        """True when a table with these (lower-case) column names is in this format."""
        return False

    def convert(self, row: Mapping[str, str], *, file: str, line: int) -> tuple[dict[str, Any], list[Problem]]:
        """Map a row (lower-case column → text) onto contract columns; also return problems found."""
        return dict(row), []

    def read(self, path: Path) -> ReadResult:
        return self.read_text(read_text(path), str(path))

    def read_text(self, decoded: DecodedText, file: str) -> ReadResult:
        """Read a table already decoded from *file*."""
        result = ReadResult()
        if decoded.warning:
            result.warnings.append(Problem(file, None, decoded.warning, severity="warning"))
        text = decoded.text
        if not text.strip():
            raise InputError(f"{file}: empty file (no header row)")
        header, separator = split_header(text)
        if separator != ",":
            message = f"{file}: columns are separated by {_SEPARATORS[separator]}, not commas"
            result.warnings.append(Problem(file, 1, message, severity="warning"))
        missing = [c for c in self.required if c not in header]
        if missing:
            raise MissingColumnsError(file, missing, self.kind)
        self._check_header(header, file, result)
        with field_size_limit(len(text) + 1):
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
            line = 1
            try:
                next(reader)
            except csv.Error as err:
                raise InputError(f"{file}, row 1: malformed header ({err})") from err
            while True:
                line += 1
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as err:
                    message = f"{file}, row {line}: malformed CSV ({err}); the rest of the file is not read"
                    bad = problem(file, line, "", None, f"malformed CSV ({err}); the rest of the file is not read")
                    result.rejected.append(Rejection(file, line, message, {}, (bad,)))
                    break
                if not cells or not any(cell.strip() for cell in cells):
                    continue
                self._row(header, cells, file, line, result)
        if not result.rows:
            result.warnings.append(Problem(file, None, f"{file}: no data rows (header only)", severity="warning"))
        return result

    def _check_header(self, header: list[str], file: str, result: ReadResult) -> None:
        seen: set[str] = set()
        for number, name in enumerate(header, start=1):
            if name in seen:
                text = f"column {name!r} appears twice (column {number}); the last one is read"
                result.warnings.append(problem(file, 1, name, name, text, severity="warning"))
            seen.add(name)
            if name and name not in self.known:
                text = f"unknown column {name!r} (not part of {self.kind}; ignored)"
                result.warnings.append(problem(file, 1, name, name, text, severity="warning"))

    def _row(self, header: list[str], cells: list[str], file: str, line: int, result: ReadResult) -> None:
        extra: list[Problem] = []
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            text = f"row has {len(cells)} fields but the header has {len(header)}"
            extra.append(problem(file, line, "", None, text))
        elif len(cells) < len(header):
            text = f"row has {len(cells)} fields but the header has {len(header)}; the missing ones are read as empty"
            extra.append(problem(file, line, "", None, text, severity="warning"))
        row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header) if name}
        record, found = self.convert(row, file=file, line=line)
        result.take(read_record(record, file=file, row=line, problems=[*extra, *found]), file, line, record)
