"""Turning flat records (CSV rows, GeoJSON properties) into Incidents.

Values from the wild are read leniently but never silently: Arabic-Indic and
Persian digits, the Arabic decimal and thousands separators, and dates in the
forms ``2025-05-19``, ``19/05/2025``, ``19 May 2025``, ``19 أيار 2025`` and
``19 مايو 2025`` are all understood; anything else is reported with the file,
row, column and value.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from geo.errors import InputError
from geo.models import INCIDENT_COLUMNS, Incident
from geo.months import ARABIC_MONTHS, ENGLISH_MONTHS

__all__ = [
    "MAX_FIELD_CHARS",
    "REQUIRED_COLUMNS",
    "Problem",
    "RecordResult",
    "Rejection",
    "has_mixed_digits",
    "incident_from_record",
    "latin_digits",
    "location",
    "parse_date",
    "parse_number",
    "problem",
    "read_record",
    "shown",
]

#: Columns without which a row cannot become an incident.
REQUIRED_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type")

#: A value longer than this is not read (a 50 MB "note" is a broken export, not a note).
MAX_FIELD_CHARS = 100_000

_DATE_COLUMNS = frozenset({"event_date", "date_end", "source_date"})
_NUMBER_COLUMNS = frozenset({"latitude", "longitude", "time_precision", "geo_precision", "fatalities", "injuries"})

# Arabic-Indic (U+0660..) and Extended Arabic-Indic / Persian (U+06F0..) digits, the Arabic
# decimal separator (U+066B) and thousands separator (U+066C), the Unicode minus sign.
_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + n): str(n) for n in range(10)},
        **{chr(0x06F0 + n): str(n) for n in range(10)},
        "\u066b": ".",
        "\u066c": ",",
        "\u2212": "-",
    }
)
_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_LATIN_DIGIT = re.compile("[0-9]")
# Bidi controls that Arabic spreadsheets put around numbers and dates; tatweel.
_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u0640\ufeff]")

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_SEP = r"[\s\-/.,\u060c]+"
_WORD = r"[^\d\s\-/.,\u060c]+"
_D_MONTH_Y = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}({_WORD}(?: {_WORD})?){_SEP}(\d{{4}})$")
_MONTH_D_Y = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def _arabic_key(name: str) -> str:
    """Fold the spellings of an Arabic month name (hamza forms, alef maqsura, spaces)."""
    name = re.sub("[أإآ]", "ا", name).replace("ى", "ي").replace("ة", "ه").replace("ک", "ك").replace("ی", "ي")
    return re.sub(r"\s+", " ", name.strip())


_ARABIC_MONTHS = {_arabic_key(name): number for number, names in enumerate(ARABIC_MONTHS, start=1) for name in names}


def _month_number(name: str) -> int | None:
    key = _arabic_key(name)
    if key in _ARABIC_MONTHS:
        return _ARABIC_MONTHS[key]
    lower = name.lower().rstrip(".")
    if len(lower) >= 3:
        for number, english in enumerate(ENGLISH_MONTHS, start=1):
            if english.startswith(lower) and (lower == english or len(lower) in (3, 4)):
                return number
    return None


def shown(value: Any, limit: int = 60) -> str:
    """``repr`` of *value*, cut to *limit* characters so that a huge field never floods a message.

    Examples
    --------
    >>> shown("x" * 100, limit=10)
    "'xxxxxxxxxx…' (100 characters)"
    """
    if isinstance(value, str) and len(value) > limit:
        return f"{value[:limit]!r}"[:-1] + f"…' ({len(value):,} characters)"
    return repr(value)


def latin_digits(text: str) -> str:
    """*text* with Arabic-Indic and Persian digits and separators as ASCII, bidi marks removed.

    Examples
    --------
    >>> latin_digits("٣٤٫٧٢")
    '34.72'
    """
    return _INVISIBLE.sub("", text).translate(_DIGITS)


def has_mixed_digits(text: str) -> bool:
    """True when *text* mixes Latin digits with Arabic-Indic or Persian ones (``"3٤.7"``).

    Examples
    --------
    >>> has_mixed_digits("3٤.7"), has_mixed_digits("٣٤٫٧"), has_mixed_digits("34.7")
    (True, False, False)
    """
    return bool(_EASTERN_DIGIT.search(text)) and bool(_LATIN_DIGIT.search(text))


def parse_number(text: str) -> float:
    """A finite number written with Latin, Arabic-Indic or Persian digits.

    Raises `ValueError` (never anything else) for text that is not a finite number.

    Examples
    --------
    >>> parse_number("٣٥٫٣٣٥٨٨"), parse_number("۱۲"), parse_number("-0.5")
    (35.33588, 12.0, -0.5)
    """
    clean = latin_digits(str(text)).strip().replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"[+-]?(\d+(,\d{3})*(\.\d*)?|\.\d+)([eE][+-]?\d+)?", clean):
        raise ValueError("not a number")
    number = float(clean.replace(",", ""))
    if math.isnan(number) or math.isinf(number):
        raise ValueError("not a finite number")
    return number


def parse_date(text: str) -> dt.date:
    """Parse a date written as news, spreadsheets and ACLED write them.

    Accepted: ISO (``2025-05-19``, with an optional time), ``2025/05/19``,
    day first (``19/05/2025``, ``19.05.2025``, ``19-05-2025``), a month name
    in English (``19 May 2025``, ``19-May-2025``, ``May 19, 2025``) or in
    Arabic, Levantine or Egyptian (``19 أيار 2025``, ``19 مايو 2025``), in
    Latin, Arabic-Indic or Persian digits. Raises `ValueError` (and nothing
    else) with the reason.

    Examples
    --------
    >>> parse_date("19/05/2025")
    datetime.date(2025, 5, 19)
    >>> parse_date("١٩ أيار ٢٠٢٥") == parse_date("19 مايو 2025") == parse_date("19 May 2025")
    True
    """
    clean = re.sub(r"\s+", " ", latin_digits(str(text))).strip().rstrip("م").strip()
    clean = re.sub(r"[،,]?\s*(?:عام|سنة)\s+(?=\d{4}$)", " ", clean)
    year = month = day = 0
    if match := _ISO.match(clean) or _YMD_SLASH.match(clean):
        year, month, day = map(int, match.groups())
    elif match := _DMY.match(clean):
        day, month, year = map(int, match.groups())
    elif match := _D_MONTH_Y.match(clean) or _MONTH_D_Y.match(clean):
        first, second, year_text = match.groups()
        day_text, name = (first, second) if first.isdigit() else (second, first)
        number = _month_number(name)
        if number is None:
            raise ValueError(f"unknown month name {name!r}")
        day, month, year = int(day_text), number, int(year_text)
    else:
        raise ValueError("not a date (expected 2025-05-19, 19/05/2025, 19 May 2025 or 19 أيار 2025)")
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not 1 to 12 (dates are read day first)")
    try:
        return dt.date(year, month, day)
    except ValueError as err:
        raise ValueError(str(err)) from None


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in an input: where, what value, and a message naming them.

    ``message`` is complete on its own (file, row, column and value);
    ``severity`` is ``"error"`` (the row or file cannot be used as it is)
    or ``"warning"`` (it is used, but look at it).
    """

    file: str
    row: int | str | None
    message: str
    column: str = ""
    value: str | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Rejection:
    """A row that could not be read: where it was, and a message that names file, row and value.

    ``record`` keeps the row's values under contract column names (so the
    unplaced report loses nothing); ``problems`` lists each problem found.
    """

    file: str
    row: int | str
    message: str
    record: Mapping[str, str] = field(default_factory=dict, compare=False)
    problems: tuple[Problem, ...] = field(default=(), compare=False)

    def __str__(self) -> str:
        return self.message


