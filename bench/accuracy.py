"""Top-1 accuracy of the gazetteer resolver on the annotated set.

The set (``bench/resolve_accuracy.csv``) has one query per row::

    query,context,kinds,expected_place_id,category,note

``kinds`` is ``|``-separated and passed to ``resolve(kinds=...)``; ``context``
is passed as ``resolve(context=...)``. A row passes when:

- ``expected_place_id`` is a place id: the resolver's top match is that place;
- ``expected_place_id`` is ``AMBIGUOUS:a|b``: the top match is flagged
  ambiguous and both ``a`` and ``b`` are among the match and its alternatives;
- ``expected_place_id`` is empty (category ``negative``): ``resolve`` returns
  None.

Rows of category ``pending`` name places the data helpers are adding. They are
scored and reported apart, never counted in the overall figure; while their
``expected_place_id`` is not in the gazetteer they are reported as *awaiting*.

Run from the repository root::

    python bench/accuracy.py            # exit 1 if top-1 < 0.98
    python bench/accuracy.py --min 0.95 --category typo
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer import Gazetteer, Match

__all__ = [
    "AMBIGUOUS_PREFIX",
    "CATEGORIES",
    "DEFAULT_SET",
    "Outcome",
    "Report",
    "Row",
    "evaluate",
    "load_rows",
    "main",
    "run",
]

DEFAULT_SET = Path(__file__).with_name("resolve_accuracy.csv")
AMBIGUOUS_PREFIX = "AMBIGUOUS:"
#: Categories in report order; ``pending`` is never counted in the overall figure.
CATEGORIES = (
    "exact",
    "variant",
    "clitic",
    "kindword",
    "typo",
    "homonym_context",
    "homonym_none",
    "negative",
    "pending",
)
_COLUMNS = ("query", "context", "kinds", "expected_place_id", "category", "note")


class AccuracySetError(ValueError):
    """The annotated set is malformed (names the file, line and value)."""


@dataclass(frozen=True)
class Row:
    """One annotated query."""

    line: int
    query: str
    context: str | None
    kinds: tuple[str, ...]
    expected: str
    category: str
    note: str = ""

    @property
    def ambiguous_ids(self) -> frozenset[str]:
        """The ids an ``AMBIGUOUS:a|b`` row expects, else empty."""
        if not self.expected.startswith(AMBIGUOUS_PREFIX):
            return frozenset()
        return frozenset(self.expected[len(AMBIGUOUS_PREFIX) :].split("|"))

    @property
    def expected_ids(self) -> frozenset[str]:
        """Every place id the row refers to."""
        if self.ambiguous_ids:
            return self.ambiguous_ids
        return frozenset({self.expected}) if self.expected else frozenset()


@dataclass(frozen=True)
class Outcome:
    """What the resolver did with one row."""

    row: Row
    passed: bool
    got: str  # place id, or "" for no match
    ambiguous: bool
    alternatives: tuple[str, ...]
    reason: str
    status: str  # "scored", "awaiting" (pending row whose id does not exist yet) or "unknown-id"


@dataclass
class Report:
    """Outcomes of a run, with the figures derived from them."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def scored(self) -> list[Outcome]:
        """Outcomes counted in the overall accuracy (every category but ``pending``)."""
        return [o for o in self.outcomes if o.row.category != "pending"]

    @property
    def pending(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.row.category == "pending"]

    @property
    def accuracy(self) -> float:
        """Top-1 accuracy over the scored rows."""
        scored = self.scored
        return sum(o.passed for o in scored) / len(scored) if scored else 0.0

    def by_category(self) -> dict[str, tuple[int, int]]:
        """``category -> (passed, total)``; for ``pending`` only rows whose id exists."""
        totals: Counter[str] = Counter()
        passed: Counter[str] = Counter()
        for outcome in self.outcomes:
            if outcome.status == "awaiting":
                continue
            totals[outcome.row.category] += 1
            passed[outcome.row.category] += outcome.passed
        order = [c for c in CATEGORIES if c in totals] + sorted(set(totals) - set(CATEGORIES))
        return {c: (passed[c], totals[c]) for c in order}

    @property
    def failures(self) -> list[Outcome]:
        """Scored rows that failed (pending rows are listed apart)."""
        return [o for o in self.scored if not o.passed]


