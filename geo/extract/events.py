"""Event typing: ACLED ``event_type``/``sub_event_type`` from Arabic and English trigger words.

Each trigger phrase names a `Trigger` (an ACLED pair, a priority and a
strength). `classify` picks the sentence's event from its triggers: the
highest priority wins (a suicide bombing over the clash it happened in), a
word that *foils* (أحبط، تفكيك، foiled) turns an attack into "Disrupted
weapons use", and the type of a territorial change depends on who gained
it and on whether there was fighting around it. Attacks on civilians are
"Violence against civilians", attacks on armed men "Battles".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from geo.extract.lexicon import Feature

__all__ = ["TRIGGERS", "EventChoice", "Trigger", "classify", "event_phrases"]


class Trigger(NamedTuple):
    """A kind of event a trigger phrase points to."""

    name: str
    event_type: str
    sub_event_type: str
    priority: int
    strong: bool


_EXP = "Explosions/Remote violence"
_SD = "Strategic developments"
_VAC = "Violence against civilians"

#: Trigger kinds by name.
TRIGGERS: dict[str, Trigger] = {
    t.name: t
    for t in (
        Trigger("chemical", _EXP, "Chemical weapon", 12, True),
        Trigger("suicide", _EXP, "Suicide bomb", 11, True),
        Trigger("ied", _EXP, "Remote explosive/landmine/IED", 10, True),
        Trigger("air", _EXP, "Air/drone strike", 9, True),
        Trigger("shelling", _EXP, "Shelling/artillery/missile attack", 8, True),
        Trigger("grenade", _EXP, "Grenade", 8, True),
        Trigger("clash", "Battles", "Armed clash", 7, True),
        Trigger("attack", "Battles", "Armed clash", 6, True),
        Trigger("assassination", _VAC, "Attack", 6, True),
        Trigger("abduction", _VAC, "Abduction/forced disappearance", 6, True),
        Trigger("sexual", _VAC, "Sexual violence", 6, True),
        Trigger("territory", "Battles", "Non-state actor overtakes territory", 8, True),
        Trigger("withdrawal", _SD, "Non-violent transfer of territory", 4, True),
        Trigger("entry", _SD, "Non-violent transfer of territory", 4, True),
        Trigger("riot", "Riots", "Violent demonstration", 5, True),
        Trigger("protest", "Protests", "Peaceful protest", 4, True),
        Trigger("protest_intervention", "Protests", "Protest with intervention", 5, True),
        Trigger("foil", _SD, "Disrupted weapons use", 3, True),
        Trigger("weapons_destroyed", _SD, "Disrupted weapons use", 3, True),
        Trigger("kill", "Battles", "Armed clash", 2, False),
        Trigger("fight", "Battles", "Armed clash", 6, False),
        Trigger("arrest", _SD, "Arrests", 2, True),
        Trigger("raid", _SD, "Arrests", 2, False),
        Trigger("looting", _SD, "Looting/property destruction", 2, True),
        Trigger("base", _SD, "Headquarters or base established", 2, True),
        Trigger("agreement", _SD, "Agreement", 1, True),
        Trigger("group_change", _SD, "Change to group/activity", 1, True),
        Trigger("other", _SD, "Other", 1, True),
    )
}

_VOCABULARY: dict[str, tuple[str, ...]] = {
    "chemical": (
        "سلاح كيميائي",
        "أسلحة كيميائية",
        "هجوم كيميائي",
        "غازات سامة",
        "غاز السارين",
        "غاز الكلور",
        "chemical attack",
        "chemical weapons",
        "sarin",
        "chlorine gas",
    ),
    "suicide": (
        "انتحاري",
        "انتحارية",
        "انتحاريا",
        "انتحاريين",
        "انتحاريان",
        "فجر نفسه",
        "فجرت نفسها",
        "يفجر نفسه",
        "تفجير نفسه",
        "وفجر نفسه",
        "حزام ناسف",
        "حزاما ناسفا",
        "حزاماً ناسفاً",
        "suicide bomber",
        "suicide bombers",
        "suicide bombing",
        "suicide attack",
        "suicide car bomb",
        "blew himself up",
        "blew herself up",
        "detonated his explosive vest",
    ),
    "ied": (
        "عبوة ناسفة",
        "عبوات ناسفة",
        "عبوة",
        "لغم",
        "لغما",
        "ألغام",
        "لغم أرضي",
        "سيارة مفخخة",
        "مفخخة",
        "دراجة نارية مفخخة",
        "تفجير",
        "تفجيرا",
        "تفجيرات",
        "انفجار",
        "انفجارا",
        "انفجر",
        "انفجرت",
        "IED",
        "IEDs",
        "roadside bomb",
        "car bomb",
        "landmine",
        "land mine",
        "explosion",
        "blast",
        "exploded",
        "bomb",
        "bombing",
        "explosive device",
        "booby-trapped",
    ),
    "air": (
        "غارة",
        "غارات",
        "غارة جوية",
        "غارات جوية",
        "ضربة جوية",
        "ضربات جوية",
        "قصف جوي",
        "طائرة مسيرة",
        "طائرات مسيرة",
        "مسيرة تركية",
        "طائرة دون طيار",
        "طائرة بدون طيار",
        "الطيران الحربي",
        "طائرات حربية",
        "الطيران الروسي",
        "airstrike",
        "airstrikes",
        "air strike",
        "air strikes",
        "drone strike",
        "drone strikes",
        "drone",
        "drones",
        "warplanes",
        "warplane",
        "air raid",
        "air raids",
    ),
    "shelling": (
        "قصف",
        "قصفا",
        "قصفت",
        "قصفه",
        "قصف مدفعي",
        "قصفا مدفعيا",
        "قصف صاروخي",
        "قذائف",
        "قذيفة",
        "قذائف هاون",
        "مدفعية",
        "المدفعية",
        "صاروخ",
        "صواريخ",
        "صاروخا",
        "راجمات",
        "shelling",
        "shelled",
        "shells",
        "artillery",
        "rocket",
        "rockets",
        "mortar",
        "mortars",
        "missile",
        "missiles",
    ),
    "grenade": ("قنبلة يدوية", "قنابل يدوية", "grenade", "grenades", "hand grenade"),
    "clash": (
        "اشتباك",
        "اشتباكات",
        "اشتبك",
        "اشتبكت",
        "كمين",
        "كمينا",
        "تبادل إطلاق النار",
        "clash",
        "clashes",
        "clashed",
        "fighting",
        "battle",
        "ambush",
        "ambushed",
        "gunfight",
        "firefight",
    ),
    "fight": ("مواجهة", "مواجهات", "معارك", "معركة", "قتال", "battles"),
    "attack": (
        "هجوم",
        "هجوما",
        "هجمات",
        "هجوماً",
        "هاجم",
        "هاجمت",
        "هاجموا",
        "مهاجمة",
        "شن هجوما",
        "شنت هجوما",
        "استهدف",
        "استهدفت",
        "استهداف",
        "برصاص",
        "إطلاق نار",
        "إطلاق النار",
        "أطلق النار",
        "أطلقوا النار",
        "attack",
        "attacks",
        "attacked",
        "attacking",
        "opened fire",
        "shot dead",
        "gunmen",
        "stormed",
        "assault",
        "targeted",
    ),
    "assassination": (
        "اغتيال",
        "اغتال",
        "اغتيل",
        "اغتالت",
        "إعدام",
        "أعدم",
        "أعدمت",
        "إعدام ميداني",
        "تصفية",
        "assassinated",
        "assassination",
        "executed",
        "execution",
    ),
    "abduction": (
        "خطف",
        "اختطاف",
        "اختطف",
        "اختطفت",
        "خطفت",
        "اختطفوا",
        "kidnapped",
        "abducted",
        "abduction",
        "kidnapping",
    ),
    "sexual": ("اغتصاب", "raped", "rape"),
    "territory": (
        "سيطرة على",
        "السيطرة على",
        "سيطرته على",
        "سيطر",
        "سيطرت",
        "سيطروا",
        "بسط سيطرته",
        "استعاد",
        "استعادت",
        "استعادة",
        "تحرير",
        "حرر",
        "حررت",
        "انتزع",
        "انتزاع",
        "خسر",
        "خسارة",
        "خسر التنظيم",
        "سقوط مدينة",
        "captured",
        "seized control",
        "took control",
        "recaptured",
        "retook",
        "regained",
        "overran",
        "fell to",
        "lost control",
        "took over",
    ),
    "withdrawal": ("انسحاب", "انسحب", "انسحبت", "انسحبوا", "withdrew", "withdrawal", "pulled out", "retreated"),
    "entry": ("دخول", "دخلت", "دخل", "دخلوا", "entered", "handed over", "تسليم", "سلم", "سلمت", "تسلم", "تسلمت"),
    "protest_intervention": (
        "فرقت",
        "تفريق",
        "قنابل مسيلة للدموع",
        "الغاز المسيل للدموع",
        "غاز مسيل للدموع",
        "dispersed",
        "tear gas",
        "teargas",
    ),
    "riot": ("أعمال شغب", "شغب", "riot", "riots", "rioters", "rioting"),
    "protest": (
        "مظاهرة",
        "مظاهرات",
        "تظاهرة",
        "تظاهرات",
        "تظاهر",
        "وقفة احتجاجية",
        "احتجاج",
        "احتجاجات",
        "اعتصام",
        "محتجين",
        "محتجون",
        "متظاهرين",
        "متظاهرون",
        "protest",
        "protests",
        "protested",
        "protesters",
        "demonstration",
        "demonstrations",
        "demonstrators",
        "rally",
        "sit-in",
    ),
    "foil": (
        "أحبط",
        "أحبطت",
        "إحباط",
        "تفكيك",
        "فكك",
        "فككت",
        "ضبط",
        "ضبطت",
        "مصادرة",
        "صادرت",
        "foiled",
        "thwarted",
        "defused",
        "dismantled",
        "seized",
    ),
    "weapons_destroyed": (
        "مخزن أسلحة",
        "مخازن أسلحة",
        "مستودع أسلحة",
        "مستودعات أسلحة",
        "لتخزين الأسلحة",
        "تخزين الأسلحة",
        "مخزن ذخيرة",
        "weapons cache",
        "weapons caches",
        "arms depot",
        "weapons depot",
        "weapons storage",
        "ammunition depot",
    ),
    "kill": (
        "قتل",
        "قتلت",
        "قتلوا",
        "مقتل",
        "قتلى",
        "قتيل",
        "قتيلا",
        "لقي حتفه",
        "لقوا حتفهم",
        "مصرع",
        "استشهد",
        "استشهاد",
        "killed",
        "killing",
        "dead",
        "died",
    ),
    "arrest": (
        "اعتقال",
        "اعتقل",
        "اعتقلت",
        "اعتقالات",
        "القبض على",
        "ألقى القبض",
        "ألقت القبض",
        "قبض",
        "توقيف",
        "أوقفت",
        "احتجزت",
        "حملة اعتقالات",
        "arrested",
        "arrest",
        "arrests",
        "detained",
        "rounded up",
    ),
    "raid": ("مداهمة", "داهم", "داهمت", "دهم", "حملة أمنية", "raid", "raided", "security sweep", "security campaign"),
    "looting": ("نهب", "أحرق", "أحرقت", "إحراق", "تجريف", "looted", "looting", "torched", "set fire"),
    "base": (
        "إنشاء قاعدة",
        "أنشأ قاعدة",
        "أنشأت قاعدة",
        "قاعدة جديدة",
        "نقطة عسكرية جديدة",
        "established a base",
        "new base",
        "set up a base",
    ),
    "agreement": ("اتفاق", "اتفاقا", "اتفاقية", "وقف إطلاق النار", "هدنة", "agreement", "ceasefire", "truce", "deal"),
    "group_change": ("انشقاق", "انشق", "انشقت", "اندماج", "defected", "merged", "disbanded"),
    "other": (
        "مناورات",
        "مناورات عسكرية",
        "تدريبات عسكرية",
        "تدريبات مشتركة",
        "تعزيزات",
        "تعزيزات عسكرية",
        "دورية مشتركة",
        "دوريات مشتركة",
        "military exercise",
        "military exercises",
        "joint exercise",
        "joint exercises",
        "drill",
        "drills",
        "reinforcements",
        "joint patrol",
        "joint patrols",
    ),
}

# Words that change how a sentence's triggers are read.
_MODIFIERS: dict[str, tuple[str, ...]] = {
    "weapons": ("أسلحة", "الأسلحة", "ذخائر", "ذخيرة", "weapons", "ammunition", "arms", "explosives"),
    "destroy": ("دمر", "دمرت", "تدمير", "destroyed", "destroying"),
    "combat": (
        "اشتباكات",
        "معارك",
        "قتال",
        "مواجهة",
        "مواجهات",
        "بعد معارك",
        "fighting",
        "battle",
        "clashes",
        "offensive",
    ),
    "peaceful": ("دون قتال", "بلا قتال", "دون مقاومة", "without a fight", "without resistance", "peacefully"),
    "modal": (
        "المزمع",
        "مزمع",
        "المرتقب",
        "مرتقب",
        "محتمل",
        "محتملة",
        "قد يجد",
        "سوف",
        "يخطط",
        "تخطط",
        "للتخطيط",
        "يهدد",
        "تهدد",
        "تهديد",
        "لمنع",
        "منع",
        "تخوف",
        "تخشى",
        "مخاوف",
        "احتمال",
        "احتمالية",
        "إمكانية",
        "في حال",
        "نوايا",
        "قدرة",
        "القدرة",
        "بقدرة",
        "قادرة",
        "فكرة",
        "ability",
        "capable",
        "capacity",
        "plans",
        "planned",
        "could",
        "would",
        "might",
        "threatened",
        "threat",
        "fears",
        "feared",
        "if",
        "possible",
        "prevent",
    ),
    "negation": ("نفى", "نفت", "ينفي", "تنفي", "لم يسجل", "عدم", "denied", "denies"),
    "background": (
        "منذ ذلك الحين",
        "في السابق",
        "سابقا",
        "قبل سنوات",
        "قبل عقد",
        "في المرة الأولى",
        "years ago",
        "a decade ago",
        "since then",
    ),
    "civilian": (
        "مدني",
        "مدنيين",
        "مدنيون",
        "مدنيا",
        "مدنية",
        "أطفال",
        "طفل",
        "طفلة",
        "نساء",
        "امرأة",
        "منزل",
        "منازل",
        "عائلة",
        "رجلا",
        "زوجته",
        "مختار",
        "أهالي",
        "سكان",
        "مزارع",
        "راع",
        "civilian",
        "civilians",
        "children",
        "child",
        "family",
        "home",
        "house",
        "shepherd",
        "pharmacist",
        "villagers",
        "residents",
    ),
    "armed": (
        "عنصر",
        "عناصر",
        "مقاتل",
        "مقاتلين",
        "جندي",
        "جنود",
        "ضابط",
        "قيادي",
        "عسكري",
        "نقطة",
        "حاجز",
        "موقع عسكري",
        "soldier",
        "soldiers",
        "fighter",
        "fighters",
        "checkpoint",
        "position",
        "member",
        "members",
        "commander",
        "officer",
    ),
    "plural_count": ("عمليات", "هجمات", "غارات", "operations", "attacks", "strikes"),
}


def event_phrases() -> Iterable[tuple[str, Feature]]:
    """The lexicon entries of triggers (``trigger``) and of the words that modify them."""
    for name, phrases in _VOCABULARY.items():
        for phrase in phrases:
            yield phrase, Feature("trigger", name)
    for category, phrases in _MODIFIERS.items():
        for phrase in phrases:
            yield phrase, Feature(category, True)


class EventChoice(NamedTuple):
    """The event a sentence reports: its ACLED pair, the deciding trigger and its token index."""

    event_type: str
    sub_event_type: str
    trigger: str
    token: int
    strong: bool


def classify(
    triggers: Sequence[tuple[int, str]],
    flags: set[str],
    *,
    government_gains: bool = False,
    fighting_nearby: bool = False,
) -> EventChoice | None:
    """The sentence's event from its ``(token index, trigger name)`` pairs and modifier *flags*.

    Examples
    --------
    >>> classify([(3, "attack"), (9, "kill")], set()).sub_event_type
    'Armed clash'
    >>> classify([(1, "foil"), (2, "attack")], set()).sub_event_type
    'Disrupted weapons use'
    >>> classify([(1, "attack")], {"civilian"}).event_type
    'Violence against civilians'
    """
    if not triggers:
        return None
    names = {name for _, name in triggers}
    if "arrest" in names and "foil" in names:
        triggers = [t for t in triggers if t[1] != "foil"]  # arrested … and seized weapons: the arrests
        names.discard("foil")
    if "kill" in names and len(names) > 1 and names - {"kill", "raid", "arrest"}:
        triggers = [t for t in triggers if t[1] != "kill"]
    if "destroy" in flags and "weapons" in flags and not names & {"suicide", "chemical", "kill"}:
        return EventChoice(_SD, "Disrupted weapons use", "weapons_destroyed", triggers[0][0], True)
    if "foil" in names and not names & {"kill", "territory", "protest", "riot", "arrest"}:
        index = next(i for i, n in triggers if n == "foil")
        return EventChoice(_SD, "Disrupted weapons use", "foil", index, True)
    if names <= {"foil", "weapons_destroyed"} and "weapons" not in flags and "foil" in names:
        return None
    index, name = max(triggers, key=lambda t: (TRIGGERS[t[1]].priority, -t[0]))
    trigger = TRIGGERS[name]
    event_type, sub = trigger.event_type, trigger.sub_event_type
    if name in ("attack", "kill", "clash") and "civilian" in flags and "armed" not in flags:
        event_type, sub = _VAC, "Attack"
    elif name == "assassination" and "armed" in flags and "civilian" not in flags:
        event_type, sub = "Battles", "Armed clash"
    elif name == "territory" and government_gains:
        sub = "Government regains territory"
    elif "peaceful" not in flags and (
        (name == "withdrawal" and fighting_nearby) or (name == "entry" and "combat" in flags)
    ):
        event_type, sub = "Battles", "Non-state actor overtakes territory"
    elif name == "raid" and "arrest" not in names:
        sub = "Arrests"
    return EventChoice(event_type, sub, name, index, trigger.strong)
