"""Candidate incidents of one sentence, their confidence, and how two of them fold into one."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from geo.extract.casualties import Casualties
from geo.extract.dates import DateMention
from geo.extract.events import TERRITORIAL, TRIGGERS, EventChoice
from geo.extract.toponyms import PlaceMention

__all__ = ["Candidate", "absorb", "confidence", "rank"]


@dataclass
class Candidate:
    """One event a sentence reports at one place, before merging: what, where, when, who, the toll."""

    sentence: int
    paragraph: int
    event: EventChoice
    site: PlaceMention | None
    date: DateMention | None
    date_source: str
    actors: tuple[str, str]
    casualties: Casualties
    flags: set[str]
    evidence: tuple[int, int]
    country: bool
    confidence: float = 0.0
    notes: list[str] = field(default_factory=list)


def confidence(c: Candidate) -> float:
    """How sure the candidate is, in ``[0.05, 0.99]``: strong trigger, precise place, own date, actors, toll."""
    score = 0.2 + (0.25 if c.event.strong else 0.1)
    if c.site is not None:
        score += {1: 0.2, 2: 0.15, 3: 0.1}[c.site.geo_precision]
        if c.site.ambiguous:
            score -= 0.1
    elif c.country and c.date_source == "own" and c.actors[0]:
        score -= 0.05
    else:
        score -= 0.4
    score += {"own": 0.25, "report": 0.15, "paragraph": 0.1, "earlier": 0.0, "none": 0.0}[c.date_source]
    if c.actors[0]:
        score += 0.05
    if c.casualties.reported:
        score += 0.05
    if "modal" in c.flags:
        score -= 0.3
    if "negation" in c.flags:
        score -= 0.3
    if "denial" in c.flags:
        score -= 0.5
    if "background" in c.flags and c.date_source != "own":
        score -= 0.15
    if c.date is not None and c.date.kind == "year":
        score -= 0.4
    if c.date_source == "none":
        score = min(score, 0.35)
    return round(max(0.05, min(0.99, score)), 3)


def rank(c: Candidate) -> tuple[int, float]:
    """Which of two tellings of one event to keep: the one with its own date, then the more confident."""
    return ({"own": 3, "report": 2, "paragraph": 1, "earlier": 1, "none": 0}[c.date_source], c.confidence)


def absorb(keeper: Candidate, other: Candidate) -> None:
    """Fold *other* (the same event told again) into *keeper*."""
    for category in ("killed", "injured", "arrested"):
        mine, theirs = getattr(keeper.casualties, category), getattr(other.casualties, category)
        if mine is None and theirs is not None:
            keeper.casualties = replace(keeper.casualties, **{category: theirs})
    if not keeper.actors[0] and other.actors[0]:
        keeper.actors = other.actors
    if keeper.site is None and other.site is not None:
        keeper.site = other.site
    seized = other.event.trigger in ("foil", "weapons_destroyed", "intercept")
    seized_in_raid = keeper.event.trigger in ("arrest", "raid") and seized  # weapons found in the raid: still arrests
    if (
        not seized_in_raid
        and TRIGGERS[other.event.trigger].priority > TRIGGERS[keeper.event.trigger].priority
        and (
            other.event.event_type == keeper.event.event_type
            or {other.event.trigger, keeper.event.trigger} <= TERRITORIAL
        )
    ):
        keeper.event = other.event  # "Police dispersed the crowd": the protest had an intervention
    if (
        keeper.site is not None
        and other.site is not None
        and other.site.place.place_id == keeper.site.place.place_id
        and other.site.geo_precision < keeper.site.geo_precision
    ):
        keeper.site = other.site  # "towards the heart of Daraa", then "the city of Daraa": the city
    keeper.confidence = max(keeper.confidence, confidence(keeper))
