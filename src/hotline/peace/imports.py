"""Hash-list import: CSV and JSON in the shapes ThreatExchange/HMA and Tech Against Terrorism's TCAP publish.

Accepted shapes (one row = one entry):

CSV with a header row. The signal is given either as HMA/python-threatexchange names, columns
`signal_type,signal` (signal types `pdq`, `vpdq`, `video_md5`, `md5`, `sha256`, `url`, `text_sha256`), or as
ThreatExchange threat descriptors, columns `indicator_type` (or `type`) and `raw_indicator` (or `indicator`)
with ThreatExchange's types (`HASH_PDQ`, `HASH_VIDEO_VPDQ`, `HASH_MD5`, `HASH_SHA256`, `URI`). A vPDQ
signal is HMA's JSON list of `"pdqhex,quality,seconds"` frames. Optional columns: `content_type`,
`organisation`, `behaviour`, `tags` (separated by `;`, `,` or `|`), `tlp`, `notes`.

The plain signal file python-threatexchange's file exchange reads: one `SIGNAL_TYPE SIGNAL` per line.

JSON: a list of rows (or `{"results": [...]}`, TCAP's paged response, or `{"data": [...]}`, ThreatExchange's
Graph API response). A row is one of: TCAP's hash record (`hash_digest`, `algorithm` PDQ/MD5/SHA256,
`ideology`, `file_type`, `deleted`); an HMA signal row (`signal_type`, `signal`, optional labels as in the
CSV); a ThreatExchange descriptor (`type`, `raw_indicator`, `tags`); or HMA's `{"pdq": "…"}` mapping of one
content's signals.

Every row is checked; a file with any bad row is refused whole, with one message per bad row, and nothing is
imported. Rows already in the bank (same signal) and TCAP rows marked deleted are skipped, and counted.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field

from hotline.peace import signals
from hotline.peace.errors import ImportRefused, PeaceError
from hotline.peace.models import BEHAVIOURS, CONTENT_TYPES, TLP_CHOICES

MAX_ROWS = 1_000_000
_HEX = {"pdq": 64, "md5": 32, "sha256": 64, "text_sha256": 64}
# Signal type names of HMA / python-threatexchange, ThreatExchange and TCAP -> (our signal, content type).
SIGNAL_TYPES = {
    "pdq": ("pdq", "image"),
    "video_md5": ("md5", "video"),
    "md5": ("md5", ""),
    "sha256": ("sha256", ""),
    "url": ("url", "url"),
    "text_sha256": ("text_sha256", "text"),
    "hash_pdq": ("pdq", "image"),
    "hash_md5": ("md5", ""),
    "hash_sha256": ("sha256", ""),
    "uri": ("url", "url"),
    "imagepdq": ("pdq", "image"),
    "videomd5": ("md5", "video"),
    "vpdq": ("vpdq", "video"),
    "hash_video_vpdq": ("vpdq", "video"),
}
TCAP_FILE_TYPES = {
    "jpg": "image", "jpeg": "image", "png": "image", "gif": "image", "webp": "image", "bmp": "image",
    "mp4": "video", "webm": "video", "mov": "video", "mkv": "video", "avi": "video", "3gp": "video",
    "pdf": "pdf", "txt": "text",
}  # fmt: skip
TLP_LEVELS = tuple(level for level, _ in TLP_CHOICES)


@dataclass
class Parsed:
    rows: list[dict] = field(default_factory=list)
    skipped: int = 0


def parse(data: bytes, filename: str = "") -> Parsed:
    """Rows of BankEntry fields, every one valid; ImportRefused (one problem per bad row) otherwise."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PeaceError("the hash list is not UTF-8 text") from None
    if not text.strip():
        raise PeaceError("the hash list is empty")
    stripped = text.lstrip()
    if filename.lower().endswith(".json") or stripped[:1] in "[{":
        raw_rows = _json_rows(text)
    else:
        raw_rows = _text_rows(text)
    if len(raw_rows) > MAX_ROWS:
        raise PeaceError(f"more than {MAX_ROWS} rows; split the file")
    parsed, problems = Parsed(), []
    for number, raw in raw_rows:
        try:
            row = validate_row(raw)
        except ValueError as exc:
            problems.append(f"row {number}: {exc}")
            continue
        if row is None:
            parsed.skipped += 1
        else:
            parsed.rows.append(row)
    if problems:
        raise ImportRefused(problems)
    if not parsed.rows and not parsed.skipped:
        raise PeaceError("the hash list has no rows")
    return parsed


def _json_rows(text: str) -> list[tuple[int, dict]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PeaceError(f"not valid JSON: {exc}") from None
    if isinstance(document, dict):
        for key in ("results", "data", "hashes"):
            if isinstance(document.get(key), list):
                document = document[key]
                break
        else:
            raise PeaceError("a JSON hash list is a list of rows (or an object with 'results' or 'data')")
    if not isinstance(document, list):
        raise PeaceError("a JSON hash list is a list of rows")
    return [(i, row) for i, row in enumerate(document, start=1)]


def _text_rows(text: str) -> list[tuple[int, dict]]:
    first = text.lstrip().splitlines()[0]
    if "," not in first and "\t" not in first:
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#"):
                kind, _, value = line.strip().partition(" ")
                rows.append((number, {"signal_type": kind, "signal": value.strip()}))
        return rows
    dialect = "excel-tab" if "\t" in first and "," not in first else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    names = {(n or "").strip().lower() for n in reader.fieldnames or []}
    if not ({"signal_type", "signal"} <= names or ({"indicator_type", "type"} & names and
                                                  {"raw_indicator", "indicator"} & names)):  # fmt: skip
        raise PeaceError(
            "the CSV header needs the columns signal_type and signal (HMA), or indicator_type and "
            "raw_indicator (ThreatExchange)"
        )
    rows = []
    for row in reader:
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if k is not None}
        if any(clean.values()):
            rows.append((reader.line_num, clean))
    return rows


