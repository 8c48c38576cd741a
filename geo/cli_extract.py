"""The ``geo extract`` and ``geo eval`` commands: incidents from news text, and how well that works.

`register` adds both commands to the ``geo`` typer app.
"""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from gazetteer import GazetteerError
from geo.errors import GeoError, InputError
from geo.extract.dates import parse_date_text
from geo.extract.documents import FOLDER_SUFFIXES, Rejected, iter_documents
from geo.extract.evaluate import evaluate_corpus, evaluate_seed_articles, load_corpus
from geo.extract.incidents import ExtractionResult
from geo.extract.output import IncidentSink, sink_for
from geo.extract.pipeline import ExtractOptions, extract_all
from geo.io.csv_format import format_cell
from geo.models import INCIDENT_COLUMNS

__all__ = ["eval_command", "extract_command", "register"]

#: The seed incidents that the seed articles date and place themselves.
REQUIRED_SEED_INCIDENTS = (
    "SEED-001",
    "SEED-002",
    "SEED-003",
    "SEED-004",
    "SEED-005",
    "SEED-009",
    "SEED-010",
    "SEED-018",
)
_DEFAULT_CORPUS = Path("tests/data/extraction/corpus.jsonl")

F = TypeVar("F", bound=Callable[..., Any])


def _errors(func: F) -> F:
    """One-line errors (exit status 2) for the packages' errors; the traceback with ``geo --debug``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (GeoError, GazetteerError, OSError) as err:
            if logging.getLogger().isEnabledFor(logging.DEBUG):
                raise
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(2) from err

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    wrapper.__wrapped__ = func  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def _total(inputs: list[str]) -> int | None:
    """How many documents *inputs* hold, when that is known without reading them (not for JSON Lines)."""
    total = 0
    for item in inputs:
        path = Path(item)
        if item == "-" or path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
            return None
        if path.is_dir():
            files = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES]
            if any(p.suffix.lower() in (".jsonl", ".json") for p in files):
                return None
            total += len(files)
        else:
            total += 1
    return total


def _progress(
    items: Iterator[ExtractionResult | Rejected], enabled: bool, total: int | None = None
) -> Iterator[ExtractionResult | Rejected]:
    """Pass *items* through, with a progress bar on standard error when it is a terminal."""
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("documents", total=total)
        for item in items:
            progress.advance(task)
            yield item


def extract_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Text, HTML, JSON or JSON Lines ({text, url, published}) files, folders, or - for standard input."
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date of documents that give none (header lines win)."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language of the texts: ar, en or auto.")] = "auto",
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object per document (places and incidents).")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write incidents to FILE.csv, .geojson or .jsonl.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Parallel processes.")] = 1,
    min_confidence: Annotated[
        float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Leave out incidents below this confidence.")
    ] = 0.6,
    engine: Annotated[
        str, typer.Option("--engine", help="local (processes on this machine) or dask (a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="With --engine dask: the scheduler's address (default: a local cluster)."),
    ] = None,
) -> None:
    """Extract incidents (place, date, ACLED type, actors, casualties) from Arabic and English news.

    Without --json or -o, prints the incidents as incident-schema CSV. A summary goes to standard error;
    exit status 1 if an input line could not be read (the others are still extracted).

    Example: geo extract --published 2025-05-27 article.txt -o incidents.csv
    """
    if lang not in ("ar", "en", "auto"):
        raise InputError(f"--lang {lang!r} is not ar, en or auto")
    default_date = None
    if published is not None:
        default_date = parse_date_text(published)
        if default_date is None:
            raise InputError(f"--published {published!r} is not a date (use YYYY-MM-DD)")
    options = ExtractOptions(published=default_date, language=lang, min_confidence=min_confidence)
    documents = iter_documents(inputs)
    batch = len(inputs) > 1 or any(
        i == "-" or Path(i).is_dir() or Path(i).suffix in (".jsonl", ".json") for i in inputs
    )
    if engine not in ("local", "dask"):
        raise InputError(f"--engine {engine!r} is not local or dask")
    extracted = extract_all(documents, options, workers=workers, engine=engine, scheduler=scheduler)
    interactive = batch and sys.stderr.isatty()
    results = _progress(extracted, interactive, _total(inputs) if interactive else None)
    sink: IncidentSink | None = sink_for(output) if output else None
    stdout_csv = None
    if not as_json and sink is None:
        stdout_csv = csv.writer(sys.stdout, lineterminator="\n")
        stdout_csv.writerow(INCIDENT_COLUMNS)
    counts = {"documents": 0, "rejected": 0, "incidents": 0, "placed": 0, "below": 0}
    try:
        for result in results:
            if isinstance(result, Rejected):
                counts["rejected"] += 1
                typer.echo(f"rejected: {result}", err=True)
                continue
            counts["documents"] += 1
            counts["below"] += result.below_threshold
            incidents = [i.incident for i in result.incidents]
            counts["incidents"] += len(incidents)
            counts["placed"] += sum(1 for i in incidents if i.is_placed)
            if as_json:
                sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            if stdout_csv is not None:
                for incident in incidents:
                    record = incident.to_record()
                    stdout_csv.writerow(format_cell(record[c]) for c in INCIDENT_COLUMNS)
            if sink is not None:
                sink.add(incidents)
    except BaseException:
        if sink is not None:
            sink.abort()
        raise
    if sink is not None:
        sink.close()
    sys.stdout.flush()
    unplaced = counts["incidents"] - counts["placed"]
    typer.echo(
        f"{counts['documents']} documents read ({counts['rejected']} rejected): {counts['incidents']} incidents"
        f" ({counts['placed']} placed, {unplaced} unplaced); {counts['below']} candidates below confidence"
        f" {min_confidence:g} left out.",
        err=True,
    )
    if output:
        typer.echo(f"wrote {output}", err=True)
    if counts["rejected"]:
        raise typer.Exit(1)


def eval_command(
    corpus: Annotated[
        Path | None, typer.Argument(help="Annotated corpus (JSON Lines); default tests/data/extraction/corpus.jsonl.")
    ] = None,
    split: Annotated[
        str | None,
        typer.Option("--split", help="Only this split (dev, test, blind1-seen … blind6-seen, blind7)."),
    ] = None,
    seeds: Annotated[
        Path | None,
        typer.Option("--seeds", help="Also run the seed articles in this folder and match the seed dataset."),
    ] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List every miss and extra.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Measure the extractor: toponym precision/recall/F1, accuracy within 10 km, incidents, dates.

    Example: geo eval --split test --seeds ../shared/seeds
    """
    path = corpus or _DEFAULT_CORPUS
    if not path.is_file():
        raise InputError(f"{path}: no such corpus file (give the annotated corpus as an argument)")
    report = evaluate_corpus(load_corpus(path), split=split)
    seed_report = None
    if seeds is not None:
        from geo.seeds import load_incidents

        if not seeds.is_dir():
            raise InputError(f"{seeds}: no such folder")
        seed_report = evaluate_seed_articles(seeds, load_incidents().incidents)
    if as_json:
        data: dict[str, Any] = {"corpus": str(path), "split": split, **report.figures()}
        if seed_report is not None:
            data["seed_found"] = sorted(seed_report.found)
            data["seed_missed"] = seed_report.missed
            data["seed_extra"] = len(seed_report.extra)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(f"corpus: {path}" + (f" (split {split})" if split else ""))
        typer.echo(report.format())
        if show_errors and report.errors:
            typer.echo("\n".join(report.errors))
        if seed_report is not None:
            required = [s for s in REQUIRED_SEED_INCIDENTS if s not in seed_report.found]
            typer.echo(
                f"seed articles: {len(seed_report.found)} seed incidents found,"
                f" {len(seed_report.extra)} other incidents; required missing: {', '.join(required) or 'none'}"
            )
            typer.echo(seed_report.format(REQUIRED_SEED_INCIDENTS))


def register(app: typer.Typer) -> None:
    """Add ``extract`` and ``eval`` to the ``geo`` app."""
    app.command("extract")(_errors(extract_command))
    app.command("eval")(_errors(eval_command))