def load_rows(path: Path = DEFAULT_SET) -> list[Row]:
    """Read the annotated set; raise `AccuracySetError` naming the line on a bad row.

    Examples
    --------
    >>> rows = load_rows()
    >>> len([r for r in rows if r.category != "pending"]) >= 300
    True
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise AccuracySetError(f"{path}: header must be {','.join(_COLUMNS)!r}, got {reader.fieldnames!r}")
        rows: list[Row] = []
        seen: dict[tuple[str, str, str], int] = {}
        for record in reader:
            line = reader.line_num
            query = record["query"]
            category = record["category"].strip()
            expected = record["expected_place_id"].strip()
            if not query.strip():
                raise AccuracySetError(f"{path}, line {line}: empty query")
            if category not in CATEGORIES:
                raise AccuracySetError(f"{path}, line {line}: unknown category {category!r}")
            if (category == "negative") != (expected == ""):
                raise AccuracySetError(
                    f"{path}, line {line}: negative rows (and only they) have an empty expected_place_id, "
                    f"got {expected!r} in category {category!r}"
                )
            if expected.startswith(AMBIGUOUS_PREFIX) and len(expected[len(AMBIGUOUS_PREFIX) :].split("|")) < 2:
                raise AccuracySetError(f"{path}, line {line}: {expected!r} must name two ids: AMBIGUOUS:a|b")
            key = (query, record["context"], record["kinds"])
            if key in seen:
                raise AccuracySetError(f"{path}, line {line}: {query!r} repeats line {seen[key]}")
            seen[key] = line
            rows.append(
                Row(
                    line=line,
                    query=query,
                    context=record["context"] or None,
                    kinds=tuple(k.strip() for k in record["kinds"].split("|") if k.strip()),
                    expected=expected,
                    category=category,
                    note=record["note"],
                )
            )
    return rows


def _judge(row: Row, match: Match | None) -> bool:
    if not row.expected:
        return match is None
    if match is None:
        return False
    if row.ambiguous_ids:
        offered = {match.place.place_id, *(a.place.place_id for a in match.alternatives)}
        return match.ambiguous and row.ambiguous_ids <= offered
    return match.place.place_id == row.expected


def evaluate(rows: Iterable[Row], gazetteer: Gazetteer | None = None) -> Report:
    """Resolve every row and judge it (see the module docstring for the rules)."""
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    report = Report()
    for row in rows:
        missing = [i for i in row.expected_ids if i not in gaz]
        match = gaz.resolve(row.query, context=row.context, kinds=row.kinds or None)
        if missing:
            status = "awaiting" if row.category == "pending" else "unknown-id"
            passed = False
        else:
            status = "scored"
            passed = _judge(row, match)
        report.outcomes.append(
            Outcome(
                row=row,
                passed=passed,
                got=match.place.place_id if match else "",
                ambiguous=bool(match and match.ambiguous),
                alternatives=tuple(a.place.place_id for a in match.alternatives) if match else (),
                reason=(match.reason if match else "no match")
                + (f" [expected id not in the gazetteer: {', '.join(sorted(missing))}]" if missing else ""),
                status=status,
            )
        )
    return report


def run(path: Path = DEFAULT_SET, gazetteer: Gazetteer | None = None) -> Report:
    """Load the set at *path* and evaluate it against *gazetteer* (default: the embedded one)."""
    return evaluate(load_rows(path), gazetteer)


def _describe(outcome: Outcome) -> str:
    row = outcome.row
    got = outcome.got or "None"
    if outcome.ambiguous:
        got += f" (ambiguous; alternatives {', '.join(outcome.alternatives)})"
    where = []
    if row.context:
        where.append(f"context={row.context!r}")
    if row.kinds:
        where.append(f"kinds={'|'.join(row.kinds)}")
    extra = f" [{'; '.join(where)}]" if where else ""
    expected = row.expected or "None"
    return (
        f"  line {row.line:<4} {row.category:<16} {row.query!r}{extra}\n"
        f"      expected {expected}, got {got}\n"
        f"      reason: {outcome.reason}"
    )


def format_report(report: Report, *, show_pending: bool = True) -> str:
    """The plain-text report ``main`` prints."""
    lines: list[str] = []
    scored = report.scored
    passed = sum(o.passed for o in scored)
    lines.append(f"top-1 accuracy: {report.accuracy:.4f} ({passed}/{len(scored)} scored rows)")
    flagged = sum(o.passed and o.ambiguous and not o.row.ambiguous_ids for o in scored)
    if flagged:
        lines.append(f"  of the passing rows, {flagged} came back flagged ambiguous although one place was expected")
    lines.append("")
    lines.append(f"{'category':<16} {'passed':>6} {'total':>6} {'accuracy':>9}")
    for category, (ok, total) in report.by_category().items():
        label = f"{category} (not counted)" if category == "pending" else category
        lines.append(f"{label:<16} {ok:>6} {total:>6} {ok / total:>9.3f}")
    awaiting = [o for o in report.pending if o.status == "awaiting"]
    if awaiting:
        lines.append(f"pending rows awaiting their place id in the gazetteer: {len(awaiting)}")
    lines.append("")
    failures = report.failures
    lines.append(f"failures ({len(failures)}):")
    lines.extend(_describe(o) for o in failures)
    if show_pending:
        pending_failures = [o for o in report.pending if not o.passed]
        if pending_failures:
            lines.append("")
            lines.append(f"pending rows not passing ({len(pending_failures)}; not counted):")
            lines.extend(_describe(o) for o in pending_failures)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; return 1 when top-1 accuracy is below ``--min``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the annotated CSV (default: %(default)s)")
    parser.add_argument("--min", type=float, default=0.98, help="minimum top-1 accuracy (default: %(default)s)")
    parser.add_argument("--category", action="append", help="only rows of this category (repeatable)")
    parser.add_argument("--no-pending", action="store_true", help="do not list the pending rows")
    args = parser.parse_args(argv)
    try:
        rows = load_rows(args.set)
    except (OSError, AccuracySetError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.category:
        rows = [r for r in rows if r.category in args.category]
    report = evaluate(rows)
    print(format_report(report, show_pending=not args.no_pending))
    if not report.scored:
        print("\nno scored rows in this selection")
        return 0
    if report.accuracy < args.min:
        print(f"\nFAIL: top-1 accuracy {report.accuracy:.4f} is below --min {args.min}")
        return 1
    print(f"\nOK: top-1 accuracy {report.accuracy:.4f} >= --min {args.min}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
