"""What partners send the Peace Media Center: entries of the banks they share with us (filed in a read-only
copy of their bank, which shows where it came from) and their feedback (STIX `opinion`) on our entries.
Federation calls `receive_objects` through its `objects_received` signal, after verifying signatures and
storing the objects. Receiving the same object twice files it once; a newer version updates the entry (its
labels edited by the owner), and a revocation (`revoked: true`) marks it revoked: it stops matching here."""

import logging
import re
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from hotline import stix
from hotline.federation.models import Partner
from hotline.peace import stix_types
from hotline.peace.models import Bank, BankEntry, Feedback

log = logging.getLogger(__name__)
_SIGNALS = ("pdq", "md5", "sha256", "text_sha256", "text_folded_sha256")


def on_objects_received(sender: Partner, objects: list[dict], now: datetime | None = None, **kwargs) -> None:
    receive_objects(objects, partner=sender)


def receive_objects(objects: list[dict], *, partner: Partner) -> int:
    filed = 0
    for obj in objects:
        if not isinstance(obj, dict) or obj.get("created_by_ref") != partner.identity_id:
            continue
        try:
            if obj.get("type") == stix_types.ENTRY:
                filed += bool(receive_entry(obj, partner))
            elif obj.get("type") == "opinion":
                filed += bool(receive_opinion(obj, partner))
        except (ValueError, KeyError, TypeError) as exc:  # one bad object does not stop the others
            log.warning("from %s: %s not filed: %s", partner.name, obj.get("id"), exc)
    return filed


def copy_name(partner: Partner, remote: str) -> str:
    return re.sub(r"[^A-Z0-9_]", "_", f"{partner.name.upper()}__{remote}")[:100]


def _bank_copy(partner: Partner, remote: str, description: str, tlp: str) -> Bank:
    bank = Bank.objects.filter(owner=partner, remote_name=remote).first()
    if bank is None:
        bank = Bank.objects.create(
            name=copy_name(partner, remote),
            owner=partner,
            remote_name=remote,
            description=description,
            tlp=tlp,
        )
    elif description and bank.description != description:
        Bank.objects.filter(pk=bank.pk).update(description=description)
    return bank


def receive_entry(obj: dict, partner: Partner) -> BankEntry | None:
    from hotline.peace.services import request_index_rebuild

    problems = stix.validate_object(obj)
    if problems:
        raise ValueError("; ".join(problems))
    tlp = stix.tlp_level(obj) or "amber"
    modified = stix.parse_timestamp(obj["modified"])
    fields = {
        "content_type": obj["content_type"],
        **{name: obj.get(name, "") for name in _SIGNALS},
        "pdq_quality": obj.get("pdq_quality"),
        "text": obj.get("text", ""),
        "vpdq": obj.get("vpdq", ""),
        "url": obj.get("url", ""),
        "organisation": obj.get("organisation", ""),
        "behaviour": obj.get("behaviour", ""),
        "tags": list(obj.get("labels", [])),
        "tlp": tlp,
        "notes": obj.get("notes", ""),
        "source": partner,
        "modified_at": modified,
        # A revocation: the entry stays, as a tombstone, and never matches again.
        "revoked_at": modified if obj.get("revoked") is True else None,
    }
    with transaction.atomic():
        bank = _bank_copy(partner, obj["bank"], obj.get("bank_description", ""), tlp)
        existing = BankEntry.objects.select_for_update().filter(stix_id=obj["id"]).first()
        if existing is not None:
            if existing.source_id != partner.pk:
                raise ValueError(f"{obj['id']} is not {partner.name}'s entry")
            # An older version, or anything after a revocation (a revoked object has no later version).
            if existing.modified_at >= modified or existing.revoked:
                return None
            BankEntry.objects.filter(pk=existing.pk).update(bank=bank, **fields)
            entry = existing
        else:
            entry = BankEntry.objects.create(
                bank=bank,
                stix_id=obj["id"],
                added_at=stix.parse_timestamp(obj.get("added", obj["created"])),
                **fields,
            )
        request_index_rebuild()
    return entry


def receive_opinion(obj: dict, partner: Partner) -> Feedback | None:
    refs = obj.get("object_refs") or []
    entry = BankEntry.objects.filter(stix_id__in=refs, source__isnull=True).first()
    if entry is None:
        return None  # an opinion on something else: not the banks' business
    if obj.get("opinion") not in ("agree", "disagree", "strongly-agree", "strongly-disagree"):
        raise ValueError(f"opinion {obj.get('opinion')!r} is neither agreement nor disagreement")
    if Feedback.objects.filter(stix_id=obj["id"]).exists():
        return None
    verdict = "agree" if obj["opinion"].endswith("agree") and "disagree" not in obj["opinion"] else "disagree"
    return Feedback.objects.create(
        entry=entry, stix_id=obj["id"], partner=partner, verdict=verdict,
        comment=obj.get("explanation", ""), created_at=stix.parse_timestamp(obj["created"]) or timezone.now(),
    )  # fmt: skip
