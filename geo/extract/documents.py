"""Loading news documents: text files, HTML pages (body text), folders, JSON Lines, standard input.

One loader per kind of file, all subclasses of `DocumentLoader` (as readers
are in `geo.io`). Loading is lazy: `iter_documents` yields one document at a
time, so a corpus of any size streams through with flat memory. A bad JSON
line does not stop a batch: it is yielded as a `Rejected` record naming the
file, line and value.
"""

from __future__ import annotations

import abc
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from geo.errors import InputError

__all__ = [
    "FOLDER_SUFFIXES",
    "Document",
    "DocumentLoader",
    "HtmlLoader",
    "JsonLinesLoader",
    "JsonLoader",
    "Rejected",
    "TextLoader",
    "document_from_record",
    "html_to_text",
    "iter_documents",
    "loader_for",
]

logger = logging.getLogger(__name__)

#: File name endings read when a folder is given.
FOLDER_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")


@dataclass(frozen=True)
class Document:
    """One news text to extract incidents from.

    ``published`` is the date given with the document (a JSON Lines field or
    an HTML ``<meta>``); when None, the extractor reads it from the text's
    header lines or uses the ``--published`` default.

    Examples
    --------
    >>> Document("قتل عنصر في هجين", source="note.txt").language
    ''
    """

    text: str
    source: str
    url: str = ""
    published: dt.date | None = None
    language: str = ""


@dataclass(frozen=True)
class Rejected:
    """An input that could not become a document, with a message naming file, line and value."""

    source: str
    message: str

    def __str__(self) -> str:
        return self.message


