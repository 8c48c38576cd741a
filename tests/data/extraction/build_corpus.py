"""Turn the hand-written corpus sources (``*.src``) into ``corpus.jsonl`` (run from the repository root).

Source format, one document per block::

    @ ID SPLIT PUBLISHED
    text with place mentions marked [[surface|place_id]]
    = place_id | date or start/end | time_precision | event_type | sub_event_type | killed | injured

The markup is removed from the text and each mention becomes
``{"start", "end", "text", "place_id"}`` with offsets into the plain text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_MARK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def _parse(source: str) -> list[dict[str, object]]:
    docs: list[dict[str, object]] = []
    for block in source.split("\n@ ")[0:]:
        block = block.removeprefix("@ ").strip()
        if not block:
            continue
        head, *lines = block.split("\n")
        doc_id, split, published = head.split()
        text_lines = [line for line in lines if not line.startswith("= ")]
        marked = "\n".join(text_lines)
        plain, places, cursor = "", [], 0
        for match in _MARK.finditer(marked):
            plain += marked[cursor : match.start()]
            start = len(plain)
            plain += match.group(1)
            places.append({"start": start, "end": len(plain), "text": match.group(1), "place_id": match.group(2)})
            cursor = match.end()
        plain += marked[cursor:]
        incidents = []
        for line in lines:
            if not line.startswith("= "):
                continue
            place_id, date, precision, event_type, sub, killed, injured = (p.strip() for p in line[2:].split("|"))
            first, _, last = date.partition("/")
            incidents.append(
                {
                    "place_id": place_id,
                    "event_date": first,
                    "date_end": last or None,
                    "time_precision": int(precision),
                    "event_type": event_type,
                    "sub_event_type": sub,
                    "fatalities": int(killed) if killed else None,
                    "injuries": int(injured) if injured else None,
                }
            )
        language = "ar" if doc_id.startswith("ar") else "en"
        docs.append(
            {
                "id": doc_id,
                "split": split,
                "language": language,
                "published": published,
                "text": plain,
                "places": places,
                "incidents": incidents,
            }
        )
    return docs


def main(folder: Path) -> None:
    docs = [d for src in sorted(folder.glob("*.src")) for d in _parse(src.read_text(encoding="utf-8"))]
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    print(f"{len(docs)} documents written to {folder / 'corpus.jsonl'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
