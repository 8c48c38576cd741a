"""The extractor's phrase book: triggers, actors, casualty words, report verbs and date cues in one lexicon.

Every job reads the same `Lexicon` scan of a document, so all vocabularies are merged here once
(`lexicon`, cached). Event vocabulary lives in `geo.extract.events`, actors in `geo.extract.actors`,
casualty words in `geo.extract.casualties`; this module adds the words that only the incident
assembly needs (report verbs, date cues, the country's names) and keeps a trigger inside an actor's
name ("Turkish drone", مسيرة تركية) from being hidden by it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from geo.extract.actors import actor_phrases
from geo.extract.casualties import casualty_phrases
from geo.extract.events import event_phrases
from geo.extract.lexicon import Feature, Lexicon
from geo.extract.tokens import normalize_phrase
from geo.months import month_words

__all__ = ["MODIFIER_CATEGORIES", "lexicon"]

MODIFIER_CATEGORIES = frozenset(
    {
        "weapons",
        "destroy",
        "combat",
        "peaceful",
        "modal",
        "negation",
        "denial",
        "background",
        "civilian",
        "armed",
        "plural_count",
        "aerial",
        "mutual",
    }
)
_REPORT_WORDS = (
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "أعلن",
    "أعلنت",
    "أكد",
    "أكدت",
    "أفاد",
    "أفادت",
    "ذكر",
    "ذكرت",
    "أوضح",
    "أوضحت",
    "نقل",
    "نقلت",
    "أشار",
    "أشارت",
    "بيان",
    "تغريدة",
    "said",
    "says",
    "announced",
    "reported",
    "told",
    "stated",
    "statement",
    "added",
)
_DATE_CUES: dict[str, tuple[str, ...]] = {
    "month": tuple(sorted(month_words())),
    "weekday": (
        "الاثنين",
        "الإثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
        "الأحد",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ),
    "rel": ("أمس", "البارحة", "اليوم", "yesterday", "today"),
    "period": (
        "الماضي",
        "الماضية",
        "الحالي",
        "الجاري",
        "المنصرم",
        "الأسبوع",
        "الشهر",
        "العام",
        "السنة",
        "الأيام",
        "الأسابيع",
        "أيام",
        "يومين",
        "أسبوع",
        "أسبوعين",
        "شهر",
        "شهرين",
        "ساعات",
        "week",
        "month",
        "year",
        "ago",
        "days",
        "recent",
    ),
}
_COUNTRY = ("سوريا", "سورية", "Syria", "البلاد")


def _lexicon_entries() -> Iterable[tuple[str, Feature]]:
    events = list(event_phrases())
    yield from events
    yield from _with_inner_triggers(actor_phrases(), events)
    yield from casualty_phrases()
    for word in _REPORT_WORDS:
        yield word, Feature("report", True)
    for kind, words in _DATE_CUES.items():
        for word in words:
            yield word, Feature("datecue", kind)
    for word in _COUNTRY:
        yield word, Feature("country", True)


def _with_inner_triggers(
    phrases: Iterable[tuple[str, Feature]], events: Sequence[tuple[str, Feature]]
) -> Iterator[tuple[str, Feature]]:
    """Each phrase, plus the trigger of any one-word weapon trigger inside it.

    The lexicon takes the longest phrase, so an actor named by its weapon ("Turkish drone", مسيرة
    تركية) would otherwise hide the strike it reports. Only weapons count: تحرير in هيئة تحرير الشام
    is a name, not a liberation.

    Examples
    --------
    >>> actors = [("Turkish drone", Feature("actor", "Turkey"))]
    >>> entries = _with_inner_triggers(actors, [("drone", Feature("trigger", "air"))])
    >>> [(phrase, feature.category) for phrase, feature in entries]
    [('Turkish drone', 'actor'), ('Turkish drone', 'trigger')]
    """
    single = {
        key[0]: f
        for phrase, f in events
        if f.category == "trigger" and f.value in _WEAPONS and len(key := normalize_phrase(phrase)) == 1
    }
    for phrase, feature in phrases:
        yield phrase, feature
        words = normalize_phrase(phrase)
        if len(words) > 1:
            bare = [w[2:] if w.startswith("ال") else w for w in words]  # مسيرة in المسيرة التركية
            inner = {single[w] for w in (*words, *bare) if w in single}
            for trigger in sorted(inner):
                yield phrase, trigger


_WEAPONS = frozenset({"air", "march_drone", "shelling", "ied", "suicide", "grenade", "chemical"})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of every phrase the extractor looks for (built once)."""
    return Lexicon(_lexicon_entries())
