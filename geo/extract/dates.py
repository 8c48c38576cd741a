"""Dates in news text: the publication date from header lines, and event dates.

Both Arabic month systems are read (the Levantine كانون الثاني … كانون الأول
and يناير … ديسمبر), often written together (``نوفمبر/تشرين الثاني``), with
day numbers in digits or as ordinal words (``السادس من ديسمبر``), and English
dates (``Dec. 1, 2025``, ``12th, December 2024``, ``19 May``). Relative
expressions are resolved against the publication date: ``أمس``, ``مساء أمس
الأحد``, ``يوم الخميس``, ``الشهر الماضي``, ``قبل عدة أيام``, ``last Sunday``,
``on Monday`` …

Every `DateMention` says how precise it is, with ACLED's codes: 1 the day,
2 a range of at most a week (``date_end`` set), 3 a month or vaguer. A date
with no year and no publication date to anchor it is not guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from gazetteer import normalize_name
from geo.months import ARABIC_MONTHS, ENGLISH_MONTH_ABBREVIATIONS, ENGLISH_MONTHS

__all__ = ["DateMention", "find_dates", "find_published", "parse_date_text"]

# -- vocabulary --------------------------------------------------------------

_AR_MONTHS = {normalize_name(name): number for number, names in enumerate(ARABIC_MONTHS, start=1) for name in names}
_EN_MONTHS = {name: number for number, name in enumerate(ENGLISH_MONTHS, start=1)} | ENGLISH_MONTH_ABBREVIATIONS
_AR_WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6}
_EN_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_UNITS = ["الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_ORDINALS: dict[str, int] = {w: i + 1 for i, w in enumerate(_UNITS)}
_ORDINALS.update({"العاشر": 10, "الحادي عشر": 11, "الثاني عشر": 12, "العشرين": 20, "الثلاثين": 30})
for _i, _w in enumerate(_UNITS[2:], start=3):
    _ORDINALS[f"{_w} عشر"] = 10 + _i
for _tens, _word in ((20, "العشرين"), (30, "الثلاثين")):
    for _i, _w in enumerate(["الحادي", *_UNITS[1:]], start=1):
        if _tens + _i <= 31:
            _ORDINALS[f"{_w} و{_word}"] = _tens + _i
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "several": 0}
_AR_DAY_COUNTS = {"يومين": 2, "ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "عشره": 10, "ثلاث": 3}


def _alt(words: object) -> str:
    items = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


_B = r"(?<![\w])"  # word start
_E = r"(?![\w])"  # word end
_P = r"(?:[وفب]|ل)?"  # a clitic in front of a date word
_AR_MONTH = rf"(?:{_alt(_AR_MONTHS)})"
_EN_MONTH = rf"(?:{_alt(_EN_MONTHS)})\.?"
_MONTH_PAIR = rf"(?P<m1>{_AR_MONTH}|{_EN_MONTH})(?:\s*[/\\(\-–]\s*(?P<m2>{_AR_MONTH}|{_EN_MONTH})\)?)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:\s*م)?"
_QUAL = r"(?P<qual>الحالي|الجاري|الماضي|المنصرم|الفائت|السابق|المقبل|القادم)"
_DAY = rf"(?P<day>\d{{1,2}}|{_alt(_ORDINALS)})(?:st|nd|rd|th)?"
_TIME_OF_DAY = r"(?:(?:صباح|مساء|فجر|ليل|ليله|ظهر|عصر|ظهيره|منتصف\s+ليل)\s+)"
_AR_WEEKDAY = rf"(?:{_alt(_AR_WEEKDAYS)})"
_EN_WEEKDAY = rf"(?:{_alt(_EN_WEEKDAYS)})"

#: What each kind of pattern needs in the text: ``digit``, ``month``, ``weekday``, ``rel`` (أمس، اليوم) or
#: ``period``; with digits, `find_dates` also tells ``numeric`` (``5/27``) and ``year`` (``2025``) apart.
#: Patterns written in one script also need a letter of it (``arabic``, ``latin``: see `_SCRIPT_CUES`).
_NEEDS: dict[str, frozenset[str]] = {
    "range": frozenset({"digit", "month"}),
    "ymd": frozenset({"digit", "numeric"}),
    "dmy": frozenset({"digit", "numeric"}),
    "day": frozenset({"month"}),
    "month": frozenset({"month"}),
    "relday": frozenset({"rel"}),
    "weekday": frozenset({"weekday"}),
    "period": frozenset({"period"}),
    "year": frozenset({"digit", "year"}),
}
_DIGIT_CUES = (("numeric", re.compile(r"\d[/\-.]\d")), ("year", re.compile(r"(?:19|20)\d\d")))
_SCRIPT_CUES = (("arabic", re.compile(r"[\u0600-\u06ff]")), ("latin", re.compile(r"[a-z]")))


def _pattern(kind: str, regex: str, *also: str) -> tuple[str, frozenset[str], re.Pattern[str]]:
    """A date pattern of *kind*, with what it needs in the text: its kind's needs and *also*."""
    return kind, _NEEDS[kind] | frozenset(also), re.compile(regex)


