"""Actors: the armed groups, forces and states a sentence names, normalised.

داعش، تنظيم الدولة، الدولة الإسلامية, ISIS → ``Islamic State``; قسد، قوات
سوريا الديمقراطية → ``SDF: Syrian Democratic Forces``; الأمن العام →
``General Security (Syria)`` and so on, with the labels the seed dataset
uses. Organisation names that contain a place name (هيئة تحرير الشام,
قناة الجزيرة) are also listed, so the toponym tagger can skip them.

`assign_roles` decides which actor attacked (``actor1``) and which was
attacked (``actor2``) from the words around them: an actor after على، ضد،
استهدف، "members of" is the target; one after شنته، من قبل، by is the
attacker; otherwise the first named acts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from geo.extract.lexicon import Feature

__all__ = ["ACTORS", "actor_label", "actor_phrases", "assign_roles"]

_FALL_OF_ASSAD = dt.date(2024, 12, 8)

#: Canonical actor labels and the phrases that name them.
ACTORS: dict[str, tuple[str, ...]] = {
    "Islamic State": (
        "داعش",
        "تنظيم داعش",
        "تنظيم الدولة",
        "تنظيم الدولة الإسلامية",
        "الدولة الإسلامية",
        "الدواعش",
        "خلايا داعش",
        "خلية داعش",
        "التنظيم",
        "Islamic State",
        "ISIS",
        "ISIL",
        "IS",
        "Daesh",
    ),
    "SDF: Syrian Democratic Forces": (
        "قسد",
        "قوات سوريا الديمقراطية",
        "قوات سورية الديمقراطية",
        "SDF",
        "Syrian Democratic Forces",
    ),
    "General Security (Syria)": ("الأمن العام", "جهاز الأمن العام", "قوى الأمن العام", "General Security"),
    "Ministry of Interior (Syria)": (
        "وزارة الداخلية السورية",
        "وزارة الداخلية",
        "Interior Ministry",
        "Ministry of Interior",
    ),
    "Military Forces of Syria": (
        "الجيش السوري",
        "الجيش العربي السوري",
        "القوات الحكومية",
        "قوات الحكومة",
        "قوات الحكومة السورية",
        "الحكومة السورية",
        "government troops",
        "القوات السورية",
        "وزارة الدفاع السورية",
        "وزارة الدفاع",
        "الجيش السوري الجديد",
        "Syrian army",
        "Syrian government forces",
        "government forces",
        "Syrian forces",
        "Defence Ministry",
        "Defense Ministry",
    ),
    "Military Forces of Syria (Assad government)": (
        "قوات النظام",
        "قوات الأسد",
        "جيش الأسد",
        "جيش النظام",
        "قوات نظام الأسد",
        "النظام السوري",
        "regime forces",
        "Assad forces",
        "Assad's forces",
        "Assad government forces",
    ),
    "Global Coalition against Daesh": (
        "التحالف الدولي",
        "قوات التحالف",
        "قوات التحالف الدولي",
        "التحالف الدولي لهزيمة داعش",
        "التحالف",
        "coalition",
        "US-led coalition",
        "international coalition",
        "Global Coalition",
    ),
    "Military Forces of the United States (CENTCOM)": (
        "القيادة المركزية الأمريكية",
        "القيادة المركزية الأميركية",
        "سنتكوم",
        "CENTCOM",
        "US Central Command",
        "U.S. Central Command",
        "Central Command",
    ),
    "Military Forces of the United States": (
        "الجيش الأمريكي",
        "الجيش الأميركي",
        "القوات الأمريكية",
        "القوات الأميركية",
        "الولايات المتحدة",
        "US forces",
        "U.S. forces",
        "US military",
        "U.S. military",
        "American forces",
        "United States",
    ),
    "Turkish-backed factions (SNA)": (
        "الفصائل المدعومة من تركيا",
        "الفصائل الموالية لتركيا",
        "فصائل الجيش الوطني",
        "الجيش الوطني",
        "الجيش الوطني السوري",
        "مسلحين تدعمهم تركيا",
        "Syrian National Army",
        "SNA",
        "Turkish-backed factions",
        "Turkish-backed fighters",
        "Turkey-backed factions",
    ),
    "Hay'at Tahrir al-Sham (HTS)": (
        "هيئة تحرير الشام",
        "تحرير الشام",
        "HTS",
        "Hayat Tahrir al-Sham",
        "Hay'at Tahrir al-Sham",
    ),
    "Asayish (Internal Security Forces)": (
        "قوى الأمن الداخلي",
        "الأسايش",
        "الاسايش",
        "Asayish",
        "Internal Security Forces",
    ),
    "Military Forces of Israel": (
        "إسرائيل",
        "الجيش الإسرائيلي",
        "القوات الإسرائيلية",
        "الاحتلال الإسرائيلي",
        "Israel",
        "Israeli army",
        "Israeli forces",
        "Israeli military",
        "IDF",
    ),
    "Military Forces of Russia": (
        "روسيا",
        "القوات الروسية",
        "الجيش الروسي",
        "الطيران الروسي",
        "Russia",
        "Russian forces",
        "Russian warplanes",
        "Russian military",
    ),
    "Military Forces of Turkey": (
        "الجيش التركي",
        "القوات التركية",
        "مسيرة تركية",
        "طائرة تركية",
        "Turkish army",
        "Turkish forces",
        "Turkish military",
        "Turkish drone",
    ),
    "Opposition factions": (
        "الثوار",
        "فصائل المعارضة",
        "قوات المعارضة",
        "المعارضة المسلحة",
        "الفصائل المسلحة",
        "opposition fighters",
        "opposition factions",
        "rebels",
        "rebel fighters",
    ),
    "Free Syrian Army (Jaysh Suriya al-Hurra)": ("جيش سوريا الحرة", "الجيش الحر", "Free Syrian Army"),
    "Iran-backed militias": ("الميليشيات الإيرانية", "الميليشيات المدعومة من إيران", "Iran-backed militias"),
    "Unidentified Armed Group (Syria)": (
        "مسلحون مجهولون",
        "مسلحين مجهولين",
        "مجهولون",
        "مجهولين",
        "unknown gunmen",
        "unidentified gunmen",
    ),
    "Civilians (Syria)": ("مدنيين", "مدنيون", "المدنيين", "civilians"),
}

# Names of organisations, media and people that contain place names: never places, never actors.
_ORGANISATIONS = (
    "قناة الجزيرة",
    "الجزيرة نت",
    "Al Jazeera",
    "Al-Jazeera",
    "سوريا الآن",
    "المرصد السوري لحقوق الإنسان",
    "المرصد السوري",
    "Syrian Observatory",
    "Syrian Observatory for Human Rights",
    "عنب بلدي",
    "Enab Baladi",
    "حزب العمال الكردستاني",
    "أحمد الشرع",
    "بشار الأسد",
    "مظلوم عبدي",
    "Ahmed al-Sharaa",
    "Bashar al-Assad",
    "جبهة النصرة",
    "مركز صوفان",
    "جبهة تحرير الشام",
)

# Words just before an actor that make it the target (actor2) or the attacker (actor1).
_TARGET_CUES = frozenset(
    {
        "علي",
        "ضد",
        "استهدف",
        "استهدفت",
        "استهداف",
        "لـ",
        "ل",
        "عنصر",
        "عناصر",
        "مقاتل",
        "مقاتلي",
        "مقاتلين",
        "نقطه",
        "نقاط",
        "مواقع",
        "موقع",
        "حاجز",
        "دوريه",
        "مقر",
        "مركز",
        "صفوف",
        "against",
        "on",
        "targeting",
        "of",
    }
)
_AGENT_CUES = frozenset({"شنته", "نفذه", "نفذته", "قبل", "تبناه", "يد", "برصاص", "by"})


def actor_phrases() -> Iterable[tuple[str, Feature]]:
    """The lexicon entries of actors (``actor``) and of organisation names (``org``)."""
    for label, phrases in ACTORS.items():
        for phrase in phrases:
            yield phrase, Feature("actor", label)
    for phrase in _ORGANISATIONS:
        yield phrase, Feature("org", phrase)


def actor_label(label: str, day: dt.date | None) -> str:
    """The label of an actor on *day*: Syria's forces before the fall of Assad were the Assad government's.

    Examples
    --------
    >>> actor_label("Military Forces of Syria", dt.date(2024, 12, 6))
    'Military Forces of Syria (Assad government)'
    """
    if label == "Military Forces of Syria" and day is not None:
        return label + (" (Assad government)" if day < _FALL_OF_ASSAD else " (transitional government)")
    return label


def assign_roles(mentions: Sequence[tuple[str, str, str]]) -> tuple[str, str]:
    """``(actor1, actor2)`` from ``(label, word before, word two before)`` triples in text order.

    Examples
    --------
    >>> assign_roles([("SDF: Syrian Democratic Forces", "عنصر", ""), ("Islamic State", "من", "مجموعه")])
    ('Islamic State', 'SDF: Syrian Democratic Forces')
    """
    agents: list[str] = []
    targets: list[str] = []
    others: list[str] = []
    for label, before, before2 in mentions:
        target = before in _TARGET_CUES or (before2 in _TARGET_CUES and before in ("من", "ل"))
        if label == "Civilians (Syria)" or target:
            bucket = targets
        elif before in _AGENT_CUES or before2 in _AGENT_CUES:
            bucket = agents
        else:
            bucket = others
        if label not in agents + targets + others:
            bucket.append(label)
    order = agents + others + targets
    actor1 = order[0] if order else ""
    actor2 = next((a for a in targets if a != actor1), "") or next((a for a in order[1:] if a != actor1), "")
    return actor1, actor2
