"""Benchmark of the embedded gazetteer: load time, memory, resolve and fuzzy throughput.

Every figure is printed beside a naive baseline measured in the same run, on
one core (the process pins itself to the first CPU it may use):

- load: ``Gazetteer([EmbeddedSource()])`` in a fresh interpreter, beside reading the same
  CSV tables into a list of dicts with ``csv.DictReader`` (no normalisation,
  no index);
- resolve: 100,000 queries built from the gazetteer's own names with clitics,
  case, diacritics, harakat, tatweel and alef/taa-marbuta variants (fixed
  seed), beside a *linear scan* that normalises the query and compares it to
  every normalised name (on a sample: it is slow), and a plain ``dict`` lookup
  of the normalised query (what exact-only matching costs);
- fuzzy: one-edit typos of the gazetteer's names that are not themselves names,
  beside ``difflib.get_close_matches`` over the normalised names (cutoff 0.86,
  on a sample).

Run from the repository root::

    python bench/bench_gazetteer.py
    python bench/bench_gazetteer.py --queries 20000 --fuzzy 2000   # quicker
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["main"]

SEED = 20251121
LOAD_RUNS = 3
TARGET_LOAD_S = 1.0
TARGET_MEMORY_MB = 200.0
TARGET_RESOLVE_PER_S = 200_000

_HARAKAT = ("\u064e", "\u064f", "\u0650", "\u0651", "\u0652")  # fatha damma kasra shadda sukun
_TATWEEL = "\u0640"
_LATIN_ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ô", "u": "ū", "s": "ş", "h": "ḥ", "d": "ḍ", "t": "ṭ"}
_ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
_LATIN_LETTERS = "abdefghiklmnoqrstuyz"


# -- one core ------------------------------------------------------------------


def _pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# -- load probe (runs in a fresh interpreter) ----------------------------------


def _load_probe(what: str, trace: bool) -> dict[str, float]:
    """Load the embedded gazetteer (or the naive baseline) once; return seconds and megabytes."""
    _pin_to_one_core()
    import tracemalloc

    rss_start = _rss_mb()
    start = time.perf_counter()
    from gazetteer import Gazetteer
    from gazetteer.sources.embedded import EMBEDDED_TABLES, EmbeddedSource, data_path

    import_seconds = time.perf_counter() - start
    import_rss_mb = _rss_mb() - rss_start
    gc.collect()
    rss_before = _rss_mb()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    if what == "gazetteer":
        loaded: object = Gazetteer([EmbeddedSource()])  # the embedded tables only, not the user's folder
        count = len(loaded)  # type: ignore[arg-type]
    else:
        rows: list[dict[str, str]] = []
        for table in (*EMBEDDED_TABLES, "aliases.csv"):
            path = data_path(table)
            if path.exists():
                with path.open(encoding="utf-8", newline="") as handle:
                    rows.extend(csv.DictReader(handle))
        loaded, count = rows, len(rows)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else float("nan")
    if trace:
        tracemalloc.stop()
    return {
        "seconds": seconds,
        "rss_delta_mb": _rss_mb() - rss_before,
        "peak_mb": peak,
        "count": count,
        "import_seconds": import_seconds,
        "import_rss_mb": import_rss_mb,
    }


def _probe(what: str, trace: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--load-probe", what] + (["--trace"] if trace else [])
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


@dataclass
class LoadFigures:
    seconds: list[float]
    rss_delta_mb: float
    peak_mb: float
    count: int
    import_seconds: float
    import_rss_mb: float


def _measure_load(what: str) -> LoadFigures:
    timed = [_probe(what, trace=False) for _ in range(LOAD_RUNS)]
    traced = _probe(what, trace=True)
    return LoadFigures(
        seconds=[t["seconds"] for t in timed],
        rss_delta_mb=statistics.median(t["rss_delta_mb"] for t in timed),
        peak_mb=traced["peak_mb"],
        count=int(timed[0]["count"]),
        import_seconds=statistics.median(t["import_seconds"] for t in timed),
        import_rss_mb=statistics.median(t["import_rss_mb"] for t in timed),
    )


# -- query mix -------------------------------------------------------------------


def _arabic_variant(name: str, rng: random.Random) -> str:
    choice = rng.randrange(8)
    if choice == 0:
        return name
    if choice == 1:  # a clitic or two
        clitic = rng.choice(("و", "ب", "ل", "ف", "وب", "فب", "ك"))
        if clitic.endswith("ل") and name.startswith("ال"):
            return clitic + "ل" + name[2:]  # ل + ال → لل
        return clitic + name
    if choice == 2:  # harakat
        index = rng.randrange(1, len(name) + 1)
        return name[:index] + rng.choice(_HARAKAT) + name[index:]
    if choice == 3:  # tatweel inside a word
        index = rng.randrange(1, len(name))
        return name[:index] + _TATWEEL + name[index:] if name[index - 1] != " " else name
    if choice == 4:  # hamza forms of alef
        return name.replace("ا", rng.choice("أإآ"), 1)
    if choice == 5:  # taa marbuta / alef maqsura spellings
        return name.replace("ة", "ه").replace("ي", "ى") if name.endswith(("ة", "ي")) else name + "\u200f"
    if choice == 6:  # a kind word the name does not carry
        return rng.choice(("مدينة ", "بلدة ", "منطقة ")) + name
    return "\u200f" + name  # a bidi mark, as copied from web pages


def _latin_variant(name: str, rng: random.Random) -> str:
    choice = rng.randrange(7)
    if choice == 0:
        return name
    if choice == 1:
        return name.upper()
    if choice == 2:
        return name.lower()
    if choice == 3:  # accents
        return "".join(_LATIN_ACCENTS.get(ch, ch) if rng.random() < 0.3 else ch for ch in name)
    if choice == 4:  # hyphens and spaces swapped
        return name.replace("-", " ") if "-" in name else name.replace(" ", "-")
    if choice == 5:  # article added
        return ("al-" + name) if not name.lower().startswith(("al", "el", "as", "ar", "ad", "at")) else name
    return name.title()


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _make_queries(names: Sequence[tuple[str, str]], count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` (query, source place id) pairs drawn from *names* with a random variant applied."""
    out: list[tuple[str, str]] = []
    for _ in range(count):
        name, place_id = rng.choice(names)
        variant = _arabic_variant(name, rng) if _has_arabic(name) else _latin_variant(name, rng)
        out.append((variant, place_id))
    return out


