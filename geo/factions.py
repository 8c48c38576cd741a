"""The factions that hold or contest territory, with bilingual labels."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FACTIONS", "Faction", "faction"]


@dataclass(frozen=True, slots=True)
class Faction:
    """A faction in the zones of control."""

    faction_id: str
    label_en: str
    label_ar: str


#: Known factions by id, in legend order.
FACTIONS: dict[str, Faction] = {
    f.faction_id: f
    for f in (
        Faction("assad-government", "Syrian government (Assad)", "الحكومة السورية (نظام الأسد)"),
        Faction("transitional-government", "Syrian transitional government", "الحكومة السورية الانتقالية"),
        Faction("hts", "Hay'at Tahrir al-Sham (HTS)", "هيئة تحرير الشام"),
        Faction("sna", "Turkish-backed factions (SNA)", "الفصائل المدعومة من تركيا (الجيش الوطني)"),
        Faction("sdf", "Syrian Democratic Forces (SDF)", "قوات سوريا الديمقراطية (قسد)"),
        Faction("us-tanf", "US-led coalition, al-Tanf zone", "التحالف الدولي، منطقة التنف"),
        Faction("israel", "Israel", "إسرائيل"),
        Faction("suwayda-factions", "Suwayda local factions", "الفصائل المحلية في السويداء"),
        Faction("islamic-state", "Islamic State", "تنظيم الدولة الإسلامية"),
    )
}


def faction(faction_id: str) -> Faction:
    """The faction with this id; an unknown id gets its id as both labels.

    Examples
    --------
    >>> faction("sdf").label_ar
    'قوات سوريا الديمقراطية (قسد)'
    """
    return FACTIONS.get(faction_id) or Faction(faction_id, faction_id, faction_id)
