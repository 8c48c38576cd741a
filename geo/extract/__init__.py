"""Incidents from Arabic and English news text: places, dates, event types, actors and casualties.

One module per job: `documents` (loading text, HTML, JSON Lines), `sentences`,
`tokens` and `lexicon` (shared machinery), `toponyms` (the gazetteer-backed
tagger), `dates`, `events`, `actors`, `casualties`, `incidents` (assembly),
`pipeline` (many documents, several processes or a Dask cluster), `output`
(streamed incident files) and `evaluate` (the annotated corpus and the seed
articles).

Examples
--------
>>> from geo.extract import Document, Extractor
>>> text = "تاريخ النشر: 27 أيار 2025\\nفي 19 من أيار الحالي، قُتل عنصر من قسد بهجوم لداعش في بلدة البحرة."
>>> result = Extractor().extract(Document(text, "a"))
>>> [(i.incident.place_id, i.incident.event_date.isoformat()) for i in result.incidents]
[('al-bahra', '2025-05-19')]
"""

from __future__ import annotations

import logging

from geo.extract.dates import DateMention, find_dates, find_published, parse_date_text
from geo.extract.documents import Document, DocumentLoader, Rejected, html_to_text, iter_documents
from geo.extract.evaluate import CorpusReport, SeedReport, evaluate_corpus, evaluate_seed_articles, load_corpus
from geo.extract.incidents import ExtractedIncident, ExtractionResult, Extractor, detect_language
from geo.extract.output import IncidentSink, sink_for
from geo.extract.pipeline import ExtractOptions, extract_all
from geo.extract.toponyms import PlaceMention, Tagger

__all__ = [
    "CorpusReport",
    "DateMention",
    "Document",
    "DocumentLoader",
    "ExtractOptions",
    "ExtractedIncident",
    "ExtractionResult",
    "Extractor",
    "IncidentSink",
    "PlaceMention",
    "Rejected",
    "SeedReport",
    "Tagger",
    "detect_language",
    "evaluate_corpus",
    "evaluate_seed_articles",
    "extract_all",
    "find_dates",
    "find_published",
    "html_to_text",
    "iter_documents",
    "load_corpus",
    "parse_date_text",
    "sink_for",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
