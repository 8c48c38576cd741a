"""``geo extract`` and ``geo eval`` through typer's CliRunner, and the measured targets."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gazetteer import Gazetteer
from geo.cli import app
from geo.extract.evaluate import evaluate_corpus, evaluate_seed_articles, load_corpus
from geo.extract.incidents import Extractor
from geo.io import writer_for
from geo.models import INCIDENT_COLUMNS
from geo.seeds import load_incidents

CORPUS = Path(__file__).parent / "data" / "extraction" / "corpus.jsonl"
SEED_ARTICLES = Path(os.environ.get("GEO_SEED_ARTICLES", Path(__file__).parents[2] / "shared" / "seeds"))
REQUIRED = ("SEED-001", "SEED-002", "SEED-003", "SEED-004", "SEED-005", "SEED-009", "SEED-010", "SEED-018")

ARTICLE = (
    "تاريخ النشر: 27 أيار 2025\n"
    "في 19 من أيار الحالي، قُتل عنصر من قسد وأصيب آخر بجروح، إثر هجوم شنته مجموعة من تنظيم الدولة "
    "استهدف نقطة في بلدة البحرة بناحية هجين الواقعة شرقي دير الزور.\n"
    "وفي سياق آخر، فتح الباب أمام الحوار.\n"
)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_help_has_purpose_and_example(runner: CliRunner) -> None:
    for command in ("extract", "eval"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example: geo " in result.output


def test_extract_prints_incident_csv(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == list(INCIDENT_COLUMNS)
    assert [(r["place_id"], r["event_date"], r["fatalities"]) for r in rows] == [("al-bahra", "2025-05-19", "1")]
    assert "1 documents read (0 rejected): 1 incidents (1 placed, 0 unplaced)" in result.stderr


def test_extract_json_contract(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", "--json", str(article)])
    assert result.exit_code == 0
    (doc,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(doc) == {"source", "language", "published", "places", "incidents"}
    assert doc["language"] == "ar" and doc["published"] == "2025-05-27"
    place = doc["places"][0]
    assert set(place) == {
        "text",
        "start",
        "end",
        "place_id",
        "name_en",
        "name_ar",
        "kind",
        "latitude",
        "longitude",
        "uncertainty_m",
        "score",
    }
    assert ARTICLE[place["start"] : place["end"]] == place["text"]
    assert "الباب" not in [p["text"] for p in doc["places"]]
    (incident,) = doc["incidents"]
    assert set(INCIDENT_COLUMNS) <= set(incident) and {"evidence", "confidence"} <= set(incident)
    assert ARTICLE[incident["evidence"]["start"] : incident["evidence"]["end"]].startswith("في 19 من أيار")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".geojson"])
def test_extract_output_files_match_geo_io(runner: CliRunner, article: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"incidents{suffix}"
    result = runner.invoke(app, ["extract", str(article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.stderr
    incidents = [i.incident for i in Extractor().extract(_document(article)).incidents]
    reference = tmp_path / f"reference{suffix}"
    writer_for({".csv": "csv", ".jsonl": "jsonl", ".geojson": "geojson"}[suffix]).write(incidents, reference)
    assert out.read_bytes() == reference.read_bytes()


def test_extracted_csv_reads_back_into_geo(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    out = tmp_path / "incidents.csv"
    assert runner.invoke(app, ["extract", str(article), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["export", str(out), "--format", "geojson"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["features"][0]["properties"]["place_id"] == "al-bahra"


def test_extract_stdin_jsonl_rejects_bad_lines(runner: CliRunner) -> None:
    lines = [
        json.dumps({"text": ARTICLE, "url": "https://example.org/a"}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": "Clashes in Hajin on 3 March 2025 killed two fighters.", "published": "2025-03-04"}),
    ]
    result = runner.invoke(app, ["extract", "--json", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["source"] for d in docs] == ["https://example.org/a", "<stdin>:3"]
    assert docs[1]["language"] == "en" and docs[1]["incidents"][0]["place_id"] == "geonames:174506"
    assert "rejected: <stdin>, line 2: not valid JSON" in result.stderr


def test_published_option_is_the_default_date(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("قتل عنصران من قسد أمس بهجوم لداعش في بلدة هجين.", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--published", "2025-03-04", "--json", str(path)])
    assert json.loads(result.stdout)["incidents"][0]["event_date"] == "2025-03-03"
    bad = runner.invoke(app, ["extract", "--published", "someday", str(path)])
    assert bad.exit_code == 2 and "--published 'someday' is not a date" in bad.stderr


def test_missing_input_is_one_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", "/no/such/article.txt"])
    assert result.exit_code == 2 and result.stderr.strip() == "error: /no/such/article.txt: no such file or folder"


def test_workers_give_identical_output(runner: CliRunner, tmp_path: Path) -> None:
    docs = load_corpus(CORPUS)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"text": d["text"], "published": d["published"]}, ensure_ascii=False) + "\n" for d in docs),
        encoding="utf-8",
    )
    one = runner.invoke(app, ["extract", "--json", str(corpus)])
    two = runner.invoke(app, ["extract", "--json", "--workers", "2", str(corpus)])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(one.stdout.splitlines()) == len(docs)


def test_eval_command_prints_the_figures(runner: CliRunner) -> None:
    result = runner.invoke(app, ["eval", str(CORPUS), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    for key in (
        "toponym_precision",
        "toponym_recall",
        "toponym_f1",
        "accuracy_10km",
        "incident_recall",
        "date_accuracy",
    ):
        assert 0 <= figures[key] <= 1


def _document(path: Path):  # type: ignore[no-untyped-def]
    from geo.extract.documents import iter_documents

    (doc,) = iter_documents([path])
    return doc


# -- the measured targets ---------------------------------------------------------------


def test_corpus_is_big_enough_and_uses_real_place_ids() -> None:
    docs = load_corpus(CORPUS)
    assert sum(d["language"] == "ar" for d in docs) >= 40 and sum(d["language"] == "en" for d in docs) >= 20
    gazetteer = Gazetteer.default()
    for doc in docs:
        for place in doc["places"]:
            assert doc["text"][place["start"] : place["end"]] == place["text"], doc["id"]
        for item in doc["places"] + doc["incidents"]:
            assert item["place_id"] in gazetteer, (doc["id"], item["place_id"])


@pytest.mark.parametrize("split", ["dev", "test"])
def test_targets_on_the_corpus(split: str) -> None:
    figures = evaluate_corpus(load_corpus(CORPUS), split=split).figures()
    assert figures["toponym_f1"] >= 0.95
    assert figures["incident_recall"] >= 0.85
    assert figures["accuracy_10km"] >= 0.9


def test_seed_articles_yield_the_placeable_seed_incidents() -> None:
    if not SEED_ARTICLES.is_dir():
        pytest.fail(f"the seed articles are expected at {SEED_ARTICLES} (or set GEO_SEED_ARTICLES)")
    report = evaluate_seed_articles(SEED_ARTICLES, load_incidents().incidents)
    assert [s for s in REQUIRED if s not in report.found] == []


def test_dask_engine_gives_identical_output(runner: CliRunner, tmp_path: Path) -> None:
    import distributed  # noqa: F401 - the test extra installs it; fail loudly if it is missing

    docs = load_corpus(CORPUS)[:12]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"text": d["text"], "published": d["published"]}, ensure_ascii=False) + "\n" for d in docs),
        encoding="utf-8",
    )
    local = runner.invoke(app, ["extract", "--json", str(corpus)])
    dask = runner.invoke(app, ["extract", "--json", "--engine", "dask", "--workers", "1", str(corpus)])
    assert local.exit_code == dask.exit_code == 0, dask.output
    assert dask.stdout == local.stdout


def test_unknown_engine(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", "--engine", "spark", str(article)])
    assert result.exit_code == 2 and "--engine 'spark' is not local or dask" in result.stderr


def test_corpus_file_is_built_from_its_sources(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    folder = CORPUS.parent
    for source in folder.glob("*.src"):
        shutil.copy(source, tmp_path / source.name)
    subprocess.run([sys.executable, str(folder / "build_corpus.py"), str(tmp_path)], check=True, capture_output=True)
    assert (tmp_path / "corpus.jsonl").read_bytes() == CORPUS.read_bytes()


def test_progress_is_quiet_when_stderr_is_not_a_terminal(runner: CliRunner, tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "3 documents read (0 rejected): 3 incidents (3 placed, 0 unplaced); 0 candidates below confidence 0.6 left out."
    ]
