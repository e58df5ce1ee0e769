"""The Peace Media Center's STIX 2.1 objects. Plain Python (no Django).

hotline-bank-entry   one known item of a bank (a project type, new-sdo, declared by an extension definition):
                     bank, bank_description, content_type, its signals (pdq, pdq_quality, md5, sha256,
                     text_sha256, text_folded_sha256, text, url; vpdq, the per-frame PDQ of a video),
                     labels: organisation, behaviour and the
                     standard `labels` (free tags), notes, added; TLP as a TLP 2.0 marking. A newer
                     version (`modified`) carries edited labels; `revoked: true` withdraws the entry (a STIX
                     revocation: the tombstone travels to partners, nothing is deleted across).
opinion              a partner's feedback on an entry: the standard STIX 2.1 SDO, `opinion` "agree" or
                     "disagree" (with the entry's labels), `explanation`, `object_refs` = [the entry].
"""

import re
from datetime import datetime

from hotline import stix
from hotline.stix.extensions import PROJECT_IDENTITY, project_id

ENTRY = "hotline-bank-entry"
CONTENT_TYPES = ("image", "video", "text", "url", "pdf")
BEHAVIOURS = ("glorification", "recruitment", "instruction", "threat")
SIGNAL_FORMATS = {
    "pdq": re.compile(r"[0-9a-f]{64}\Z"),
    "md5": re.compile(r"[0-9a-f]{32}\Z"),
    "sha256": re.compile(r"[0-9a-f]{64}\Z"),
    "text_sha256": re.compile(r"[0-9a-f]{64}\Z"),
    "text_folded_sha256": re.compile(r"[0-9a-f]{64}\Z"),
}
EXTENSION_ID = project_id("extension-definition", ENTRY)
SCHEMA_BASE = "https://hotline.jwg-ct.example/stix/extensions/"
_DEFINED = "2025-06-18T00:00:00.000Z"
_BANK_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,99}\Z")
_VPDQ = re.compile(r"[0-9a-f]{64},\d{1,3}(?: [0-9a-f]{64},\d{1,3})*\Z")


def definition() -> dict:
    return stix.make_extension_definition(
        id=EXTENSION_ID,
        name=ENTRY,
        description="An item of a Peace Media Center bank of known violent-extremist propaganda: the bank, "
        "the content type (image, video, text, url, pdf), its signals (PDQ, MD5, SHA-256, SHA-256 of the "
        "normalised text and of its diacritic-folded form, the text, the URL), labels (organisation, "
        "behaviour: glorification, recruitment, instruction, threat; free tags in `labels`), notes and the "
        "date added.",
        schema_url=SCHEMA_BASE + ENTRY + ".json",
        version="1.0.0",
        extension_types=["new-sdo"],
        created_by_ref=PROJECT_IDENTITY["id"],
        created=_DEFINED,
    )


def register() -> None:
    stix.register_extension(definition(), check_entry)


def entry_object(
    *,
    stix_id: str,
    created: datetime,
    modified: datetime,
    created_by_ref: str,
    bank: str,
    bank_description: str,
    content_type: str,
    signals: dict,
    pdq_quality: int | None,
    organisation: str,
    behaviour: str,
    tags: list[str],
    notes: str,
    tlp: str,
    revoked: bool = False,
) -> dict:
    obj = {
        "type": ENTRY,
        "spec_version": "2.1",
        "id": stix_id,
        "created": stix.format_timestamp(created),
        "modified": stix.format_timestamp(max(modified, created)),
        "created_by_ref": created_by_ref,
        "bank": bank,
        "bank_description": bank_description,
        "content_type": content_type,
        **{k: v for k, v in signals.items() if v},
        "pdq_quality": pdq_quality,
        "organisation": organisation,
        "behaviour": behaviour,
        "labels": list(tags),
        "notes": notes,
        "added": stix.format_timestamp(created),
        "extensions": {EXTENSION_ID: {"extension_type": "new-sdo"}},
    }
    obj = {k: v for k, v in obj.items() if v not in (None, "", [])}
    if revoked:
        obj["revoked"] = True
    return stix.mark(obj, tlp)


def opinion_object(
    *,
    stix_id: str,
    created: datetime,
    created_by_ref: str,
    entry_id: str,
    verdict: str,
    comment: str,
    tlp: str,
) -> dict:
    obj = {
        "type": "opinion",
        "spec_version": "2.1",
        "id": stix_id,
        "created": stix.format_timestamp(created),
        "modified": stix.format_timestamp(created),
        "created_by_ref": created_by_ref,
        "opinion": verdict,
        "object_refs": [entry_id],
    }
    if comment:
        obj["explanation"] = comment
    return stix.mark(obj, tlp)


def check_entry(obj: dict) -> list[str]:
    if obj.get("type") != ENTRY:
        return []
    problems = []
    if not isinstance(obj.get("bank"), str) or not _BANK_NAME.match(obj["bank"]):
        problems.append("property 'bank' must be an UPPER_WITH_UNDERSCORE bank name")
    if obj.get("content_type") not in CONTENT_TYPES:
        problems.append(f"property 'content_type' must be one of {', '.join(CONTENT_TYPES)}")
    if "behaviour" in obj and obj["behaviour"] not in BEHAVIOURS:
        problems.append(f"property 'behaviour' must be one of {', '.join(BEHAVIOURS)}")
    present = 0
    for name, pattern in SIGNAL_FORMATS.items():
        if name in obj:
            present += 1
            if not isinstance(obj[name], str) or not pattern.match(obj[name]):
                problems.append(f"property '{name}' must be lower-case hex of the right length")
    if "vpdq" in obj:
        present += 1
        if not isinstance(obj["vpdq"], str) or not _VPDQ.match(obj["vpdq"]):
            problems.append("property 'vpdq' must be 'pdqhex,quality' per frame, separated by spaces")
    for name in ("text", "url", "organisation", "notes", "bank_description"):
        if name in obj and not isinstance(obj[name], str):
            problems.append(f"property '{name}' must be a string")
    present += bool(obj.get("text")) + bool(obj.get("url"))
    if not present:
        problems.append("a bank entry needs at least one signal (pdq, md5, sha256, text_sha256, text, url)")
    quality = obj.get("pdq_quality")
    if quality is not None and (type(quality) is not int or not 0 <= quality <= 100):
        problems.append("property 'pdq_quality' must be an integer 0-100")
    return problems
