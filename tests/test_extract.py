"""The extractor's parts: tokens, toponyms, dates, events, casualties, loaders and incident assembly."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer import Gazetteer, normalize_name
from geo.extract.casualties import casualty_phrases, count_casualties
from geo.extract.dates import find_dates, find_published, parse_date_text
from geo.extract.document_view import DocumentView
from geo.extract.documents import Document, Rejected, html_to_text, iter_documents
from geo.extract.events import classify
from geo.extract.incidents import Extractor, detect_language
from geo.extract.lexicon import Feature, Lexicon
from geo.extract.sentences import split_sentences
from geo.extract.tokens import tokenize
from geo.extract.toponyms import Tagger

# -- tokens ---------------------------------------------------------------------


@given(st.text(alphabet="قتلعنصرفيبدير الزوروالباغوز،. Aleppo'sHajin-إأآةىًٌ", max_size=80))
def test_tokens_are_spans_of_the_text(text: str) -> None:
    tokens = tokenize(text)
    assert len(tokens.starts) == len(tokens.ends) == len(tokens.words)
    previous = 0
    for start, end, word in zip(tokens.starts, tokens.ends, tokens.words, strict=True):
        assert previous <= start < end <= len(text)
        assert word.norm and normalize_name(text[start:end]).replace(" ", "").startswith(word.norm[:1])
        previous = end


def test_clitic_forms() -> None:
    word = tokenize("وللحسكة").words[0]
    assert [f.text for f in word.forms][:3] == ["وللحسكه", "للحسكه", "الحسكه"]


def test_only_words_that_begin_a_registered_phrase_are_scanned() -> None:
    Extractor()  # registers the lexicon and the gazetteer's names
    tokens = tokenize("قتل عنصر في بلدة خطثقفغ")
    assert [tokens.words[i].norm for i in tokens.heads()] == ["قتل", "عنصر", "في", "بلده"]
    # tokens made before a vocabulary is registered are scanned in full, so it still finds its phrases
    lexicon = Lexicon([("خطثقفغ", Feature("test", 1))])
    assert tokens.heads() == [0, 1, 2, 3, 4] and tokens.generation < tokenize("").generation
    assert [(h.first, h.features[0].value) for h in lexicon.scan(tokens)] == [(4, 1)]
    assert [(h.first, h.features[0].value) for h in lexicon.scan(tokenize("في بلدة خطثقفغ"))] == [(2, 1)]


# -- toponyms -------------------------------------------------------------------


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger.default()


def _tags(tagger: Tagger, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place.place_id) for m in tagger.tag(text)]


def test_clitics_and_offsets(tagger: Tagger) -> None:
    text = "اشتباكات بدير الزور والباغوز وللحسكة"
    mentions = tagger.tag(text)
    assert [(text[m.start : m.end], m.place.place_id) for m in mentions][:2] == [
        ("دير الزور", "geonames:170794"),
        ("الباغوز", "al-baghouz"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_kind_words_hint_the_place(tagger: Tagger) -> None:
    assert _tags(tagger, "في بلدة البحرة")[0][1] == "al-bahra"
    assert _tags(tagger, "مخيم الهول")[0][1] == "al-hol-camp"
    assert _tags(tagger, "في محافظة درعا")[0][1] == "SY12"
    assert _tags(tagger, "في مدينة درعا")[0][1] == "daraa"
    assert _tags(tagger, "مطار التيفور")[0][1] == "t4-tiyas-airbase"


@pytest.mark.parametrize(
    "text",
    [
        "فتح الباب أمام الحوار",
        "صعد إلى التل المطل على الوادي",
        "بثت قناة الجزيرة تقريرا",
        "التقى الرئيس أحمد الشرع وفدا",
        "قالت قسد في بيان",
        "Tell me more",
        "the Bab of the house",
        "في زيارة رسمية",
        "أصيب بجروح",
    ],
)
def test_common_words_are_not_places(tagger: Tagger, text: str) -> None:
    assert _tags(tagger, text) == []


def test_common_word_names_count_with_a_cue(tagger: Tagger) -> None:
    assert _tags(tagger, "قصف على مدينة الباب")[0][1] == "geonames:174018"
    assert _tags(tagger, "اشتباكات في الميادين")[0][1] == "geonames:173480"
    assert _tags(tagger, "clashes near al-Bab")[0][1] == "geonames:174018"


def test_homonyms_use_the_documents_other_places(tagger: Tagger) -> None:
    assert _tags(tagger, "مداهمة في الحيدرية بمدينة حلب")[0][1] == "al-haydariya-aleppo"
    assert _tags(tagger, "اشتباك في الحيدرية بريف حمص")[0][1] == "al-haydariya-homs"
    alone = Tagger.default().tag("في الحيدرية")  # nothing in the text says which: never a confident guess
    assert all(m.ambiguous and m.score <= 0.5 for m in alone)
    assert _tags(tagger, "في قرية الحيدرية")[0][1] == "al-haydariya-homs"  # the kind word decides


def test_governorate_adjective(tagger: Tagger) -> None:
    assert _tags(tagger, "انسحب من كامل الجغرافيا الدرعاوية")[0][1] == "SY12"
    assert _tags(tagger, "في الريف الحلبي")[0][1] == "SY02"


def test_tagger_on_a_tiny_gazetteer(tiny_gazetteer: Gazetteer) -> None:
    tagger = Tagger(tiny_gazetteer)
    assert [m.place.place_id for m in tagger.tag("هجوم في الحيدرية بريف حمص")] == ["haydariya-homs", "SY04"]


# -- dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("في 19 من أيار الحالي", "2025-05-27", ("2025-05-19", None, 1)),
        ("مساء أمس الأحد", "2025-12-01", ("2025-11-30", None, 1)),
        ("بين 24 و27 نوفمبر/تشرين الثاني الماضي", "2025-12-01", ("2025-11-24", "2025-11-27", 2)),
        ("مارس/آذار 2019", None, ("2019-03-01", "2019-03-31", 3)),
        ("يوم الخميس", "2025-12-01", ("2025-11-27", None, 1)),
        ("الشهر الماضي", "2025-12-01", ("2025-11-01", "2025-11-30", 3)),
        ("قبل عدة أيام", "2025-07-04", ("2025-06-27", "2025-07-03", 2)),
        ("السادس من ديسمبر/كانون الأول 2024", None, ("2024-12-06", None, 1)),
        ("8 ديسمبر 2024", None, ("2024-12-08", None, 1)),
        ("last Sunday", "2025-12-01", ("2025-11-30", None, 1)),
        ("on Monday", "2025-12-03", ("2025-12-01", None, 1)),
        ("between 24 and 27 November", "2025-12-01", ("2025-11-24", "2025-11-27", 2)),
        ("26 يناير الماضي", "2025-03-01", ("2025-01-26", None, 1)),
    ],
)
def test_event_dates(text: str, published: str | None, expected: tuple[str, str | None, int]) -> None:
    pub = dt.date.fromisoformat(published) if published else None
    (mention,) = find_dates(text, pub)
    got = (mention.date.isoformat(), mention.date_end.isoformat() if mention.date_end else None, mention.precision)
    assert got == expected
    assert text[mention.start : mention.end] == mention.text


def test_relative_dates_need_a_publication_date() -> None:
    assert find_dates("أمس", None) == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("عنوان\nتاريخ النشر: 12th, December 2024 GMT\nنص", "2024-12-12"),
        ("عنوان\n\n  • 2025/05/27\n  • 1:14 م\nنص", "2025-05-27"),
        ("عنوان\n\n04/07/2025\n\nنص", "2025-07-04"),
        ("عنوان\nمنشور الاثنين 1 كانون الأول/ديسمبر 2025\nنص", "2025-12-01"),
        ("Title\nDec. 1, 2025\nBody", "2025-12-01"),
        ("عنوان\nالرئيس يلتقي وفدا، 10 نوفمبر 2025\nنص", None),
    ],
)
def test_publication_date(header: str, expected: str | None) -> None:
    found = find_published(header)
    assert (found.date.isoformat() if found else None) == expected


def test_parse_date_text() -> None:
    assert parse_date_text("2025-05-27T13:14:00Z") == dt.date(2025, 5, 27)
    assert parse_date_text("not a date") is None


# -- casualties and events --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "killed", "injured", "arrested"),
    [
        ("قُتل عنصر “قسد” وأصيب آخر بجروح", 1, 1, None),
        ("أسفرت عن مقتل أحد عناصر التنظيم واعتقال أربعة آخرين، إضافة إلى مقتل عنصر من الأمن العام", 2, None, 4),
        ("مقتل عنصرين وإصابة خمسة عشر مدنيا", 2, 15, None),
        ("ثلاثة قتلى وخمسة جرحى", 3, 5, None),
        ("مقتل خمسة وعشرين شخصا", 25, None, None),
        ("at least 25 people were killed and 40 wounded", 25, 40, None),
        ("دمر 15 موقعا", None, None, None),
    ],
)
def test_casualties(text: str, killed: int | None, injured: int | None, arrested: int | None) -> None:
    lexicon = Lexicon(casualty_phrases())
    tokens = tokenize(text)
    found = count_casualties(tokens, lexicon.scan(tokens), 0, len(tokens), language=detect_language(text))
    assert (found.killed, found.injured, found.arrested) == (killed, injured, arrested)


def test_dozens_is_many_not_a_number() -> None:
    lexicon = Lexicon(casualty_phrases())
    tokens = tokenize("عشرات القتلى")
    found = count_casualties(tokens, lexicon.scan(tokens), 0, len(tokens))
    assert found.killed is None and "killed" in found.many


def test_classify_priorities() -> None:
    assert classify([(0, "clash"), (4, "suicide")], set()).sub_event_type == "Suicide bomb"  # type: ignore[union-attr]
    assert classify([(0, "foil"), (2, "ied")], set()).sub_event_type == "Disrupted weapons use"  # type: ignore[union-attr]
    assert classify([(0, "arrest")], set()).sub_event_type == "Arrests"  # type: ignore[union-attr]
    withdrawal = classify([(0, "withdrawal")], set(), fighting_nearby=True)
    assert withdrawal is not None and withdrawal.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "فتح مسلحون النار على مزارعين قرب بلدة تلبيسة أمس، فقتلوا اثنين منهم.",
            ("Violence against civilians", "Attack"),
        ),
        (
            "تجمع العشرات أمام مبنى البلدية في مدينة حماة أمس للمطالبة بتأمين الكهرباء.",
            ("Protests", "Peaceful protest"),
        ),
        ("دمرت طائرة مسيرة مخزن أسلحة قرب مدينة تدمر أمس.", ("Strategic developments", "Disrupted weapons use")),
        (
            "Dozens of women rallied in Idlib yesterday to demand news of missing relatives.",
            ("Protests", "Peaceful protest"),
        ),
        (
            "Gunmen kidnapped a journalist in Azaz yesterday.",
            ("Violence against civilians", "Abduction/forced disappearance"),
        ),
        ("Gunmen shot dead a teacher in Azaz yesterday.", ("Violence against civilians", "Attack")),
        ("Gunmen shot dead two soldiers at a checkpoint in Azaz yesterday.", ("Battles", "Armed clash")),
    ],
)
def test_event_wordings_and_targets(text: str, expected: tuple[str, str]) -> None:
    result = Extractor(published=dt.date(2025, 6, 10), min_confidence=0.3).extract(Document(text, "x.txt"))
    assert [(i.incident.event_type, i.incident.sub_event_type) for i in result.incidents] == [expected]


# -- sentences and documents ------------------------------------------------------------


def test_sentences_skip_social_media_furniture() -> None:
    text = "نص أول.\n— SyriaNow (@AJSyriaNow) December 6, 2025\nنص ثان"
    sentences = split_sentences(text)
    assert [s.furniture for s in sentences] == [False, True, False]


def test_sections_and_link_lists_are_told_apart() -> None:
    text = (
        "قتل عنصر أمس.\nللمزيد: رابط\nاقرأ أيضا: مقال آخر\nقتل عنصر أمس.\n"
        "مقالات ذات صلة\nقتل آخر أمس.\nRead also: another\nRead more here"
    )
    sentences = split_sentences(text)
    view = DocumentView(text, tokenize(text), [], [], sentences, dt.date(2025, 5, 27))
    indices = range(len(sentences))
    assert [view.section_of(i) for i in indices] == [0, 0, 1, 1, 1, 1, 2, 2]
    assert [view.is_furniture(i) for i in indices] == [False, True, True, False, True, True, True, True]
    # an embedded article's relative dates have no publication date to anchor them
    assert [view.published_of(i) for i in (0, 3)] == [dt.date(2025, 5, 27), None]


def test_html_body_text() -> None:
    html = (
        "<html><head><title>t</title><style>p{}</style>"
        "<meta property='article:published_time' content='2025-05-27T10:00:00Z'></head>"
        "<body><nav>menu</nav><p>قتل عنصر</p><script>alert(1)</script><p>في هجين</p></body></html>"
    )
    text, published = html_to_text(html)
    assert text == "قتل عنصر\nفي هجين" and published == "2025-05-27T10:00:00Z"


def test_loaders(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "b.html").write_text("<body><p>page</p></body>", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"text": "one", "url": "https://example.org/1", "published": "2025-05-27"}\nnot json\n{"url": "x"}\n',
        encoding="utf-8",
    )
    (tmp_path / "ignored.csv").write_text("x", encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    documents = [i for i in items if isinstance(i, Document)]
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [d.text for d in documents] == ["نص", "page", "one"]
    assert documents[2].published == dt.date(2025, 5, 27) and documents[2].source == "https://example.org/1"
    assert [r.message.split(":")[0] for r in rejected] == [f"{tmp_path / 'c.jsonl'}, line 2"] * 1 + [
        f"{tmp_path / 'c.jsonl'}, line 3"
    ]
    assert "'text' is missing" in rejected[1].message


def test_stdin_text_and_json_lines() -> None:
    (doc,) = iter_documents(["-"], stdin=io.StringIO("قتل عنصر في هجين"))
    assert isinstance(doc, Document) and doc.source == "<stdin>"


def test_missing_input() -> None:
    with pytest.raises(ValueError, match="no such file"):
        list(iter_documents(["/no/such/file.txt"]))


# -- incidents ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _incidents(extractor: Extractor, text: str, published: str | None = None) -> list[dict[str, object]]:
    pub = dt.date.fromisoformat(published) if published else None
    result = extractor.extract(Document(text, "t.txt", published=pub))
    return [i.to_json() for i in result.incidents]


def test_incident_fields_and_evidence(extractor: Extractor) -> None:
    text = (
        "تاريخ النشر: 27 أيار 2025\n"
        "في 19 من أيار الحالي، قُتل عنصر من قسد وأصيب آخر بجروح، إثر هجوم شنته مجموعة من تنظيم الدولة "
        "استهدف نقطة في بلدة البحرة بناحية هجين الواقعة شرقي دير الزور."
    )
    (incident,) = _incidents(extractor, text)
    assert incident["place_id"] == "al-bahra" and incident["event_date"] == "2025-05-19"
    assert (incident["event_type"], incident["sub_event_type"]) == ("Battles", "Armed clash")
    assert (incident["fatalities"], incident["injuries"]) == (1, 1)
    assert (incident["actor1"], incident["actor2"]) == ("Islamic State", "SDF: Syrian Democratic Forces")
    evidence = incident["evidence"]
    assert isinstance(evidence, dict) and text[evidence["start"] : evidence["end"]].startswith("في 19 من أيار")
    assert 0.6 <= float(incident["confidence"]) <= 1  # type: ignore[arg-type]


def test_statement_date_is_not_the_event_date(extractor: Extractor) -> None:
    text = "قال الجيش الأمريكي مساء أمس الأحد، إنه دمر مخازن أسلحة لداعش في ريف دمشق بين 24 و27 نوفمبر الماضي."
    (incident,) = _incidents(extractor, text, "2025-12-01")
    assert (incident["event_date"], incident["date_end"], incident["time_precision"]) == ("2025-11-24", "2025-11-27", 2)
    assert incident["sub_event_type"] == "Disrupted weapons use" and incident["place_id"] == "SY03"


def test_background_without_a_date_is_not_todays_incident(extractor: Extractor) -> None:
    text = "وكان التنظيم قد فجر سيارة مفخخة في مدينة الميادين قبل سنوات."
    assert _incidents(extractor, text, "2025-07-04") == []


def test_statistics_are_not_incidents(extractor: Extractor) -> None:
    text = "تبنى التنظيم خلال عام 2024 أكثر من 300 هجوم في ريف دير الزور."
    assert _incidents(extractor, text, "2025-02-01") == []


def test_two_places_two_incidents_and_one_event_told_twice(extractor: Extractor) -> None:
    text = "قصفت المدفعية بلدتي سراقب وبنش في ريف إدلب يوم الأربعاء. وأدى القصف إلى مقتل مدنيين اثنين."
    incidents = _incidents(extractor, text, "2024-11-29")
    assert sorted(str(i["place_id"]) for i in incidents) == ["geonames:164816", "geonames:171451"]


def test_english_incident(extractor: Extractor) -> None:
    text = "Islamic State gunmen killed four SDF fighters on Monday in an attack on a checkpoint near Hajin."
    (incident,) = _incidents(extractor, text, "2025-03-11")
    assert incident["place_id"] == "geonames:174506" and incident["event_date"] == "2025-03-10"
    assert incident["fatalities"] == 4 and incident["language"] == "en" and incident["geo_precision"] == 2


def test_event_ids_are_deterministic(extractor: Extractor) -> None:
    text = "Clashes in Hajin on 3 March 2025 killed two fighters."
    first = _incidents(extractor, text)
    assert first and first == _incidents(extractor, text)


@given(st.text(alphabet=[chr(c) for c in range(0x0621, 0x064B)] + list("abcXYZ019'"), min_size=1, max_size=8))
def test_fast_token_normalisation_agrees_with_normalize_name(token: str) -> None:
    from geo.extract.tokens import _normalize_token

    assert _normalize_token(token) == normalize_name(token).replace(" ", "")


def test_sense_and_typing_rules_for_marches_mutual_fire_and_broken_up_cells() -> None:
    from geo.extract.events import classify

    march = classify([(3, "march_drone")], set())
    assert march is not None and march.event_type == "Protests"
    drone = classify([(3, "march_drone"), (1, "attack")], set())
    assert drone is not None and drone.sub_event_type == "Air/drone strike"
    aerial = classify([(3, "march_drone")], {"aerial"})
    assert aerial is not None and aerial.sub_event_type == "Air/drone strike"
    traded = classify([(2, "shelling")], {"mutual"})
    assert traded is not None and traded.sub_event_type == "Armed clash"
    cell = classify([(1, "foil"), (4, "attack"), (8, "arrest")], set())
    assert cell is not None and cell.sub_event_type == "Arrests"


def _pairs(extractor: Extractor, text: str, published: str) -> list[tuple[str, str]]:
    return [(str(i["place_id"]), str(i["sub_event_type"])) for i in _incidents(extractor, text, published)]


def test_interception_needs_a_drone_missile_or_weapons() -> None:
    shot_down = classify([(1, "intercept"), (3, "march_drone")], {"aerial"})
    assert shot_down is not None and shot_down.sub_event_type == "Disrupted weapons use"
    assert classify([(1, "intercept")], set()) is None  # "أسقط الثوار النظام": no weapon, no event


def test_a_trigger_inside_an_actor_name_counts_but_a_name_word_does_not(extractor: Extractor) -> None:
    drone = "A Turkish drone hit a car near Qamishli on Monday, killing two men."
    assert _pairs(extractor, drone, "2025-11-11") == [("qamishli", "Air/drone strike")]
    hts = "أعلنت هيئة تحرير الشام يوم الاثنين أنها ستعقد مؤتمرا في مدينة إدلب."
    assert all(sub != "Non-state actor overtakes territory" for _, sub in _pairs(extractor, hts, "2025-03-04"))


def test_one_sense_per_document_and_the_people_of_a_place(tagger: Tagger) -> None:
    found = [m.place.place_id for m in tagger.tag("وقعت الحادثة في مدينة نوى. وشهدت نوى توترا.")]
    assert found == ["loc-daraa-nawa", "loc-daraa-nawa"]
    assert [m.text for m in tagger.tag("Hundreds of residents of Nawa marched on Sunday.")] == ["Nawa"]
    assert tagger.tag("خرجت مسيرة سلمية وسط المدينة") == []  # "a peaceful march", not Salamiyah


def test_where_the_wounded_went_and_where_attackers_fled_are_not_sites(extractor: Extractor) -> None:
    hospital = "انفجرت عبوة ناسفة في بلدة هجين أمس، ونقل الجرحى إلى مستشفى في مدينة الميادين."
    assert _pairs(extractor, hospital, "2025-06-02") == [("geonames:174506", "Remote explosive/landmine/IED")]
    fled = "هاجم مسلحون حاجزا في بلدة هجين مساء أمس، ثم لاذوا بالفرار باتجاه البادية."
    assert [p for p, _ in _pairs(extractor, fled, "2025-06-02")] == ["geonames:174506"]


def test_denials_tallies_and_plans_are_not_incidents(extractor: Extractor) -> None:
    denial = "نفى مصدر أمني صحة الأنباء عن هجوم استهدف حاجزا في مدينة جبلة ليلة أمس."
    tally = "ووثق ناشطون مقتل 41 شخصا في عمليات اغتيال في محافظة درعا منذ مطلع العام الجاري."
    plan = "ومن المقرر أن تتسلم الحكومة حقل العمر خلال الأسابيع المقبلة."
    for text in (denial, tally, plan):
        assert _incidents(extractor, text, "2025-07-24") == [], text


def test_led_away_is_an_arrest_when_the_sentence_arrests(extractor: Extractor) -> None:
    text = "داهمت دورية منازل في بلدة طفس يوم الخميس، واعتقلت ثلاثة شبان واقتادتهم إلى جهة مجهولة."
    assert _pairs(extractor, text, "2025-06-20") == [("geonames:163806", "Arrests")]
    kidnap = "اعترض مسلحون سيارة طبيب في بلدة طفس يوم الخميس، واقتادوه إلى جهة مجهولة."
    assert _pairs(extractor, kidnap, "2025-06-20") == [("geonames:163806", "Abduction/forced disappearance")]


def test_a_strike_on_two_places_joined_by_and(extractor: Extractor) -> None:
    text = "Israeli warplanes struck Khalkhalah airbase and a weapons depot near Masyaf on Tuesday night."
    places = sorted(p for p, _ in _pairs(extractor, text, "2025-11-19"))
    assert places == ["geonames:167046", "khalkhalah-airbase"]


def test_the_build_that_runs_is_the_one_expected() -> None:
    """With GEO_EXPECT_COMPILED=1 (CI's compiled stage) the hot path must be the mypyc build, else the source."""
    import os

    from geo.extract import incidents, tokens

    suffix = (".so", ".pyd") if os.environ.get("GEO_EXPECT_COMPILED") == "1" else (".py",)
    assert str(tokens.__file__).endswith(suffix) and str(incidents.__file__).endswith(suffix)
