"""Month names as Syrian news writes them: both Arabic month systems, and English.

The Levantine (Syriac-derived) names (كانون الثاني … كانون الأول) are used in
Syria and Iraq, the names from the Latin calendar (يناير … ديسمبر) in Egypt
and the Gulf; Syrian news uses both, often together ("نوفمبر/تشرين الثاني").
Every date parser in the package takes its vocabulary from here.
"""

from __future__ import annotations

from gazetteer import normalize_name

__all__ = ["ARABIC_MONTHS", "ENGLISH_MONTHS", "ENGLISH_MONTH_ABBREVIATIONS", "month_words"]

#: Arabic names of each month (index 0 is January), Levantine first, with common spellings.
ARABIC_MONTHS: tuple[tuple[str, ...], ...] = (
    ("كانون الثاني", "يناير"),
    ("شباط", "فبراير", "فبرایر"),
    ("آذار", "مارس"),
    ("نيسان", "أبريل", "إبريل", "ابريل"),
    ("أيار", "مايو"),
    ("حزيران", "يونيو", "يونيه"),
    ("تموز", "يوليو", "يوليه"),
    ("آب", "أغسطس", "اغسطس", "أوغسطس"),
    ("أيلول", "سبتمبر"),
    ("تشرين الأول", "أكتوبر", "اكتوبر"),
    ("تشرين الثاني", "نوفمبر"),
    ("كانون الأول", "ديسمبر"),
)

#: English month names, January first.
ENGLISH_MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip

#: English abbreviations and the month each stands for.
ENGLISH_MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip


def month_words() -> frozenset[str]:
    """Every single word that names (part of) a month, in both scripts.

    Examples
    --------
    >>> {"تشرين", "كانون", "آذار", "اذار", "may", "sept"} <= month_words()
    True
    """
    arabic = {word for names in ARABIC_MONTHS for name in names for word in name.split()} - {"الأول", "الثاني"}
    arabic |= {normalize_name(word) for word in arabic}  # also as written without hamza: اذار، ايار، اب
    return frozenset(arabic) | set(ENGLISH_MONTHS) | set(ENGLISH_MONTH_ABBREVIATIONS)