def _one_edit(word: str, rng: random.Random) -> str:
    letters = _ARABIC_LETTERS if _has_arabic(word) else _LATIN_LETTERS
    positions = [i for i, ch in enumerate(word) if ch.isalpha()]
    i = rng.choice(positions[1:] or positions)
    edit = rng.randrange(4)
    if edit == 0:  # delete
        return word[:i] + word[i + 1 :]
    if edit == 1 and i + 1 < len(word) and word[i + 1].isalpha():  # transpose
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if edit == 2:  # substitute
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    return word[:i] + rng.choice(letters) + word[i:]  # insert


# -- resolvers under test ------------------------------------------------------


@dataclass
class Throughput:
    label: str
    queries: int
    seconds: float
    hits: int
    correct: int
    paths: Counter[str]

    @property
    def per_second(self) -> float:
        return self.queries / self.seconds if self.seconds else float("inf")


def _time_resolver(
    label: str,
    resolver: Callable[[str], str | None],
    queries: Sequence[tuple[str, str]],
    same_name: dict[str, frozenset[str]],
    path_of: Callable[[str], str] | None = None,
) -> Throughput:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        answers = [resolver(q) for q, _ in queries]
        seconds = time.perf_counter() - start
    finally:
        gc.enable()
    hits = sum(a is not None for a in answers)
    pairs = zip(answers, queries, strict=True)
    correct = sum(a is not None and (a == pid or a in same_name.get(pid, ())) for a, (_, pid) in pairs)
    paths: Counter[str] = Counter()
    if path_of is not None:
        paths.update(path_of(q) for q, _ in queries[:5000])
    return Throughput(label, len(queries), seconds, hits, correct, paths)


def _path_of(gazetteer) -> Callable[[str], str]:  # type: ignore[no-untyped-def]
    def path(query: str) -> str:
        match = gazetteer.resolve(query)
        if match is None:
            return "no match"
        reason = match.reason
        for label in ("exact name after", "exact name", "name without article", "transliteration", "similar spelling"):
            if reason.startswith(label):
                return "exact after clitic/kind word" if label == "exact name after" else label
        return reason.split(" ")[0]

    return path


# -- report --------------------------------------------------------------------


def _fmt_rate(value: float) -> str:
    return f"{value:,.0f}/s"