def _parse_published(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    from geo.extract.dates import parse_date_text

    day = parse_date_text(str(value))
    if day is None:
        raise InputError(f"{where}: 'published' {value!r} is not a date")
    return day


def document_from_record(record: Any, *, where: str, source: str) -> Document:
    """A `Document` from a ``{"text", "url", "published"}`` mapping; `InputError` names *where*."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {str(record)[:60]!r}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: 'text' is missing or not a string ({str(text)[:60]!r})")
    url = record.get("url") or ""
    return Document(
        text=text,
        source=str(record.get("source") or url or source),
        url=str(url),
        published=_parse_published(record.get("published"), where),
        language=str(record.get("language") or ""),
    )


class _BodyText(HTMLParser):
    """Collects the visible text of an HTML page's body, one block per line."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "form", "button"})
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "tr",
            "table",
            "section",
            "article",
            "header",
            "blockquote",
            "figcaption",
            "time",
            "dd",
            "dt",
            "pre",
            "hr",
            "main",
            "aside",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.published: str | None = None
        self.title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and self.published is None:
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            if key in {"article:published_time", "datepublished", "pubdate", "publish-date", "date", "dc.date"}:
                self.published = values.get("content") or None
        if tag == "time" and self.published is None and values.get("datetime"):
            self.published = values["datetime"]
        if tag == "title":
            self._in_title = True
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self._SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        if not self.skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str | None]:
    """The body text of an HTML page (one block per line) and its published date as written, if any.

    Scripts, styles, navigation and forms are left out.

    Examples
    --------
    >>> html_to_text("<html><head><meta property='article:published_time' content='2025-05-27'>"
    ...              "<script>x()</script></head><body><p>قتل عنصر</p><p>في هجين</p></body></html>")
    ('قتل عنصر\\nفي هجين', '2025-05-27')
    """
    parser = _BodyText()
    parser.feed(html)
    parser.close()
    lines = ("".join(parser.parts)).split("\n")
    text = "\n".join(" ".join(line.split()) for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    text = "\n".join(line for line in text.split("\n") if line.strip())
    return text.strip(), parser.published


class DocumentLoader(abc.ABC):
    """Loads the documents of one kind of file."""

    #: File name endings this loader handles (lower case, with the dot).
    suffixes: tuple[str, ...] = ()

    @abc.abstractmethod
    def load(self, path: Path) -> Iterator[Document | Rejected]:
        """Yield the documents in *path*, lazily."""


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: not UTF-8 text ({err.reason} at byte {err.start})") from err


class TextLoader(DocumentLoader):
    """A plain-text article (UTF-8): one document."""

    suffixes = (".txt", ".text", ".md", "")

    def load(self, path: Path) -> Iterator[Document | Rejected]:
        try:
            yield Document(_read_text(path), source=str(path))
        except InputError as err:
            yield Rejected(str(path), str(err))


class HtmlLoader(DocumentLoader):
    """An HTML page: the body's visible text, and the published date from ``<meta>`` or ``<time>``."""

    suffixes = (".html", ".htm", ".xhtml")

    def load(self, path: Path) -> Iterator[Document | Rejected]:
        try:
            text, published = html_to_text(_read_text(path))
        except InputError as err:
            yield Rejected(str(path), str(err))
            return
        try:
            day = _parse_published(published, f"{path}, <meta> published date")
        except InputError as err:
            logger.info("%s", err)
            day = None
        yield Document(text, source=str(path), published=day)


class JsonLinesLoader(DocumentLoader):
    """JSON Lines: one ``{"text", "url", "published"}`` object per line, read one line at a time."""

    suffixes = (".jsonl", ".ndjson")

    def load(self, path: Path) -> Iterator[Document | Rejected]:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                yield from _json_lines(handle, str(path))
        except UnicodeDecodeError as err:
            message = f"{path}: not UTF-8 text ({err.reason} at byte {err.start}); the lines after it are not read"
            yield Rejected(str(path), message)


def _json_lines(handle: Iterable[str], name: str) -> Iterator[Document | Rejected]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        where = f"{name}, line {number}"
        try:
            record = json.loads(line)
            yield document_from_record(record, where=where, source=f"{name}:{number}")
        except json.JSONDecodeError as err:
            yield Rejected(where, f"{where}: not valid JSON ({err.msg} at column {err.colno}): {line[:60]!r}")
        except InputError as err:
            yield Rejected(where, str(err))


class JsonLoader(DocumentLoader):
    """A ``.json`` file: one object, a list of objects, or JSON Lines."""

    suffixes = (".json",)

    def load(self, path: Path) -> Iterator[Document | Rejected]:
        try:
            text = _read_text(path)
        except InputError as err:
            yield Rejected(str(path), str(err))
            return
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            yield from _json_lines(text.splitlines(keepends=True), str(path))
            return
        records = data if isinstance(data, list) else [data]
        for number, record in enumerate(records, start=1):
            where = f"{path}, object {number}" if isinstance(data, list) else str(path)
            try:
                yield document_from_record(record, where=where, source=str(path))
            except InputError as err:
                yield Rejected(where, str(err))


_LOADERS: tuple[DocumentLoader, ...] = (HtmlLoader(), JsonLinesLoader(), JsonLoader(), TextLoader())


def loader_for(path: Path) -> DocumentLoader:
    """The loader for a file, by its name ending (plain text for anything unknown).

    Examples
    --------
    >>> type(loader_for(Path("a.html"))).__name__
    'HtmlLoader'
    """
    suffix = Path(path).suffix.lower()
    for loader in _LOADERS:
        if suffix in loader.suffixes:
            return loader
    return _LOADERS[-1]


def _stdin_documents(stream: IO[str]) -> Iterator[Document | Rejected]:
    first = ""
    for line in stream:
        if line.strip():
            first = line
            break
    if first.lstrip().startswith("{"):
        yield from _json_lines(_chain([first], stream), "<stdin>")
        return
    text = first + stream.read()
    if text.lstrip().startswith("<") and "<body" in text.lower():
        body, published = html_to_text(text)
        yield Document(body, source="<stdin>", published=_parse_published(published, "<stdin> <meta>"))
    else:
        yield Document(text, source="<stdin>")


def _chain(first: list[str], rest: Iterable[str]) -> Iterator[str]:
    yield from first
    yield from rest


def iter_documents(inputs: Iterable[str | Path], *, stdin: IO[str] | None = None) -> Iterator[Document | Rejected]:
    """Every document in *inputs*, lazily, in order (folders sorted by name).

    An input is a file (by its ending: text, HTML, JSON, JSON Lines), a folder
    (every ``.txt``/``.html``/``.json``/``.jsonl`` inside, recursively) or ``-``
    for standard input (JSON Lines if it starts with ``{``, else one text).
    A missing input raises `InputError`.

    Examples
    --------
    >>> import io
    >>> [d.text for d in iter_documents(["-"], stdin=io.StringIO('{"text": "a"}\\n{"text": "b"}\\n'))]
    ['a', 'b']
    """
    for item in inputs:
        if str(item) == "-":
            yield from _stdin_documents(stdin if stdin is not None else sys.stdin)
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES)
            for file in files:
                yield from loader_for(file).load(file)
        elif path.is_file():
            yield from loader_for(path).load(path)
        else:
            raise InputError(f"{path}: no such file or folder")
