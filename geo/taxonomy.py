"""ACLED's event taxonomy: six event types and their sub-event types, in English and Arabic.

The English names are ACLED's own (ACLED Codebook, 2023), so that files
written here can be read by tools that expect ACLED data.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EVENT_TYPES", "EventType", "SubEventType", "event_type_of", "is_known_pair"]


@dataclass(frozen=True, slots=True)
class SubEventType:
    """An ACLED sub-event type."""

    name: str
    label_ar: str


@dataclass(frozen=True, slots=True)
class EventType:
    """An ACLED event type with its sub-event types."""

    name: str
    label_ar: str
    sub_types: tuple[SubEventType, ...]

    def sub_type(self, name: str) -> SubEventType | None:
        """The sub-event type called *name* (exact ACLED spelling), if any."""
        return next((s for s in self.sub_types if s.name == name), None)


def _event(name: str, label_ar: str, *subs: tuple[str, str]) -> EventType:
    return EventType(name, label_ar, tuple(SubEventType(n, a) for n, a in subs))


#: The six ACLED event types, keyed by their English name.
EVENT_TYPES: dict[str, EventType] = {
    e.name: e
    for e in (
        _event(
            "Battles",
            "معارك",
            ("Armed clash", "اشتباك مسلح"),
            ("Government regains territory", "استعادة الحكومة السيطرة على أرض"),
            ("Non-state actor overtakes territory", "سيطرة جهة غير حكومية على أرض"),
        ),
        _event(
            "Explosions/Remote violence",
            "انفجارات وعنف عن بعد",
            ("Chemical weapon", "سلاح كيميائي"),
            ("Air/drone strike", "غارة جوية أو بطائرة مسيّرة"),
            ("Suicide bomb", "تفجير انتحاري"),
            ("Shelling/artillery/missile attack", "قصف مدفعي أو صاروخي"),
            ("Remote explosive/landmine/IED", "عبوة ناسفة أو لغم أو تفجير عن بعد"),
            ("Grenade", "قنبلة يدوية"),
        ),
        _event(
            "Violence against civilians",
            "عنف ضد المدنيين",
            ("Sexual violence", "عنف جنسي"),
            ("Attack", "اعتداء"),
            ("Abduction/forced disappearance", "خطف أو إخفاء قسري"),
        ),
        _event(
            "Protests",
            "احتجاجات",
            ("Peaceful protest", "احتجاج سلمي"),
            ("Protest with intervention", "احتجاج مع تدخل"),
            ("Excessive force against protesters", "قوة مفرطة ضد المحتجين"),
        ),
        _event(
            "Riots",
            "أعمال شغب",
            ("Violent demonstration", "تظاهرة عنيفة"),
            ("Mob violence", "عنف جماعي"),
        ),
        _event(
            "Strategic developments",
            "تطورات استراتيجية",
            ("Agreement", "اتفاق"),
            ("Arrests", "اعتقالات"),
            ("Change to group/activity", "تغيّر في جماعة أو نشاطها"),
            ("Disrupted weapons use", "إحباط استخدام أسلحة"),
            ("Headquarters or base established", "إنشاء مقر أو قاعدة"),
            ("Looting/property destruction", "نهب أو تدمير ممتلكات"),
            ("Non-violent transfer of territory", "انتقال السيطرة على أرض دون قتال"),
            ("Other", "أخرى"),
        ),
    )
}


def event_type_of(sub_event_type: str) -> EventType | None:
    """The event type a sub-event type belongs to.

    Examples
    --------
    >>> event_type_of("Suicide bomb").name
    'Explosions/Remote violence'
    """
    return next((e for e in EVENT_TYPES.values() if e.sub_type(sub_event_type)), None)


def is_known_pair(event_type: str, sub_event_type: str) -> bool:
    """True when *sub_event_type* is one of *event_type*'s sub-types in ACLED's taxonomy."""
    event = EVENT_TYPES.get(event_type)
    return event is not None and event.sub_type(sub_event_type) is not None