def _verdict(ok: bool) -> str:
    return "ok" if ok else "BELOW TARGET"


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _tree_state() -> str:
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--", "gazetteer"], capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"{head}{' + uncommitted changes in gazetteer/' if dirty else ''}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=100_000, help="mixed resolve queries (default: %(default)s)")
    parser.add_argument("--fuzzy", type=int, default=10_000, help="typo queries (default: %(default)s)")
    parser.add_argument("--scan-sample", type=int, default=5_000, help="queries for the linear-scan baseline")
    parser.add_argument("--difflib-sample", type=int, default=300, help="queries for the difflib baseline")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--load-probe", choices=("gazetteer", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load_probe:
        print(json.dumps(_load_probe(args.load_probe, args.trace)))
        return 0

    pinned = _pin_to_one_core()
    print(f"gazetteer benchmark — {time.strftime('%Y-%m-%d')}, {_cpu_model()}, {os.cpu_count()} cores, {pinned}")
    print(f"Python {platform.python_version()} on {platform.system()} {platform.release()}; tree {_tree_state()}")
    print(f"command: python bench/bench_gazetteer.py {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())

    # (a) load time and memory, each in fresh interpreters
    load = _measure_load("gazetteer")
    base_load = _measure_load("baseline")

    from gazetteer import Gazetteer, loose_key, normalize_name
    from gazetteer.sources.embedded import EmbeddedSource

    gaz = Gazetteer([EmbeddedSource()])
    rng = random.Random(args.seed)
    names = sorted({(name, p.place_id) for p in gaz for name in p.all_names if len(normalize_name(name)) >= 2})
    by_key: dict[str, set[str]] = {}
    for name, pid in names:
        by_key.setdefault(loose_key(normalize_name(name)), set()).add(pid)
    # a query is answered correctly by its own place or by a place that shares one of its names
    same_name: dict[str, frozenset[str]] = {}
    for ids in by_key.values():
        for pid in ids:
            same_name[pid] = same_name.get(pid, frozenset()) | ids
    print(f"gazetteer: {len(gaz)} places, {len(names)} (name, place) pairs; seed {args.seed}")

    # (b) mixed queries
    queries = _make_queries(names, args.queries, rng)
    index = [(normalize_name(name), pid) for name, pid in names]
    exact_dict: dict[str, str] = {}
    for key, pid in index:
        exact_dict.setdefault(key, pid)

    def naive_scan(query: str) -> str | None:
        key = normalize_name(query)
        for name, pid in index:
            if name == key:
                return pid
        return None

    def plain_dict(query: str) -> str | None:
        return exact_dict.get(normalize_name(query))

    def resolve_id(g: Gazetteer) -> Callable[[str], str | None]:
        def run(query: str) -> str | None:
            match = g.resolve(query)
            return match.place.place_id if match else None

        return run

    fresh = Gazetteer([EmbeddedSource()])  # no memoised answers yet
    # one raw query per normalised key: nothing memoised can help
    unique = list({normalize_name(q): (q, pid) for q, pid in queries}.values())[:20_000]
    first_sight = _time_resolver("resolve, first sight", resolve_id(fresh), unique, same_name)
    shipped = Gazetteer([EmbeddedSource()])  # as shipped, with its own memo, cold
    mixed = _time_resolver("resolve", resolve_id(shipped), queries, same_name, _path_of(gaz))
    # the target's subset: queries whose normalised form is a known name (case, diacritics,
    # hamza and alef forms, taa marbuta, spacing …), timed on a fresh gazetteer
    normalised_hits = [(q, pid) for q, pid in queries if normalize_name(q) in exact_dict]
    exact_hits = _time_resolver("resolve exact", resolve_id(Gazetteer([EmbeddedSource()])), normalised_hits, same_name)
    exact_scan = _time_resolver("linear scan exact", naive_scan, normalised_hits[: args.scan_sample], same_name)
    warm = _time_resolver("resolve again", resolve_id(shipped), queries, same_name)
    scan = _time_resolver("linear scan", naive_scan, queries[: args.scan_sample], same_name)
    hashed = _time_resolver("dict", plain_dict, queries, same_name)

    # (c) fuzzy: one-edit typos that are not names themselves
    candidates = [(n, pid) for n, pid in names if len(normalize_name(n)) >= 6]
    typos: list[tuple[str, str]] = []
    while len(typos) < args.fuzzy:
        name, pid = rng.choice(candidates)
        typo = _one_edit(name, rng)
        if normalize_name(typo) not in gaz._exact:  # the index of known names
            typos.append((typo, pid))
    keys = sorted({key for key, _ in index})
    key_to_pid = exact_dict

    def difflib_match(query: str) -> str | None:
        found = difflib.get_close_matches(normalize_name(query), keys, n=1, cutoff=0.86)
        return key_to_pid[found[0]] if found else None

    fuzzy_fresh = Gazetteer([EmbeddedSource()])
    fuzzy = _time_resolver("resolve typos", resolve_id(fuzzy_fresh), typos, same_name, _path_of(fuzzy_fresh))
    fuzzy_base = _time_resolver("difflib", difflib_match, typos[: args.difflib_sample], same_name)

    def pct(t: Throughput, attr: str) -> str:
        return f"{100 * getattr(t, attr) / t.queries:.1f}%"

    median_load = statistics.median(load.seconds)
    rows: list[tuple[str, ...]] = [
        ("measure", "gazetteer", "naive baseline", "baseline is", "target", "verdict"),
        (
            "load time (median of 3 fresh interpreters)",
            f"{median_load:.3f} s",
            f"{statistics.median(base_load.seconds):.3f} s",
            "csv.DictReader of the same tables",
            "<= 1 s",
            _verdict(median_load <= TARGET_LOAD_S),
        ),
        (
            "load memory: tracemalloc peak",
            f"{load.peak_mb:.1f} MB",
            f"{base_load.peak_mb:.1f} MB",
            "same",
            "<= 200 MB",
            _verdict(load.peak_mb <= TARGET_MEMORY_MB),
        ),
        (
            "load memory: RSS delta",
            f"{load.rss_delta_mb:.1f} MB",
            f"{base_load.rss_delta_mb:.1f} MB",
            "same",
            "<= 200 MB",
            _verdict(load.rss_delta_mb <= TARGET_MEMORY_MB),
        ),
        (
            f"resolve, {mixed.queries:,} mixed queries",
            _fmt_rate(mixed.per_second),
            _fmt_rate(scan.per_second),
            f"linear scan of normalised names ({scan.queries:,} queries)",
            "",
            "",
        ),
        (
            "  resolved / right place",
            f"{pct(mixed, 'hits')} / {pct(mixed, 'correct')}",
            f"{pct(scan, 'hits')} / {pct(scan, 'correct')}",
            "",
            "",
            "",
        ),
        (
            f"  of which exact and normalised hits ({exact_hits.queries:,})",
            _fmt_rate(exact_hits.per_second),
            _fmt_rate(exact_scan.per_second),
            f"linear scan of normalised names ({exact_scan.queries:,} queries)",
            ">= 200,000/s",
            _verdict(exact_hits.per_second >= TARGET_RESOLVE_PER_S),
        ),
        (
            "resolve, the same queries again (warm memo)",
            _fmt_rate(warm.per_second),
            "",
            "",
            "",
            "",
        ),
        (
            f"resolve, {first_sight.queries:,} never-seen normalised queries",
            _fmt_rate(first_sight.per_second),
            _fmt_rate(hashed.per_second),
            f"dict of normalised names ({hashed.queries:,} queries)",
            "",
            "",
        ),
        (
            "  resolved / right place",
            f"{pct(first_sight, 'hits')} / {pct(first_sight, 'correct')}",
            f"{pct(hashed, 'hits')} / {pct(hashed, 'correct')}",
            "",
            "",
            "",
        ),
        (
            f"fuzzy, {fuzzy.queries:,} one-edit typos",
            _fmt_rate(fuzzy.per_second),
            _fmt_rate(fuzzy_base.per_second),
            f"difflib.get_close_matches, cutoff 0.86 ({fuzzy_base.queries:,} queries)",
            "",
            "",
        ),
        (
            "  resolved / right place",
            f"{pct(fuzzy, 'hits')} / {pct(fuzzy, 'correct')}",
            f"{pct(fuzzy_base, 'hits')} / {pct(fuzzy_base, 'correct')}",
            "",
            "",
            "",
        ),
    ]
    print()
    print(_table(rows))
    print()
    print(f"load times of the 3 runs: {', '.join(f'{s:.3f}' for s in load.seconds)} s; places loaded: {load.count}")
    print(
        f"importing the gazetteer package (before the load, not counted above): {load.import_seconds:.3f} s, "
        f"RSS +{load.import_rss_mb:.1f} MB"
    )
    print(
        f"distinct queries in the mix: {len(set(q for q, _ in queries)):,} raw, "
        f"{len({normalize_name(q) for q, _ in queries}):,} after normalisation"
    )
    print(
        "how the mixed queries resolved (first 5,000): " + ", ".join(f"{k} {v}" for k, v in mixed.paths.most_common())
    )
    print("how the typos resolved (first 5,000): " + ", ".join(f"{k} {v}" for k, v in fuzzy.paths.most_common()))
    ok = (
        median_load <= TARGET_LOAD_S
        and load.peak_mb <= TARGET_MEMORY_MB
        and load.rss_delta_mb <= TARGET_MEMORY_MB
        and exact_hits.per_second >= TARGET_RESOLVE_PER_S
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