@dataclass
class RecordResult:
    """What became of one record: an incident (or None) and every problem with it."""

    incident: Incident | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def rejection(self, file: str, row: int | str, record: Mapping[str, Any]) -> Rejection:
        """The record as a `Rejection` (call only when ``incident`` is None)."""
        where = location(file, row)
        first, *others = [p.message for p in self.errors] or [f"{where}: unreadable"]
        message = "; ".join([first, *(m.removeprefix(f"{where}, ").removeprefix(f"{where}: ") for m in others)])
        kept = {k: _text(v) for k, v in record.items() if k in INCIDENT_COLUMNS and len(_text(v)) <= MAX_FIELD_CHARS}
        return Rejection(file, row, message, kept, tuple(self.errors))


def location(file: str, row: int | str | None) -> str:
    """How messages name a place in a file: ``f.csv, row 3``, ``f.geojson, feature 2`` or ``f.csv``.

    Examples
    --------
    >>> location("f.csv", 3), location("f.geojson", "feature 2")
    ('f.csv, row 3', 'f.geojson, feature 2')
    """
    if row is None or row == "":
        return file
    return f"{file}, row {row}" if isinstance(row, int) else f"{file}, {row}"


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _whole(raw: str) -> int:
    number = parse_number(raw)
    if not number.is_integer():
        raise ValueError("not a whole number")
    return int(number)


