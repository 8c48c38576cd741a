"""Benchmark of `geo extract`: articles per second on a synthetic corpus, beside a naive baseline.

The corpus is generated (fixed seed) from templates and the gazetteer's own
names: about 80% Arabic and 20% English news-style articles of about 3 KB,
each with a header date, two to four event sentences (triggers, places with
kind words and clitics, absolute and relative dates, casualties, actors) and
background sentences with one random letter string each (about one word in
twenty is new to the per-word caches, as on a real corpus).

Measured in the same run, on one core (the one-core runs are single-threaded;
``--pin`` also pins them to the first CPU), with rates from the process's CPU
time, so that other processes on a shared machine do not count:

- naive baseline: one big regular-expression alternation of every gazetteer
  name (longest first, word-bounded), run over each article: tagging only,
  no normalisation, clitics, cues or resolution;
- the tagger alone: tokenise and tag (with cues and homonym resolution);
- end to end: ``Extractor.extract`` (places, dates, events, actors,
  casualties, incidents) plus the JSON of each document, with the garbage
  collector settings `extract_all` uses (and, on half the corpus, with
  Python's defaults);
- scaling: the CLI path (read a JSON Lines file, extract, write JSON Lines)
  with ``--workers`` 1, 2, … (not pinned).

Run from the repository root, in the environment whose build should be measured (it prints whether
``geo.extract`` is the source or the mypyc-compiled build of ``GEO_COMPILE=1 pip install``)::

    python bench/bench_extract.py                  # 10,000 articles
    python bench/bench_extract.py --articles 2000  # quicker
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from gazetteer import Gazetteer, is_arabic
from geo.extract import tokens as tokens_module
from geo.extract.documents import Document, iter_documents
from geo.extract.incidents import Extractor
from geo.extract.pipeline import ExtractOptions, extract_all, throughput_gc
from geo.extract.tokens import tokenize
from geo.extract.toponyms import Tagger

_AR_EVENTS = [
    "قُتل {n} عناصر من قسد {date} بهجوم لخلايا داعش على حاجز في {kind} {place}.",
    "انفجرت عبوة ناسفة {date} بسيارة للأمن العام قرب {kind} {place}، ما أدى إلى مقتل عنصر وإصابة {n} آخرين.",
    "شنت طائرة مسيرة غارة على موقع في {kind} {place} {date}، دون ورود أنباء عن إصابات.",
    "اعتقلت دورية للأمن العام {n} أشخاص في {kind} {place} {date} بتهمة الانتماء لخلية تابعة لتنظيم الدولة.",
    "اندلعت اشتباكات عنيفة {date} بين فصائل محلية وقوات الحكومة في محيط {kind} {place}، وأسفرت عن مقتل {n} مقاتلين.",
    "قصفت المدفعية أطراف {kind} {place} {date}، ما أدى إلى إصابة {n} مدنيين بجروح.",
    "أحبطت قوى الأمن محاولة تفجير سيارة مفخخة عند مدخل {kind} {place} {date}.",
    "تظاهر العشرات من أهالي {kind} {place} {date} مطالبين بتحسين الخدمات.",
]
_AR_DATES = ["أمس", "مساء أمس الأحد", "يوم الخميس", "في 19 من أيار الحالي", "يوم 3 آذار 2025", "صباح اليوم"]
_AR_KINDS = ["بلدة", "مدينة", "قرية", "", "ريف"]
_AR_BACKGROUND = [
    "وتشهد المنطقة منذ أشهر توترا أمنيا متصاعدا في ظل انتشار خلايا التنظيم وضعف الخدمات الأساسية.",
    "ويقول مراقبون إن الأوضاع الاقتصادية الصعبة تدفع الشبان إلى الانضمام للفصائل المسلحة.",
    "وكانت الحكومة قد أعلنت في وقت سابق عن خطة لإعادة تأهيل الطرق والمدارس في المحافظة.",
    "ولم تصدر أي جهة رسمية تعليقا على الحادثة حتى ساعة إعداد هذا التقرير.",
    "وتطالب منظمات حقوقية بفتح تحقيق مستقل في الانتهاكات التي يتعرض لها المدنيون.",
]
_EN_EVENTS = [
    "Islamic State gunmen killed {n} SDF fighters {date} in an attack on a checkpoint near {place}.",
    "A roadside bomb exploded {date} in {place}, killing one soldier and wounding {n} others.",
    "Security forces arrested {n} suspects in {place} {date}, the Interior Ministry said.",
    "Artillery shells hit residential areas of {place} {date}, injuring {n} people.",
    "Hundreds of people protested in {place} {date} against power cuts.",
]
_EN_DATES = ["on Monday", "yesterday", "last Sunday", "on 3 March 2025", "between 24 and 27 November"]
_EN_BACKGROUND = [
    "The area has seen rising insecurity for months as cells of the group regroup in the desert.",
    "Observers say the economic crisis is pushing young men towards armed factions.",
    "No official body commented on the incident by the time of writing.",
    "Rights groups have called for an independent investigation into the abuses.",
]


def _names(gazetteer: Gazetteer) -> tuple[list[str], list[str]]:
    arabic, latin = [], []
    for place in gazetteer:
        if place.kind in ("city", "town", "village") and place.name_ar and " " not in place.name_ar:
            arabic.append(place.name_ar)
        if place.kind in ("city", "town") and place.name_en:
            latin.append(place.name_en)
    return sorted(set(arabic)), sorted(set(latin))


def make_corpus(count: int, seed: int = 20250527, size: int = 3000) -> list[Document]:
    """*count* synthetic articles of about *size* bytes (UTF-8), reproducible from *seed*."""
    rng = random.Random(seed)
    arabic, latin = _names(Gazetteer.default())
    docs: list[Document] = []
    start = dt.date(2025, 1, 1)
    for number in range(count):
        published = start + dt.timedelta(days=rng.randrange(300))
        english = rng.random() < 0.2
        lines = [f"Published: {published:%b. %d, %Y}" if english else f"تاريخ النشر: {published:%Y/%m/%d}"]
        events = rng.randrange(2, 5)
        while len("\n".join(lines).encode()) < size:
            if events and rng.random() < 0.4:
                events -= 1
                template = rng.choice(_EN_EVENTS if english else _AR_EVENTS)
                place = rng.choice(latin if english else arabic)
                kind = "" if english else rng.choice(_AR_KINDS)
                date = rng.choice(_EN_DATES if english else _AR_DATES)
                lines.append(template.format(n=rng.randrange(2, 9), date=date, kind=kind, place=place))
            else:
                words = rng.choice(_EN_BACKGROUND if english else _AR_BACKGROUND).split()
                for _ in range(1):
                    letters = "abcdefghiklmnoprstuwy" if english else "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
                    words.insert(rng.randrange(len(words)), "".join(rng.choices(letters, k=rng.randrange(4, 8))))
                lines.append(" ".join(words))
        docs.append(Document("\n".join(lines), source=f"synthetic-{number:05d}"))
    return docs


def _extract_json(extractor: Extractor, doc: Document) -> int:
    result = extractor.extract(doc)
    json.dumps(result.to_json(), ensure_ascii=False)
    return len(result.incidents)


def naive_pattern(gazetteer: Gazetteer) -> re.Pattern[str]:
    """One alternation of every gazetteer name, longest first, between word boundaries."""
    names = sorted({n for p in gazetteer for n in p.all_names if len(n) > 2}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def _rss_mb() -> float:
    """The process's current resident memory in MB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        return 0.0


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def _timed(label: str, docs: list[Document], work, parts: int = 5) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Run *work* on every document, in *parts* consecutive slices.

    Rates come from the process's CPU time (time other processes take on a shared
    machine is excluded); the best slice is given beside the whole run, as timeit
    reports its best repeat (every slice has its own new words, so no slice is warmer).
    """
    megabytes = sum(len(d.text.encode()) for d in docs) / 1e6
    size = -(-len(docs) // parts)
    wall = time.perf_counter()
    cpu_total, found, best = 0.0, 0, 0.0
    for start in range(0, len(docs), size):
        chunk = docs[start : start + size]
        cpu = time.process_time()
        for doc in chunk:
            found += work(doc)
        cpu = time.process_time() - cpu
        cpu_total += cpu
        best = max(best, _rate(len(chunk), cpu))
    wall = time.perf_counter() - wall
    row = {
        "articles_per_s": _rate(len(docs), cpu_total),
        "best_slice_articles_per_s": best,
        "mb_per_s": megabytes / cpu_total,
        "articles_per_s_wall": _rate(len(docs), wall),
        "found": found,
    }
    print(
        f"{label:<36} {row['articles_per_s']:>7,.0f} articles/s {row['mb_per_s']:>5.2f} MB/s CPU"
        f" (best fifth {best:>6,.0f}/s; {row['articles_per_s_wall']:>6,.0f}/s wall; {found:,} found)"
    )
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--naive", type=int, default=1_000, help="articles for the (slow) naive baseline")
    parser.add_argument("--workers", default="1,2", help="worker counts for the scaling run")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    parser.add_argument("--pin", action="store_true", help="pin the one-core runs to the first CPU")
    args = parser.parse_args(argv)
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"python {platform.python_version()} on {platform.machine()}, {len(cpus) or os.cpu_count()} CPUs available,"
        f" load average {load:.2f}"
    )
    build = "source" if str(tokens_module.__file__).endswith(".py") else "compiled (mypyc)"
    print(f"geo.extract from {Path(str(tokens_module.__file__)).parent}: {build}")
    started = time.perf_counter()
    docs = make_corpus(args.articles)
    megabytes = sum(len(d.text.encode()) for d in docs) / 1e6
    arabic_share = sum(is_arabic(d.text[:40]) for d in docs) / len(docs)
    print(
        f"corpus: {len(docs):,} articles, {megabytes:.1f} MB ({megabytes * 1000 / len(docs):.1f} KB each,"
        f" {arabic_share:.0%} Arabic), generated in {time.perf_counter() - started:.1f} s"
    )
    gazetteer = Gazetteer.default()
    started = time.perf_counter()
    pattern = naive_pattern(gazetteer)
    naive_build = time.perf_counter() - started
    started = time.perf_counter()
    tagger = Tagger.default()
    extractor = Extractor()
    tagger_build = time.perf_counter() - started
    print(f"build: naive regex {naive_build:.2f} s, tagger and lexicon {tagger_build:.2f} s")
    if args.pin and cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpus[0]})
    figures: dict[str, object] = {"articles": len(docs), "megabytes": megabytes}
    print("one core:")
    figures["naive_regex"] = _timed(
        "naive regex (tagging only)", docs[: args.naive], lambda d: sum(1 for _ in pattern.finditer(d.text))
    )
    figures["tagger"] = _timed("tagger (tokens, cues, resolution)", docs, lambda d: len(tagger.tag(tokenize(d.text))))
    figures["end_to_end_default_gc"] = _timed(
        "end to end (+ JSON), default gc", docs[: len(docs) // 2], lambda d: _extract_json(extractor, d)
    )
    with throughput_gc():  # the collector settings extract_all (the CLI) runs with
        figures["end_to_end"] = _timed("extract end to end (+ JSON)", docs, lambda d: _extract_json(extractor, d))
    if args.pin and cpus and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(cpus))
    scaling: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as handle:
            for doc in docs:
                handle.write(json.dumps({"text": doc.text, "url": doc.source}, ensure_ascii=False) + "\n")
        del docs  # from here on the corpus streams from the file
        print("CLI path (read JSON Lines, extract, write JSON Lines), wall clock:")
        for workers in (int(w) for w in args.workers.split(",")):
            started = time.perf_counter()
            rss: list[float] = []
            with open(os.devnull, "w", encoding="utf-8") as sink:
                for number, result in enumerate(
                    extract_all(iter_documents([corpus]), ExtractOptions(), workers=workers), start=1
                ):
                    sink.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")  # type: ignore[union-attr]
                    if number % max(1, args.articles // 4) == 0:
                        rss.append(_rss_mb())
            seconds = time.perf_counter() - started
            scaling[str(workers)] = _rate(args.articles, seconds)
            marks = ", ".join(f"{r:.0f}" for r in rss)
            print(
                f"  --workers {workers}: {scaling[str(workers)]:>9,.0f} articles/s ({seconds:.1f} s);"
                f" resident memory at each quarter: {marks} MB"
            )
    figures["workers"] = scaling
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
