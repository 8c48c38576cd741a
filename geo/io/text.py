"""Reading text files from the wild: UTF-8 (with or without BOM), UTF-16, Windows-1256.

Arabic spreadsheets are often saved by Excel as Windows-1256 or as UTF-16;
the encoding is detected in a fixed order (UTF-8, UTF-16 by its byte-order
mark, Windows-1256) and any choice other than UTF-8 is reported as a warning,
so that a misread file is never silent.
"""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass
from pathlib import Path

from geo.errors import InputError

__all__ = ["DecodedText", "decode", "read_text"]

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())


@dataclass(frozen=True)
class DecodedText:
    """A file's text, the encoding it was read with, and a warning when that was a guess."""

    text: str
    encoding: str
    warning: str = ""


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NUL bytes fall where UTF-16 puts them for ASCII text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> DecodedText:
    """Decode *data* (the bytes of file *name*): UTF-8, then UTF-16 by BOM, then Windows-1256.

    Raises `InputError` for data that is not text in any of them (NUL bytes
    outside UTF-16, for instance).

    Examples
    --------
    >>> decode("دير الزور".encode("cp1256"), "x.csv").encoding
    'cp1256'
    >>> decode(codecs.BOM_UTF8 + b"a,b", "x.csv").text
    'a,b'
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return DecodedText(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError(
                f"{name}: starts with a UTF-8 byte-order mark but is not UTF-8 ({err.reason} at byte {err.start + 3})"
            ) from err
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError(f"{name}: starts with a UTF-16 byte-order mark but is not UTF-16 ({err.reason})") from err
        return DecodedText(text, "utf-16", f"{name}: read as UTF-16 (byte-order mark); UTF-8 is preferred")
    guess = _utf16_without_bom(data)
    if guess:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            pass
        else:
            return DecodedText(text, guess, f"{name}: read as {guess.upper()} (no byte-order mark); UTF-8 is preferred")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    else:
        if "\x00" in text:
            raise InputError(f"{name}: not a text file (NUL byte at byte {text.index(chr(0))})")
        return DecodedText(text, "utf-8")
    if b"\x00" in data:
        raise InputError(f"{name}: not a text file (NUL byte at byte {data.index(0)})")
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}), UTF-16 or Windows-1256 text"
        ) from err
    return DecodedText(
        text,
        "cp1256",
        f"{name}: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}); read as Windows-1256 (Arabic Windows)",
    )


def read_text(path: Path) -> DecodedText:
    """Read and decode a text file (see `decode`); `InputError` if it cannot be opened or decoded."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from err
    decoded = decode(data, str(path))
    if decoded.warning:
        logger.info("%s", decoded.warning)  # the caller reports it with the file's other problems
    return decoded