_PATTERNS: list[tuple[str, frozenset[str], re.Pattern[str]]] = [
    _pattern(
        "range",
        rf"{_B}(?:بين|من|between|from)?\s*(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:و|الى|حتى|and|to|-|–)\s*"
        rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:من\s+)?(?:شهر\s+)?{_MONTH_PAIR}(?:,?\s*{_YEAR})?(?:\s+{_QUAL})?{_E}",
    ),
    _pattern(
        "range",
        rf"{_B}(?:between|from)?\s*{_MONTH_PAIR}\s+(?P<d1>\d{{1,2}})\s*(?:and|to|-|–)\s*(?P<d2>\d{{1,2}}),?(?:\s*{_YEAR})?{_E}",
    ),
    _pattern("ymd", r"(?<![\d/])(?P<y>(?:19|20)\d\d)[/\-.](?P<mo>\d{1,2})[/\-.](?P<d>\d{1,2})(?![\d/])"),
    _pattern("dmy", r"(?<![\d/])(?P<d>\d{1,2})[/\-.](?P<mo>\d{1,2})[/\-.](?P<y>(?:19|20)\d\d)(?![\d/])"),
    _pattern(
        "day",
        rf"{_B}{_P}(?:{_TIME_OF_DAY}?(?:يوم\s+)?{_AR_WEEKDAY}\s*[،,]?\s*)?{_DAY}\s*,?\s*(?:من\s+|of\s+)?(?:شهر\s+)?"
        rf"{_MONTH_PAIR}(?:\s*,?\s*(?:(?:من\s+)?(?:عام|العام)\s+)?{_YEAR})?(?:\s+{_QUAL})?{_E}",
    ),
    _pattern(
        "day",
        rf"{_B}(?:{_EN_WEEKDAY},?\s+)?{_MONTH_PAIR}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_E}(?:,?\s*{_YEAR})?",
        "digit",
    ),
    _pattern(
        "month",
        rf"{_B}{_P}(?:(?:شهر|مطلع|بدايه|اواخر|اوائل|منتصف|نهايه)\s+)?{_MONTH_PAIR}(?:\s*,?\s*(?:(?:من\s+)?(?:عام|العام)\s+)?{_YEAR}|\s+{_QUAL}){_E}",
    ),
    _pattern("month", rf"{_B}{_P}(?:شهر|في|خلال|منذ|مطلع|اواخر|اوائل|منتصف)\s+{_MONTH_PAIR}{_E}(?!\s*\d)", "arabic"),
    _pattern("month", rf"{_B}(?:in|during|since|by|early|late|mid)\s+{_MONTH_PAIR}{_E}(?!\s+\d)", "latin"),
    _pattern(
        "relday",
        rf"{_B}{_P}(?:{_TIME_OF_DAY})?(?:يوم\s+)?(?P<rel>اول\s+امس|امس|البارحه|اليوم(?!\s+(?:العالمي|الوطني|الدولي)))(?:\s*[،,]?\s*(?P<wd>{_AR_WEEKDAY}))?{_E}",
        "arabic",
    ),
    _pattern("relday", rf"{_B}(?P<rel>yesterday|today|the\s+day\s+before\s+yesterday){_E}", "latin"),
    _pattern(
        "weekday",
        rf"{_B}{_P}(?:{_TIME_OF_DAY})?(?:يوم\s+)?(?P<wd>{_AR_WEEKDAY})(?:\s+(?P<qual>الماضي|المنصرم|الفائت))?{_E}",
        "arabic",
    ),
    _pattern(
        "weekday",
        rf"{_B}(?:(?P<last>last|this\s+past|on|early|late)\s+)?(?P<wd>{_EN_WEEKDAY})(?:\s+(?:morning|night|evening|afternoon))?{_E}",
        "latin",
    ),
    _pattern(
        "period",
        rf"{_B}{_P}(?P<period>الاسبوع\s+الماضي|الاسبوع\s+المنصرم|الشهر\s+الماضي|الشهر\s+المنصرم|الشهر\s+(?:الحالي|الجاري)|"
        rf"(?:مطلع|بدايه|اوائل)\s+الشهر\s+(?:الحالي|الجاري)|(?:مطلع|بدايه|اوائل)\s+الشهر|"
        rf"العام\s+الماضي|السنه\s+الماضيه|العام\s+(?:الحالي|الجاري)|هذا\s+العام|"
        rf"(?:قبل|منذ)\s+(?:عده|بضعه|ايام|ساعات)(?:\s+ايام)?|(?:قبل|منذ)\s+(?:يومين|ثلاثه\s+ايام|اربعه\s+ايام|خمسه\s+ايام|"
        rf"سته\s+ايام|اسبوع|اسبوعين|شهر|شهرين)|(?:في|خلال)\s+الايام\s+(?:الاخيره|الماضيه|القليله\s+الماضيه)|"
        rf"(?:خلال\s+)?الاسابيع\s+(?:القليله\s+)?(?:الماضيه|الاخيره))"
        rf"{_E}",
        "arabic",
    ),
    _pattern(
        "period",
        r"(?<![\w])(?P<period>last\s+week|earlier\s+this\s+week|this\s+week|last\s+month|earlier\s+this\s+month|"
        r"this\s+month|last\s+year|earlier\s+this\s+year|(?:a\s+few|several|two|three|four|five|six)\s+days\s+ago|"
        r"days\s+ago|in\s+recent\s+days|(?:over|in)\s+the\s+(?:past|last)\s+(?:few\s+)?(?:days|week)|"
        r"a\s+week\s+ago|two\s+weeks\s+ago|a\s+month\s+ago)(?![\w])",
        "latin",
    ),
    _pattern("year", rf"{_B}{_P}(?:(?:عام|العام|سنه|in|during|since)\s+){_YEAR}{_E}"),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: offsets into the text, the date or range, its precision and kind.

    ``kind`` is ``day``, ``range``, ``month``, ``year``, ``relative`` (resolved
    against the publication date) or ``numeric`` (``2025/05/27``).
    """

    start: int
    end: int
    date: dt.date
    date_end: dt.date | None
    precision: int
    kind: str
    text: str

    @property
    def last(self) -> dt.date:
        """The last day the expression covers."""
        return self.date_end or self.date


# -- normalising with an offset map -------------------------------------------------

_REMOVED = re.compile(r"[\u064B-\u065F\u0670\u0640\u200c-\u200f\u202a-\u202e\u2066-\u2069]")
_FOLDS = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
}
_KEEP_LENGTH = str.maketrans(_FOLDS)
# Arabic news text has only these of the folds: a few ``str.replace`` calls beat a per-letter table lookup.
_COMMON_FOLDS = tuple((old, new) for old, new in _FOLDS.items() if old in "أإآٱةى")
_RARE_FOLDS = re.compile("[" + "".join(old for old in _FOLDS if old not in "أإآٱةى") + "]")


def _fold(text: str) -> str:
    """*text* with Arabic letter forms unified, Eastern digits made ASCII and A-Z lower-cased (same length)."""
    if text.isascii():
        return text.lower()
    if _RARE_FOLDS.search(text) is None:
        for old, new in _COMMON_FOLDS:
            text = text.replace(old, new)
        return text
    return text.translate(_KEEP_LENGTH)


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """*text* with Arabic letter forms unified and lower-case Latin, and a map to original offsets."""
    if _REMOVED.search(text) is None:
        return _fold(text), None
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        if _REMOVED.match(ch):
            continue
        out.append(ch.translate(_KEEP_LENGTH))
        offsets.append(index)
    offsets.append(len(text))
    return "".join(out), offsets


# -- resolving ------------------------------------------------------------------


def _month_of(name: str | None) -> int | None:
    if not name:
        return None
    key = " ".join(name.lower().rstrip(".").split())
    return _AR_MONTHS.get(key) or _EN_MONTHS.get(key)


def _day_of(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    return _ORDINALS.get(" ".join(text.split()))


def _year_for(month: int, day: int, year: int | None, qual: str | None, published: dt.date | None) -> int | None:
    if year is not None:
        return year
    if published is None:
        return None
    if qual in ("الحالي", "الجاري"):
        return published.year
    if qual in ("المقبل", "القادم"):
        return published.year if month > published.month else published.year + 1
    if qual in ("الماضي", "المنصرم", "الفائت", "السابق"):
        return published.year if month < published.month else published.year - 1
    return published.year if (month, day) <= (published.month, published.day) else published.year - 1


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(
    kind: str, g: dict[str, str | None], published: dt.date | None
) -> tuple[dt.date, dt.date | None, int] | None:
    year_text = g.get("year")
    year = int(year_text) if year_text else None
    qual = g.get("qual")
    if kind in ("ymd", "dmy"):
        day = _safe(int(g["y"] or 0), int(g["mo"] or 0), int(g["d"] or 0))
        return (day, None, 1) if day else None
    if kind == "range":
        month = _month_of(g.get("m1"))
        d1, d2 = int(g["d1"] or 0), int(g["d2"] or 0)
        if month is None or not d1 < d2:
            return None
        resolved = _year_for(month, d1, year, qual, published)
        if resolved is None:
            return None
        first, last = _safe(resolved, month, d1), _safe(resolved, month, d2)
        if first is None or last is None:
            return None
        return first, last, 2 if (last - first).days <= 6 else 3
    if kind == "day":
        month = _month_of(g.get("m1"))
        day_number = _day_of(g.get("day") or "")
        if month is None or day_number is None:
            return None
        resolved = _year_for(month, day_number, year, qual, published)
        if resolved is None:
            return None
        day = _safe(resolved, month, day_number)
        return (day, None, 1) if day else None
    if kind == "month":
        month = _month_of(g.get("m1"))
        if month is None:
            return None
        resolved = _year_for(month, 1, year, qual, published) if year or qual or published else None
        if resolved is None:
            return None
        first, last = _month_range(resolved, month)
        return first, last, 3
    if kind == "year":
        if year is None:
            return None
        return dt.date(year, 1, 1), dt.date(year, 12, 31), 3
    if published is None:
        return None
    if kind == "relday":
        rel = " ".join((g.get("rel") or "").split())
        back = {"امس": 1, "البارحه": 1, "اول امس": 2, "اليوم": 0, "yesterday": 1, "today": 0}.get(rel, 2)
        return published - dt.timedelta(days=back), None, 1
    if kind == "weekday":
        name = (g.get("wd") or "").lower()
        weekday = _AR_WEEKDAYS.get(name, _EN_WEEKDAYS.get(name))
        if weekday is None:
            return None
        back = (published.weekday() - weekday) % 7
        if back == 0 and (qual or (g.get("last") or "").startswith(("last", "this"))):
            back = 7
        return published - dt.timedelta(days=back), None, 1
    if kind == "period":
        return _period(" ".join((g.get("period") or "").split()), published)
    return None


def _period(text: str, published: dt.date) -> tuple[dt.date, dt.date | None, int] | None:
    day = dt.timedelta(days=1)
    if "الاسبوع" in text or text in ("last week", "a week ago"):
        return published - 7 * day, published - day, 2
    if text in ("earlier this week", "this week"):
        start = published - published.weekday() * day
        return start, max(start, published - day), 2
    if ("الشهر" in text and ("الحالي" in text or "الجاري" in text or "مطلع" in text or "بدايه" in text)) or text in (
        "this month",
        "earlier this month",
    ):
        first = published.replace(day=1)
        if "مطلع" in text or "بدايه" in text or "اوائل" in text:
            return first, min(published, first + 9 * day), 3
        return first, published, 3
    if "الشهر" in text or text in ("last month", "a month ago") or text.endswith(("شهر",)):
        last = published.replace(day=1) - day
        return last.replace(day=1), last, 3
    if "شهرين" in text:
        month_end = published.replace(day=1) - day
        start = (month_end.replace(day=1) - day).replace(day=1)
        return _month_range(start.year, start.month)[0], _month_range(start.year, start.month)[1], 3
    if "العام" in text or "السنه" in text or "year" in text:
        if "الماضي" in text or "last" in text:
            return dt.date(published.year - 1, 1, 1), dt.date(published.year - 1, 12, 31), 3
        return dt.date(published.year, 1, 1), published, 3
    if "يومين" in text or text == "two days ago":
        return published - 2 * day, None, 1
    for word, count in _AR_DAY_COUNTS.items():
        if f"{word} ايام" in text:
            return published - count * day, None, 1
    match = re.match(r"(one|two|three|four|five|six) days ago", text)
    if match:
        return published - _EN_NUMBERS[match.group(1)] * day, None, 1
    if "اسبوعين" in text or text == "two weeks ago":
        return published - 14 * day, published - 8 * day, 3
    if "الاسابيع" in text:
        return published - 30 * day, published - day, 3
    if "اسبوع" in text:
        return published - 7 * day, published - day, 2
    if "ساعات" in text:
        return published, None, 1
    # a few days ago, in recent days, قبل عدة أيام, في الأيام الأخيرة
    return published - 7 * day, published - day, 2


# -- finding ----------------------------------------------------------------------

_SAME = ("نفسه", "ذاته", "عينه")


def find_dates(
    text: str, published: dt.date | None = None, *, offset: int = 0, cues: frozenset[str] | None = None
) -> list[DateMention]:
    """Every date expression in *text*, in order, resolved against *published*.

    *offset* is added to the mentions' offsets (when *text* is a slice of a document). *cues*, when
    given, says which kinds of date words the text has (``digit``, ``month``, ``weekday``, ``rel``,
    ``period``): patterns that need others are skipped (a speed-up, same result).

    Examples
    --------
    >>> pub = dt.date(2025, 12, 1)
    >>> [(m.date.isoformat(), m.last.isoformat(), m.precision) for m in
    ...  find_dates("قال مساء أمس الأحد إنه نفذ بين 24 و27 نوفمبر/تشرين الثاني الماضي", pub)]
    [('2025-11-30', '2025-11-30', 1), ('2025-11-24', '2025-11-27', 2)]
    >>> [m.date.isoformat() for m in find_dates("في 19 من أيار الحالي", dt.date(2025, 5, 27))]
    ['2025-05-19']
    """
    norm, offsets = _normalise(text)
    if cues is not None:
        found_cues = {name for name, cue in _SCRIPT_CUES if cue.search(norm)}
        if "digit" in cues:
            found_cues.update(name for name, cue in _DIGIT_CUES if cue.search(norm))
        cues = cues | found_cues
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, needs, pattern in _PATTERNS:
        if cues is not None and not needs <= cues:
            continue
        for match in pattern.finditer(norm):
            start, end = match.span()
            while start < end and norm[start].isspace():
                start += 1
            if any(start < b and a < end for a, b in taken):
                continue
            if norm[end : end + 7].lstrip().startswith(_SAME):
                continue  # "صباح اليوم نفسه": the day of the event just told, not today
            resolved = _resolve(kind, match.groupdict(), published)
            if resolved is None:
                continue
            taken.append((start, end))
            first, last, precision = resolved
            label = {"ymd": "numeric", "dmy": "numeric", "relday": "relative", "weekday": "relative"}.get(kind, kind)
            if kind == "period":
                label = "year" if last is not None and (last - first).days >= 300 else "relative"
            o_start = offsets[start] if offsets else start
            o_end = offsets[end] if offsets else end
            found.append(
                DateMention(
                    o_start + offset,
                    o_end + offset,
                    first,
                    last if last != first else None,
                    precision,
                    label,
                    text[o_start:o_end],
                )
            )
    found.sort(key=lambda m: m.start)
    return found


_HEADER_LABEL = re.compile(
    r"(تاريخ\s+النشر|نشر\s+في|نشر\s+بتاريخ|منشور|بتاريخ|تاريخ|published|posted|updated|date)\s*:?",
    re.IGNORECASE,
)
_HEADER_NOISE = re.compile(r"[\s•·|:\-–—,،]+|(?:\d{1,2}:\d{2}\s*(?:[صم]|am|pm)?)|gmt|utc", re.IGNORECASE)
_HEADER_LINES = 15
_DIGIT = re.compile(r"\d")


def find_published(text: str) -> DateMention | None:
    """The publication date in a text's header lines, or None.

    Looks at the first lines only: a line with a label (``تاريخ النشر``,
    ``منشور``, ``Published`` …) and a full date, else a line that is nothing
    but a date (``2025/05/27``, ``04/07/2025`` day first, ``Dec. 1, 2025``).
    Dates inside the article's body are never taken for it.

    Examples
    --------
    >>> find_published("عنوان\\nتاريخ النشر: 12th, December 2024 GMT\\nنص").date
    datetime.date(2024, 12, 12)
    >>> find_published("عنوان\\n\\n04/07/2025\\n\\nنص").date
    datetime.date(2025, 7, 4)
    >>> find_published("Title\\nDec. 1, 2025\\nBody").date
    datetime.date(2025, 12, 1)
    """
    lines: list[tuple[int, str]] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((position, line))
        position += len(line) + 1
        if len(lines) >= _HEADER_LINES:
            break
    bare_first: DateMention | None = None
    for base, line in lines:
        if len(line) > 120 or _DIGIT.search(line) is None:
            continue
        for mention in find_dates(line, None, offset=base, cues=_header_cues(line)):
            if mention.precision != 1 or mention.kind == "relative":
                continue
            local = mention.start - base
            if _HEADER_LABEL.search(line[:local]) is not None:
                return mention
            rest = line[:local] + " " + line[mention.end - base :]
            if bare_first is None and not _HEADER_NOISE.sub("", _HEADER_LABEL.sub("", rest)):
                bare_first = mention
    return bare_first


# One flat alternation of literal words: the regex engine then tries only where a month name can begin.
_MONTH_WORD = re.compile(_alt([*_AR_MONTHS, *_EN_MONTHS]))


def _header_cues(line: str) -> frozenset[str]:
    """The kinds of date words in a header line (a publication date has digits, maybe a month name)."""
    norm = _fold(line)
    return frozenset({"digit"} | ({"month", "weekday"} if _MONTH_WORD.search(norm) else set()))


def parse_date_text(text: str) -> dt.date | None:
    """A single date written in any supported form (ISO, ``27/05/2025``, ``Dec. 1, 2025``, Arabic …).

    Examples
    --------
    >>> parse_date_text("2025-05-27T13:14:00+03:00")
    datetime.date(2025, 5, 27)
    >>> parse_date_text("1 كانون الأول/ديسمبر 2025")
    datetime.date(2025, 12, 1)
    """
    text = text.strip()
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        return _safe(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    for mention in find_dates(text, None):
        if mention.precision == 1 and mention.kind != "relative":
            return mention.date
    return None