def _string(raw: dict, name: str) -> str:
    value = raw.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text")
    return value.strip()


def validate_row(raw) -> dict | None:
    """One row -> BankEntry fields; None for a row to skip (TCAP's deleted); ValueError: what is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    if raw.get("deleted") is True:
        return None
    content_type = ""
    if "hash_digest" in raw:  # TCAP
        kind, value = _string(raw, "algorithm") or _string(raw, "algorithim"), _string(raw, "hash_digest")
        content_type = TCAP_FILE_TYPES.get(_string(raw, "file_type").lower().lstrip("."), "")
        labels = {"organisation": "", "behaviour": "", "tags": [t for t in [_string(raw, "ideology")] if t]}
    else:
        if "signal_type" not in raw and "raw_indicator" not in raw and "indicator" not in raw:
            mapping = {k: v for k, v in raw.items() if k.lower() in SIGNAL_TYPES}
            if len(mapping) != 1 or len(raw) != 1:
                raise ValueError("expected signal_type and signal (or TCAP's hash_digest and algorithm)")
            (kind, value), = mapping.items()  # fmt: skip
            if not isinstance(value, str):
                raise ValueError(f"{kind} must be text")
        else:
            kind = _string(raw, "signal_type") or _string(raw, "indicator_type") or _string(raw, "type")
            value = _string(raw, "signal") or _string(raw, "raw_indicator") or _string(raw, "indicator")
        tags = raw.get("tags", "")
        if isinstance(tags, list) and all(isinstance(t, str) for t in tags):
            tags = [t.strip() for t in tags if t.strip()]
        elif isinstance(tags, str):
            tags = [t.strip() for t in re.split(r"[;,|]", tags) if t.strip()]
        else:
            raise ValueError("tags must be text or a list of texts")
        labels = {
            "organisation": _string(raw, "organisation"),
            "behaviour": _string(raw, "behaviour").lower(),
            "tags": tags,
        }
        content_type = _string(raw, "content_type").lower()
    signal, implied = _signal_type(kind)
    if signal == "vpdq":  # HMA's JSON list of "pdqhex,quality,seconds" frames -> the stored form
        try:
            value = signals.vpdq_from_signal(value)
        except signals.SignalError as exc:
            raise ValueError(str(exc)) from None
    else:
        value = value if signal == "url" else value.lower()
        _check_value(signal, value)
    content_type = content_type or implied or "video"
    if content_type not in CONTENT_TYPES:
        raise ValueError(f"content_type {content_type!r} is not one of {', '.join(CONTENT_TYPES)}")
    if labels["behaviour"] and labels["behaviour"] not in BEHAVIOURS:
        raise ValueError(f"behaviour {labels['behaviour']!r} is not one of {', '.join(BEHAVIOURS)}")
    if (
        len(labels["organisation"]) > 200
        or len(labels["tags"]) > 20
        or any(len(t) > 50 for t in labels["tags"])
    ):
        raise ValueError("organisation at most 200 characters; at most 20 tags of at most 50 characters")
    row = {"content_type": content_type, signal: value, **labels}
    tlp = _string(raw, "tlp").lower().removeprefix("tlp:") if "hash_digest" not in raw else ""
    if tlp:
        if tlp not in TLP_LEVELS:
            raise ValueError(f"tlp {tlp!r} is not one of {', '.join(TLP_LEVELS)}")
        row["tlp"] = tlp
    notes = _string(raw, "notes") if "hash_digest" not in raw else ""
    if notes:
        row["notes"] = notes[:2000]
    return row


def _signal_type(kind: str) -> tuple[str, str]:
    found = SIGNAL_TYPES.get((kind or "").strip().lower().replace("-", "").replace(" ", "_"))
    if found is None:
        found = SIGNAL_TYPES.get((kind or "").strip().lower())
    if found is None:
        raise ValueError(
            f"unknown signal type {kind!r} (pdq, vpdq, video_md5, md5, sha256, url, text_sha256; "
            "ThreatExchange HASH_PDQ, HASH_VIDEO_VPDQ, HASH_MD5, HASH_SHA256, URI; TCAP PDQ, MD5, SHA256)"
        )
    return found


def _check_value(signal: str, value: str) -> None:
    if signal == "url":
        if not re.match(r"https?://[^\s/]+\S*\Z", value) or len(value) > 2000:
            raise ValueError(f"{value[:60]!r} is not an http(s) URL")
        return
    size = _HEX[signal]
    if not re.fullmatch(f"[0-9a-f]{{{size}}}", value):
        raise ValueError(f"{signal} must be {size} hexadecimal characters, got {value[:70]!r}")
