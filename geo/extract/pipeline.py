"""Running the extractor over many documents: streaming, in order, on one core or several.

`extract_all` takes an iterable of documents (as `iter_documents` yields
them, lazily) and yields one result per document, in input order. With
``workers > 1`` the documents go to a process pool in chunks, with at most
a few chunks in flight, so memory stays flat however long the corpus is.
Each worker builds its tagger once (on Linux the pool forks after the
parent has built it, so the workers share it).

With ``engine="dask"`` the same per-chunk function runs on a Dask cluster
(``dask[distributed]``, an optional dependency): a `LocalCluster` of
*workers* processes, or the scheduler at *scheduler* when a corpus outgrows
one machine. Results come back in input order: the output is identical.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any

from geo.errors import GeoError, InputError
from geo.extract.documents import Document, Rejected
from geo.extract.incidents import ExtractionResult, Extractor

__all__ = ["ExtractOptions", "extract_all", "throughput_gc"]


@dataclass(frozen=True)
class ExtractOptions:
    """The extractor's settings, as passed to worker processes."""

    published: dt.date | None = None
    language: str = "auto"
    min_confidence: float = 0.6

    def extractor(self) -> Extractor:
        """An `Extractor` with these settings and the embedded gazetteer."""
        return Extractor(published=self.published, language=self.language, min_confidence=self.min_confidence)


_worker: Extractor | None = None
# Extraction makes many short-lived objects per document: collecting the youngest generation every
# 50,000 allocations instead of 700 saves about 15% of the time (measured in bench/bench_extract.py).
_GC_THRESHOLD = (50_000, 20, 100)


@contextlib.contextmanager
def throughput_gc() -> Iterator[None]:
    """Tune the garbage collector for a long extraction run, and restore it afterwards.

    Examples
    --------
    >>> import gc
    >>> before = gc.get_threshold()
    >>> with throughput_gc():
    ...     gc.get_threshold()[0]
    50000
    >>> gc.get_threshold() == before
    True
    """
    previous = gc.get_threshold()
    gc.set_threshold(*_GC_THRESHOLD)
    gc.freeze()  # the gazetteer, the tagger and the lexicon live as long as the process: never scan them
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*previous)


def _init(options: ExtractOptions) -> None:
    global _worker
    _worker = options.extractor()
    gc.set_threshold(*_GC_THRESHOLD)
    gc.freeze()


def _run(chunk: list[Document | Rejected]) -> list[ExtractionResult | Rejected]:
    assert _worker is not None, "worker not initialised"
    return [item if isinstance(item, Rejected) else _worker.extract(item) for item in chunk]


def _chunks(items: Iterable[Document | Rejected], size: int) -> Iterator[list[Document | Rejected]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_all(
    items: Iterable[Document | Rejected],
    options: ExtractOptions | None = None,
    *,
    workers: int = 1,
    chunk_size: int = 32,
    engine: str = "local",
    scheduler: str | None = None,
) -> Iterator[ExtractionResult | Rejected]:
    """One `ExtractionResult` per document (rejected inputs passed through), in input order.

    Examples
    --------
    >>> from geo.extract.documents import Document
    >>> docs = [Document("اشتباكات في هجين يوم 3 آذار 2025", f"d{n}") for n in range(3)]
    >>> [r.source for r in extract_all(docs, workers=1)]
    ['d0', 'd1', 'd2']
    """
    options = options or ExtractOptions()
    if engine == "dask":
        yield from _extract_dask(items, options, workers=workers, chunk_size=chunk_size, scheduler=scheduler)
        return
    if engine != "local":
        raise InputError(f"--engine {engine!r} is not 'local' or 'dask'")
    if workers <= 1:
        extractor = options.extractor()
        with throughput_gc():
            for item in items:
                yield item if isinstance(item, Rejected) else extractor.extract(item)
        return
    options.extractor()  # build the tagger before forking, so the workers share it
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with throughput_gc(), context.Pool(workers, initializer=_init, initargs=(options,)) as pool:
        pending: deque[AsyncResult[list[ExtractionResult | Rejected]]] = deque()
        for chunk in _chunks(items, chunk_size):
            pending.append(pool.apply_async(_run, (chunk,)))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


_extractors: dict[ExtractOptions, Extractor] = {}


def _run_with(chunk: list[Document | Rejected], options: ExtractOptions) -> list[ExtractionResult | Rejected]:
    """The per-chunk function on a Dask worker (one extractor per worker process and settings)."""
    extractor = _extractors.get(options)
    if extractor is None:
        extractor = _extractors[options] = options.extractor()
    return [item if isinstance(item, Rejected) else extractor.extract(item) for item in chunk]


def _extract_dask(
    items: Iterable[Document | Rejected],
    options: ExtractOptions,
    *,
    workers: int,
    chunk_size: int,
    scheduler: str | None,
) -> Iterator[ExtractionResult | Rejected]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise GeoError("--engine dask needs Dask: pip install 'dask[distributed]'") from err
    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(Client(scheduler))
        else:
            cluster = stack.enter_context(
                LocalCluster(n_workers=max(1, workers), threads_per_worker=1, dashboard_address=None)
            )
            client = stack.enter_context(Client(cluster))
        in_flight = 2 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque[Any] = deque()
        for chunk in _chunks(items, chunk_size):
            pending.append(client.submit(_run_with, chunk, options, pure=False))
            if len(pending) >= in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
