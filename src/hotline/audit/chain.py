"""The hash chain: what a record's hash covers, and checking the whole trail.

hash = SHA-256 of the RFC 8785 canonical JSON of every field of the record (its number, time with
microseconds, actor, entry point, action, target, address, detail) and the previous record's hash.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from hotline import stix
from hotline.audit.models import GENESIS_HASH, ChainHead, Record

FIELDS = ("seq", "at", "actor", "actor_id", "entry_point", "action", "target", "ip", "detail", "prev_hash")


def plain_json(value) -> object:
    """`value` as JSON would give it back (tuples as lists, keys as strings), so the hash computed before
    storing equals the one computed from the stored row."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def compute_hash(*, seq, at, actor, actor_id, entry_point, action, target, ip, detail, prev_hash) -> str:
    content = {
        "seq": seq,
        "at": stix.format_timestamp(at),
        "actor": actor or "",
        "actor_id": actor_id,
        "entry_point": entry_point,
        "action": action,
        "target": target or "",
        "ip": ip or "",
        "detail": detail,
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(stix.canonical_json(content)).hexdigest()


@dataclass
class Verdict:
    ok: bool
    count: int
    head_hash: str
    problem: str = ""
    bad_seq: int | None = None


def verify(progress: Callable[[int], None] | None = None, anchors: dict[int, str] | None = None) -> Verdict:
    """Walk the trail from the first record: numbers must follow each other from 1, each record must link to
    the hash of the one before and its own hash must match its content; the chain head must name the last.
    `anchors`: {record number: hash} noted earlier outside the node; a chain rebuilt from an altered record
    on is consistent in itself, but no longer has those hashes."""
    anchors = dict(anchors or {})
    expected_prev, expected_seq, count = GENESIS_HASH, 1, 0
    rows = Record.objects.order_by("seq").values_list(*FIELDS, "hash", "pk")
    for row in rows.iterator(chunk_size=2000):
        values = dict(zip(FIELDS, row[: len(FIELDS)], strict=True))
        stored_hash, pk = row[len(FIELDS)], row[-1]
        seq = values["seq"]
        label = f"record #{seq} (row {pk}, {stix.format_timestamp(values['at'])}, {values['action']})"
        if seq != expected_seq:
            what = "missing" if seq > expected_seq else "duplicated"
            return Verdict(
                False, count, expected_prev, f"{label}: record #{expected_seq} is {what}", expected_seq
            )
        if values["prev_hash"] != expected_prev:
            return Verdict(
                False, count, expected_prev,
                f"{label}: does not link to the record before it (removed, inserted or altered)", seq,
            )  # fmt: skip
        if compute_hash(**values) != stored_hash:
            return Verdict(False, count, expected_prev, f"{label}: its content does not match its hash", seq)
        if seq in anchors and anchors.pop(seq) != stored_hash:
            return Verdict(
                False, count, expected_prev,
                f"{label}: its hash is not the one noted for it (the trail was rebuilt from here or before)",
                seq,
            )  # fmt: skip
        expected_prev, expected_seq, count = stored_hash, seq + 1, count + 1
        if progress and count % 10000 == 0:
            progress(count)
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.hash) != (count, expected_prev):
        return Verdict(
            False, count, expected_prev,
            f"the trail ends at record #{count} but the chain head names record #{head.seq}: "
            "records were removed from the end, or the head was altered",
            count + 1 if head.seq > count else head.seq + 1,
        )  # fmt: skip
    if anchors:
        first = min(anchors)
        return Verdict(
            False, count, expected_prev, f"record #{first}, noted earlier, is no longer there", first
        )
    return Verdict(True, count, expected_prev)