def _convert(column: str, raw: str) -> Any:
    if column in _DATE_COLUMNS:
        return parse_date(raw) if raw else None
    if column in ("latitude", "longitude"):
        return parse_number(raw) if raw else None
    if column in ("time_precision", "geo_precision"):
        return _whole(raw) if raw else 1
    if column in ("fatalities", "injuries"):
        return _whole(raw) if raw else None
    return raw


def problem(
    file: str,
    row: int | str | None,
    column: str,
    value: Any,
    text: str,
    *,
    severity: Literal["error", "warning"] = "error",
) -> Problem:
    """A `Problem` whose message names the file, the row, the column (if any) and says *text*.

    Examples
    --------
    >>> print(problem("f.csv", 3, "fatalities", "many", "cannot read 'many' (not a number)"))
    f.csv, row 3, column 'fatalities': cannot read 'many' (not a number)
    """
    where = location(file, row)
    place = f"{where}, column {column!r}" if column else where
    value_text = None if value is None else _text(value)[:200]
    return Problem(file, row, f"{place}: {text}", column, value_text, severity)


def read_record(
    record: Mapping[str, Any], *, file: str, row: int | str, problems: Iterable[Problem] = ()
) -> RecordResult:
    """Check and convert a flat record; collect every problem instead of stopping at the first.

    *problems* are problems the caller already found in the row (a format's
    own columns); any error among them rejects the row too.

    Examples
    --------
    >>> r = read_record({"event_id": "A", "event_date": "yesterday"}, file="f.csv", row=2)
    >>> r.incident is None, [p.column for p in r.errors]
    (True, ['event_date', 'event_type', 'sub_event_type'])
    """
    result = RecordResult(None)
    for given in problems:
        (result.errors if given.severity == "error" else result.warnings).append(given)

    def error(column: str, value: Any, text: str) -> None:
        result.errors.append(problem(file, row, column, value, text))

    values: dict[str, Any] = {}
    for column in INCIDENT_COLUMNS:
        raw = _text(record.get(column))
        if len(raw) > MAX_FIELD_CHARS:
            error(column, raw, f"value is {len(raw):,} characters long (at most {MAX_FIELD_CHARS:,} are read)")
            continue
        if column in REQUIRED_COLUMNS and not raw:
            error(column, raw, "required value is empty")
            continue
        if raw and (column in _NUMBER_COLUMNS or column in _DATE_COLUMNS) and has_mixed_digits(raw):
            text = f"{shown(raw)} mixes Arabic-Indic and Latin digits (read as {latin_digits(raw)!r})"
            result.warnings.append(problem(file, row, column, raw, text, severity="warning"))
        try:
            values[column] = _convert(column, raw)
        except ValueError as err:
            error(column, raw, f"cannot read {shown(raw)} ({err})")
    if result.errors:
        return result
    try:
        result.incident = Incident(**values)
    except InputError as err:
        error("", None, str(err))
    return result


def incident_from_record(record: Mapping[str, Any], *, file: str, row: int | str) -> Incident:
    """Build an Incident from a flat record, or raise `InputError` naming file, row, column and value.

    Examples
    --------
    >>> record = {"event_id": "A", "event_date": "١٩ أيار ٢٠٢٥", "event_type": "Battles",
    ...           "sub_event_type": "Armed clash", "latitude": "٣٥٫٣", "longitude": "40.1"}
    >>> incident_from_record(record, file="f.csv", row=2).latitude
    35.3
    """
    result = read_record(record, file=file, row=row)
    if result.incident is None:
        raise InputError(result.rejection(file, row, record).message)
    return result.incident
