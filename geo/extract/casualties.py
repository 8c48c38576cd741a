"""Casualties: how many were killed, injured and arrested, from Arabic and English wording.

Numbers come as digits, as number words (أحد، ثلاثة، خمسة عشر، خمسة
وعشرين, three, a dozen), as singular and dual nouns (عنصر = 1, عنصرين = 2,
a soldier = 1), as آخر ("another", 1), or as vague plurals (عشرات,
dozens: many, count unknown). Each casualty word (قتل، مقتل، قتلى، أصيب،
جرحى، اعتقال، killed, wounded, arrested …) takes the nearest unused number
phrase, after it in Arabic word order (مقتل ثلاثة عناصر) or before it
(ثلاثة قتلى, "25 people were killed").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from geo.extract.lexicon import Feature, Hit
from geo.extract.tokens import Tokens

__all__ = ["ARRESTED_WORDS", "KILLED_WORDS", "Casualties", "casualty_phrases", "count_casualties"]

_ONES = {
    1: ("واحد", "واحدة", "أحد", "إحدى", "one"),
    2: ("اثنان", "اثنين", "اثنتين", "اثنتان", "two"),
    3: ("ثلاثة", "ثلاث", "three"),
    4: ("أربعة", "أربع", "four"),
    5: ("خمسة", "خمس", "five"),
    6: ("ستة", "ست", "six"),
    7: ("سبعة", "سبع", "seven"),
    8: ("ثمانية", "ثماني", "ثمان", "eight"),
    9: ("تسعة", "تسع", "nine"),
    10: ("عشرة", "عشر", "ten"),
    11: ("أحد عشر", "إحدى عشرة", "eleven"),
    12: ("اثنا عشر", "اثني عشر", "اثنتا عشرة", "twelve", "a dozen", "dozen"),
    13: ("ثلاثة عشر", "ثلاث عشرة", "thirteen"),
    14: ("أربعة عشر", "أربع عشرة", "fourteen"),
    15: ("خمسة عشر", "خمس عشرة", "fifteen"),
    16: ("ستة عشر", "ست عشرة", "sixteen"),
    17: ("سبعة عشر", "سبع عشرة", "seventeen"),
    18: ("ثمانية عشر", "ثماني عشرة", "eighteen"),
    19: ("تسعة عشر", "تسع عشرة", "nineteen"),
    20: ("عشرون", "عشرين", "twenty"),
    30: ("ثلاثون", "ثلاثين", "thirty"),
    40: ("أربعون", "أربعين", "forty"),
    50: ("خمسون", "خمسين", "fifty"),
    60: ("ستون", "ستين", "sixty"),
    70: ("سبعون", "سبعين", "seventy"),
    80: ("ثمانون", "ثمانين", "eighty"),
    90: ("تسعون", "تسعين", "ninety"),
    100: ("مئة", "مائة", "hundred", "a hundred"),
}
_SINGULAR = (
    "عنصر",
    "عنصرا",
    "مقاتل",
    "مقاتلا",
    "جندي",
    "جنديا",
    "مدني",
    "مدنيا",
    "شخص",
    "شخصا",
    "طفل",
    "طفلا",
    "طفلة",
    "امرأة",
    "سيدة",
    "رجل",
    "شاب",
    "شابا",
    "ضابط",
    "ضابطا",
    "قيادي",
    "قياديا",
    "عسكري",
    "عسكريا",
    "مسلح",
    "مسلحا",
    "عامل",
    "عاملا",
    "رئيس",
    "طفلها",
    "طفله",
    "راع",
    "مزارع",
    "soldier",
    "fighter",
    "civilian",
    "commander",
    "leader",
    "officer",
    "guard",
    "militant",
    "shepherd",
    "farmer",
    "pharmacist",
    "a soldier",
    "a fighter",
    "a civilian",
    "a man",
    "a woman",
    "a child",
    "a boy",
    "a girl",
    "a member",
    "an officer",
    "a commander",
    "a militant",
    "a shepherd",
    "a farmer",
)
_DUAL = (
    "عنصرين",
    "عنصران",
    "جنديين",
    "جنديان",
    "شخصين",
    "شخصان",
    "طفلين",
    "طفلان",
    "امرأتين",
    "رجلين",
    "شابين",
    "شابان",
    "ضابطين",
    "ضابطان",
    "قياديين",
    "مسلحين اثنين",
    "راكبيها",
    "راكبيه",
    "راكبين",
    "راكبان",
    "طفلاها",
    "طفلاه",
    "طفليها",
    "طفليه",
)
_MANY = ("عشرات", "العشرات", "مئات", "المئات", "dozens", "scores", "hundreds", "several", "many")
#: Words that say people were killed: casualty cues here and "kill" triggers in `geo.extract.events`.
KILLED_WORDS = (
    "قتل",
    "قتلت",
    "قتلوا",
    "مقتل",
    "قتلى",
    "قتيل",
    "قتيلا",
    "لقي حتفه",
    "لقوا حتفهم",
    "حتفه",
    "حتفها",
    "حتفهم",
    "مصرع",
    "استشهد",
    "استشهاد",
    "جثة",
    "جثث",
    "killed",
    "killing",
    "dead",
    "died",
)
#: Words that say people were arrested: casualty cues here and "arrest" triggers in `geo.extract.events`.
ARRESTED_WORDS = (
    "اعتقال",
    "اعتقل",
    "اعتقلت",
    "القبض على",
    "ألقى القبض",
    "ألقت القبض",
    "توقيف",
    "arrested",
    "arresting",
    "detained",
    "detaining",
)
_CATEGORIES = {
    "killed": (
        *KILLED_WORDS,
        "قتيلين",
        "حتفهما",
        "أودى بحياة",
        "قضى",
        "قضت",
        "قضوا",
        "مقتولا",
        "shot dead",
        "death toll",
        "lost their lives",
        "fatalities",
    ),
    "injured": (
        "أصيب",
        "أصيبت",
        "أصيبوا",
        "أصيبا",
        "أصاب",
        "أصابت",
        "أصابوا",
        "إصابة",
        "إصابات",
        "جرحى",
        "جريح",
        "جريحا",
        "جرح",
        "بجروح",
        "مصابين",
        "مصابون",
        "wounded",
        "injured",
        "injuring",
        "wounding",
        "hurt",
    ),
    "arrested": (*ARRESTED_WORDS, "احتجاز", "أسر", "أسرت", "captured"),
}
_ANOTHER = ("آخر", "اخر", "ثالث", "ثالثا", "رابع", "رابعا", "another")
_OTHERS = ("آخرين", "آخرون", "others")
_WINDOW = 5
# Forms whose number usually comes before them (ثلاثة قتلى, "25 were killed", "two dead").
_NUMBER_BEFORE = frozenset(
    {
        "قتلي",
        "قتيل",
        "قتيلا",
        "جرحي",
        "جريح",
        "جريحا",
        "مصابين",
        "مصابون",
        "dead",
        "fatalities",
        "بجروح",
        "حتفه",
        "حتفها",
        "حتفهما",
        "حتفهم",
        "اصيبا",
    }
)


def casualty_phrases() -> Iterable[tuple[str, Feature]]:
    """The lexicon entries of numbers (``num``), victims (``unit``, ``many``) and casualty words."""
    for value, phrases in _ONES.items():
        for phrase in phrases:
            yield phrase, Feature("num", value)
    for phrase in _SINGULAR:
        yield phrase, Feature("unit", 1)
    for phrase in _DUAL:
        yield phrase, Feature("unit", 2)
    for phrase in _MANY:
        yield phrase, Feature("many", True)
    for phrase in _ANOTHER:
        yield phrase, Feature("unit", 1)
    for phrase in _OTHERS:
        yield phrase, Feature("many", True)
    for category, phrases in _CATEGORIES.items():
        for phrase in phrases:
            yield phrase, Feature("casualty", category)


@dataclass
class Casualties:
    """Killed, injured and arrested: None when not reported; ``many`` names categories reported as "dozens"."""

    killed: int | None = None
    injured: int | None = None
    arrested: int | None = None
    many: set[str] = field(default_factory=set)

    def add(self, category: str, value: int | None) -> None:
        """Add *value* people to *category* (None: a number was not given)."""
        if value is None:
            self.many.add(category)
            return
        current = getattr(self, category)
        setattr(self, category, (current or 0) + value)

    def notes(self) -> list[str]:
        """Human-readable notes: arrests (the contract has no column for them) and uncounted figures."""
        out: list[str] = []
        if self.arrested is not None:
            out.append(f"arrested: {self.arrested}")
        for category in ("killed", "injured", "arrested"):
            if category in self.many and getattr(self, category) is None:
                out.append(f"{category}: a number not given (many)")
        return out

    @property
    def reported(self) -> bool:
        """True when any casualty figure was found."""
        return any(v is not None for v in (self.killed, self.injured, self.arrested)) or bool(self.many)


@dataclass
class _Phrase:
    first: int
    last: int
    value: int | None
    used: bool = False


def _number_phrases(
    tokens: Tokens, hits: Sequence[Hit], first: int, last: int, exclude: Collection[int] = ()
) -> list[_Phrase]:
    """Number phrases among *hits* and digit tokens: ``3 عناصر``, ``خمسة وعشرين``, ``عنصرين``, ``dozens``."""
    by_token = {h.first: h for h in hits}
    phrases: list[_Phrase] = []
    words = tokens.words
    i = first
    while i < last:
        if i in exclude:  # a day of the month ("on 19 May"), not a count of people
            i += 1
            continue
        hit = by_token.get(i)
        digit = words[i].norm.isdigit() and len(words[i].norm) <= 5
        if digit or (hit is not None and (hit.has("num") or hit.has("unit") or hit.has("many"))):
            end = hit.last if hit is not None else i + 1
            if digit:
                value: int | None = int(words[i].norm)
                if 1900 <= (value or 0) <= 2100:
                    i += 1
                    continue
            elif hit is not None and hit.has("many"):
                value = None
            else:
                assert hit is not None
                value = int(hit.value("num") or hit.value("unit") or 0)  # type: ignore[call-overload]
            nxt = by_token.get(end)
            if value is not None and nxt is not None and nxt.has("num") and words[end].norm.startswith("و"):
                tens = int(nxt.value("num") or 0)  # type: ignore[call-overload]
                if tens >= 20 and value < 10:
                    value += tens
                    end = nxt.last
            phrases.append(_Phrase(i, end, value))
            i = end
        else:
            i += 1
    return phrases


def count_casualties(
    tokens: Tokens,
    hits: Sequence[Hit],
    first: int,
    last: int,
    *,
    language: str = "ar",
    exclude: Collection[int] = (),
) -> Casualties:
    """Casualties in the tokens ``[first, last)`` of a sentence, from its lexicon *hits*.

    Examples
    --------
    >>> from geo.extract.tokens import tokenize
    >>> from geo.extract.lexicon import Lexicon
    >>> lex = Lexicon(casualty_phrases())
    >>> t = tokenize("أسفرت عن مقتل أحد عناصر التنظيم واعتقال أربعة آخرين، إضافة إلى مقتل عنصر من الأمن العام")
    >>> c = count_casualties(t, lex.scan(t), 0, len(t))
    >>> c.killed, c.injured, c.arrested
    (2, None, 4)
    """
    inside = [h for h in hits if first <= h.first < last]
    result = Casualties()
    cues = [h for h in inside if h.has("casualty")]
    if not cues:
        return result
    numbers = _number_phrases(tokens, inside, first, last, exclude)
    for cue in cues:
        category = str(cue.value("casualty"))
        before_first = tokens.words[cue.first].norm in _NUMBER_BEFORE or language == "en"
        # a number after the next casualty word is that word's ("ثلاثة قتلوا وأصيب سبعة")
        stop = min((c.first for c in cues if c.first >= cue.last), default=len(tokens))
        after = [p for p in numbers if not p.used and cue.last <= p.first < min(cue.last + _WINDOW, stop)]
        before = [p for p in numbers if not p.used and cue.first - _WINDOW < p.last <= cue.first]
        before.sort(key=lambda p: -p.last)
        after.sort(key=lambda p: p.first)
        options = (before + after) if before_first else (after + before)
        chosen = options[0] if options else None
        if chosen is None:
            if any(
                c is not cue and c.value("casualty") == category and abs(c.first - cue.first) <= _WINDOW for c in cues
            ):
                continue  # "إصابة خمسة مدنيين بجروح": the number went to the other word
            if _plural_nearby(tokens, cue):
                result.add(category, None)
            continue
        chosen.used = True
        value = chosen.value
        # "إصابة امرأة وطفلين", "a man and two children": victims joined by و / and add up.
        follow = chosen
        while value is not None:
            nxt = next((p for p in numbers if not p.used and p.first in (follow.last, follow.last + 1)), None)
            if nxt is None or nxt.value is None:
                break
            if nxt.first == follow.last:
                joined = tokens.words[nxt.first].norm.startswith("و") and tokens.words[nxt.first].norm != "و"
            else:
                joined = tokens.words[follow.last].norm in ("و", "and")
            if not joined:
                break
            nxt.used = True
            value += nxt.value
            follow = nxt
        # A number followed by more number words ("أحد عناصر") is still one phrase.
        for other in numbers:
            if other is not chosen and other.first == chosen.last and other.value is None:
                other.used = True
        result.add(category, value)
    return result


def _plural_nearby(tokens: Tokens, cue: Hit) -> bool:
    """True when a casualty word has no number but clearly speaks of several people (قتلى، عناصر …)."""
    words = tokens.words
    norm = words[cue.first].norm
    if norm in ("قتلي", "جرحي", "مصابين", "dead", "fatalities", "casualties"):
        return True
    for j in range(cue.last, min(len(words), cue.last + 2)):
        if words[j].norm in (
            "عناصر",
            "مقاتلين",
            "جنود",
            "مدنيين",
            "اشخاص",
            "soldiers",
            "fighters",
            "civilians",
            "people",
        ):
            return True
    return False
