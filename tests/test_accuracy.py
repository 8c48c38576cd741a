"""Top-1 accuracy of the embedded gazetteer on the annotated set (bench/resolve_accuracy.csv)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gazetteer import Gazetteer

BENCH = Path(__file__).resolve().parent.parent / "bench"
MIN_ACCURACY = 0.98


def _load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_accuracy", BENCH / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


accuracy = _load_scorer()


@pytest.fixture(scope="module")
def rows() -> list:
    return accuracy.load_rows(BENCH / "resolve_accuracy.csv")


def test_the_set_is_large_and_the_pending_group_small(rows: list) -> None:
    scored = [r for r in rows if r.category != "pending"]
    assert len(scored) >= 300
    assert len(rows) - len(scored) <= 40
    for category in ("exact", "variant", "clitic", "kindword", "typo", "homonym_context", "homonym_none", "negative"):
        assert any(r.category == category for r in scored), category


def test_every_scored_row_names_places_that_exist(rows: list, gazetteer: Gazetteer) -> None:
    missing = [
        (r.line, r.query, i) for r in rows if r.category != "pending" for i in r.expected_ids if i not in gazetteer
    ]
    assert not missing, f"expected ids not in the gazetteer (line, query, id): {missing}"


def test_top1_accuracy_meets_the_target(rows: list, gazetteer: Gazetteer) -> None:
    report = accuracy.evaluate(rows, gazetteer)
    assert len(report.scored) >= 300
    if report.accuracy < MIN_ACCURACY:
        pytest.fail(
            f"top-1 accuracy {report.accuracy:.4f} < {MIN_ACCURACY} "
            f"(run `python bench/accuracy.py` for the details)\n" + accuracy.format_report(report, show_pending=False),
            pytrace=False,
        )


def test_the_scorer_can_fail(tiny_gazetteer: Gazetteer, tmp_path: Path) -> None:
    """Wrong expectations must be counted as failures, right ones as passes."""
    table = tmp_path / "set.csv"
    table.write_text(
        "query,context,kinds,expected_place_id,category,note\n"
        "حلب,,,aleppo,exact,right\n"
        "Halab,,,homs,exact,wrong on purpose\n"
        "الحيدرية,,,AMBIGUOUS:haydariya-aleppo|haydariya-homs,homonym_none,right\n"
        "الحيدرية,حلب,,AMBIGUOUS:haydariya-aleppo|haydariya-homs,homonym_context,context decides: not ambiguous\n"
        "الحيدرية,حمص,,haydariya-homs,homonym_context,right\n"
        "the,,,,negative,right\n"
        "Aleppo,,,,negative,wrong on purpose\n"
        "Raqqa,,,raqqa,pending,not in the fixture yet\n",
        encoding="utf-8",
    )
    report = accuracy.run(table, tiny_gazetteer)
    assert [o.passed for o in report.scored] == [True, False, True, False, True, True, False]
    assert report.accuracy == pytest.approx(4 / 7)
    assert [o.status for o in report.pending] == ["awaiting"]
    assert accuracy.main(["--set", str(table), "--min", "0.5"]) in (0, 1)  # runs end to end


def test_a_malformed_set_names_the_line(tmp_path: Path) -> None:
    table = tmp_path / "set.csv"
    table.write_text(
        "query,context,kinds,expected_place_id,category,note\nحلب,,,aleppo,exact,\nحلب,,,,typo,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="line 3"):
        accuracy.load_rows(table)
