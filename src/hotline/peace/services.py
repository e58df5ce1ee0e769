"""The Peace Media Center's verbs: banks (create, enable, disable), entries (upload, signals, hash-list
import), the original content (kept encrypted, revealed on purpose), sharing a bank with a partner and
feedback on a partner's entry. Views, the CLI and the HMA-compatible API call these; the access policy is
asked here, so every entry point applies the same rules.

Every change to what can match (a bank or entry added, enabled, disabled) asks for an index rebuild, which the
worker does (`indexing.rebuild_if_stale`) within `PEACE_INDEX_INTERVAL` seconds; never inside a request.
"""

import logging
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import filetype
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from hotline import stix
from hotline.access import policy
from hotline.audit import services as audit
from hotline.federation import services as federation
from hotline.federation.models import Partner
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import Collection
from hotline.peace import content, signals, stix_types
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import BEHAVIOURS, CONTENT_TYPES, TLP_CHOICES, Bank, BankEntry, Feedback, IndexState

log = logging.getLogger(__name__)

BANK_NAME_RE = re.compile(r"[A-Z][A-Z0-9_]{0,99}\Z")
TLP_LEVELS = tuple(level for level, _ in TLP_CHOICES)
PEACE_COLLECTION = "peace"
PDQ_MIN_QUALITY = 50
MAX_TAGS, MAX_TAG = 20, 50


@dataclass
class Labels:
    """What a coordinator says about an item: who is behind it, what it does, free tags, TLP, notes."""

    organisation: str = ""
    behaviour: str = ""
    tags: list[str] = field(default_factory=list)
    tlp: str = ""  # empty: the bank's
    notes: str = ""

    def problems(self) -> list[str]:
        found = []
        if self.behaviour and self.behaviour not in BEHAVIOURS:
            found.append(f"behaviour {self.behaviour!r} is not one of {', '.join(BEHAVIOURS)}")
        if self.tlp and self.tlp not in TLP_LEVELS:
            found.append(f"TLP {self.tlp!r} is not one of {', '.join(TLP_LEVELS)}")
        if len(self.organisation) > 200:
            found.append("the organisation is longer than 200 characters")
        if len(self.tags) > MAX_TAGS or any(len(t) > MAX_TAG for t in self.tags):
            found.append(f"at most {MAX_TAGS} tags of at most {MAX_TAG} characters")
        return found

    @staticmethod
    def split_tags(text: str) -> list[str]:
        return [t.strip() for t in re.split(r"[;,|]", text or "") if t.strip()]


def peace_collection() -> Collection:
    """Where the node keeps the STIX form of bank entries and feedback. No role is granted on it: people
    read banks through these pages and their policy, partners through their outbound collections."""
    return intel.create_collection(PEACE_COLLECTION, "Peace Media Center", "Bank entries and feedback")


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise NotAllowed(f"you may not {what}")


# --- banks -------------------------------------------------------------------------------------------------


def create_bank(user, name: str, *, description: str = "", tlp: str = "amber", enabled: bool = True) -> Bank:
    _require(policy.can_manage_banks(user), "manage banks")
    name = (name or "").strip()
    if not BANK_NAME_RE.match(name):
        raise PeaceError(
            f"bank name {name!r}: UPPER_WITH_UNDERSCORE, starting with a letter, at most 100 characters "
            "(as HMA's banks), e.g. DEMO_PROPAGANDA"
        )
    if tlp not in TLP_LEVELS:
        raise PeaceError(f"TLP {tlp!r} is not one of {', '.join(TLP_LEVELS)}")
    with transaction.atomic():
        if Bank.objects.filter(name=name).exists():
            raise PeaceError(f"bank {name} already exists")
        bank = Bank.objects.create(
            name=name, description=description.strip(), tlp=tlp, enabled=enabled, created_by=user
        )
        request_index_rebuild()
    return bank


def get_bank(name: str) -> Bank:
    bank = Bank.objects.filter(name=name).select_related("owner").first()
    if bank is None:
        raise PeaceError(f"no bank {name!r}")
    return bank


def set_bank_enabled(user, bank: Bank, enabled: bool) -> Bank:
    _require(policy.can_manage_banks(user), "manage banks")
    with transaction.atomic():
        Bank.objects.filter(pk=bank.pk).update(enabled=enabled, updated_at=timezone.now())
        bank.enabled = enabled
        request_index_rebuild()
    return bank


def _writable(user, bank: Bank) -> None:
    _require(policy.can_manage_banks(user), "add to banks")
    if bank.read_only:
        raise PeaceError(f"{bank.name} is {bank.owner.name}'s bank, shared with us: it is read-only here")


# --- the matching index: asked for here, built by the worker -----------------------------------------------


def request_index_rebuild() -> None:
    """Mark the index stale (inside the caller's transaction) and wake the worker once it commits."""
    now = timezone.now()
    state, _ = IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=state.pk).update(requested_at=now)
    # Once per transaction, however many entries it adds (a partner's push may bring thousands).
    if all(callback[1] is not _enqueue_rebuild for callback in connection.run_on_commit):
        transaction.on_commit(_enqueue_rebuild)


def _enqueue_rebuild() -> None:
    from hotline.peace import tasks

    try:
        tasks.rebuild_index_if_stale.enqueue()
    except Exception:  # the periodic job catches up
        log.exception("could not enqueue the index rebuild")


# --- entries -----------------------------------------------------------------------------------------------


@dataclass
class Hashed:
    """The signals of one piece of content, as `signals` computed them."""

    content_type: str
    mime: str
    values: dict[str, str]
    pdq_quality: int | None = None
    text: str = ""
    vpdq_frames: list | None = None  # a video's frames (number, PDQ, quality, seconds), for HMA's vpdq form


def sniff(data: bytes) -> tuple[str, str]:
    """(content type, MIME type) from the bytes themselves (`filetype`), else strict UTF-8 text."""
    kind = filetype.guess(data)
    if kind is not None:
        if kind.mime.startswith("image/"):
            return "image", kind.mime
        if kind.mime.startswith("video/"):
            return "video", kind.mime
        if kind.mime == "application/pdf":
            return "pdf", kind.mime
        raise PeaceError(f"{kind.mime} is not a content type banks hold (image, video, text, PDF)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise PeaceError("unrecognised content: not an image, video, PDF or UTF-8 text") from None
    return "text", "text/plain"


def hash_content(data: bytes, *, check_quality: bool = True) -> Hashed:
    """Every signal of a file: MD5 and SHA-256 always; PDQ (quality checked) for images; the text signals
    for text. PeaceError with a clear message for what cannot be banked or matched."""
    if not data:
        raise PeaceError("the file is empty")
    if len(data) > settings.PEACE_MAX_UPLOAD_BYTES:
        raise PeaceError(f"the file is larger than {settings.PEACE_MAX_UPLOAD_BYTES} bytes")
    content_type, mime = sniff(data)
    if content_type == "text":
        return hash_text(data.decode("utf-8"))
    values = dict(signals.file_digests(data))
    hashed = Hashed(content_type, mime, values)
    if content_type == "image":
        try:
            pdq = signals.pdq_from_bytes(data, min_quality=0)
        except signals.SignalError as exc:
            raise PeaceError(f"the image could not be hashed: {exc}") from None
        if check_quality and pdq.quality < PDQ_MIN_QUALITY:
            raise PeaceError(
                f"the image's PDQ quality is {pdq.quality}, below {PDQ_MIN_QUALITY}: it is too plain or too "
                "small to be matched reliably, so it was not added"
            )
        values["pdq"], hashed.pdq_quality = pdq.hash, pdq.quality
    if content_type == "video" and signals.vpdq_available():
        try:
            frames = signals.vpdq_from_bytes(data)
        except signals.SignalError as exc:
            raise PeaceError(str(exc)) from None
        if frames:
            values["vpdq"] = signals.vpdq_to_text(frames)
            hashed.vpdq_frames = frames
    return hashed


def hash_text(text: str) -> Hashed:
    if not (text or "").strip():
        raise PeaceError("the text is empty")
    try:
        values = {
            "text_sha256": signals.text_sha256(text),
            "text_folded_sha256": signals.text_folded_sha256(text),
        }
    except signals.SignalError as exc:
        raise PeaceError(str(exc)) from None
    return Hashed("text", "text/plain", values, text=text)


def check_url(url: str) -> str:
    url = (url or "").strip()
    if not re.match(r"https?://[^\s/]+\S*\Z", url) or len(url) > 2000:
        raise PeaceError(f"{url[:80]!r} is not an http(s) URL")
    return url


def add_content(
    user, bank: Bank, data: bytes, labels: Labels, *, keep_content: bool = False, now: datetime | None = None
) -> BankEntry:
    """Add an uploaded file (its type read from its bytes) or text (UTF-8) to a bank."""
    _writable(user, bank)
    hashed = hash_content(data)
    return _add(user, bank, hashed, labels, original=data if keep_content else None, now=now)


def add_text(
    user, bank: Bank, text: str, labels: Labels, *, keep_content: bool = True, now: datetime | None = None
) -> BankEntry:
    _writable(user, bank)
    hashed = hash_text(text)
    return _add(user, bank, hashed, labels, original=text.encode() if keep_content else None, now=now)


def add_url(user, bank: Bank, url: str, labels: Labels, *, now: datetime | None = None) -> BankEntry:
    _writable(user, bank)
    return _add(user, bank, Hashed("url", "", {"url": check_url(url)}), labels, original=None, now=now)


def _add(user, bank: Bank, hashed: Hashed, labels: Labels, *, original: bytes | None, now) -> BankEntry:
    problems = labels.problems()
    if problems:
        raise PeaceError("; ".join(problems))
    now = now or timezone.now()
    stored = content.store(original) if original is not None else ""
    try:
        with transaction.atomic():
            entry = BankEntry.objects.create(
                bank=bank, stix_id=BankEntry.new_stix_id(), content_type=hashed.content_type,
                pdq_quality=hashed.pdq_quality, text=hashed.text if hashed.content_type == "text" else "",
                organisation=labels.organisation.strip(), behaviour=labels.behaviour, tags=labels.tags,
                tlp=labels.tlp or bank.tlp, notes=labels.notes.strip(), added_at=now, modified_at=now,
                added_by=user, content_file=stored, content_mime=hashed.mime if stored else "",
                **hashed.values,
            )  # fmt: skip
            request_index_rebuild()
            _publish(bank, [entry])
    except Exception:
        content.remove(stored)
        raise
    return entry


def add_entries(user, bank: Bank, rows: list[dict], *, now: datetime | None = None) -> list[BankEntry]:
    """Add entries known only by their signals (a hash-list import, HMA's /signal): `rows` are validated
    (`imports.validate_row`) dicts of BankEntry fields. All or nothing."""
    _writable(user, bank)
    now = now or timezone.now()
    with transaction.atomic():
        # bulk_create sets the primary keys on SQLite and PostgreSQL (RETURNING): no query by id follows.
        entries = BankEntry.objects.bulk_create(
            [
                BankEntry(
                    bank=bank,
                    stix_id=BankEntry.new_stix_id(),
                    added_at=now,
                    modified_at=now,
                    added_by=user,
                    **{"tlp": bank.tlp, **row},
                )
                for row in rows
            ],
            batch_size=1000,
        )
        request_index_rebuild()
        _publish(bank, entries)
    return entries


# --- editing and revoking entries (a newer STIX version; the partners holding the entry receive it) ---------


def _own_entry(user, entry: BankEntry, what: str) -> None:
    _require(policy.can_manage_banks(user), what)
    if entry.source_id is not None or entry.bank.read_only:
        raise PeaceError(
            f"this entry came from {(entry.source or entry.bank.owner).name}: it is read-only here "
            "(give feedback to its owner instead)"
        )
    if entry.revoked:
        raise PeaceError("this entry was revoked: it cannot be changed any more")


@dataclass
class Updated:
    """An entry's new version, and the partners it could not be sent to (the sharing policy refused)."""

    entry: BankEntry
    refused: list[str] = field(default_factory=list)


def edit_entry(user, entry: BankEntry, labels: Labels, *, now: datetime | None = None) -> Updated:
    """Change an entry's labels, TLP and notes: a newer version of its STIX object, sent to the partners
    that hold the entry. Bad labels change nothing."""
    _own_entry(user, entry, "edit bank entries")
    problems = labels.problems()
    if problems:
        raise PeaceError("; ".join(problems))
    changes = {
        "organisation": labels.organisation.strip(), "behaviour": labels.behaviour, "tags": labels.tags,
        "tlp": labels.tlp or entry.tlp, "notes": labels.notes.strip(),
    }  # fmt: skip
    before = {name: getattr(entry, name) for name in changes}
    if before == changes:
        return Updated(entry)
    with transaction.atomic():
        locked = BankEntry.objects.select_for_update().select_related("bank").get(pk=entry.pk)
        if locked.revoked:
            raise PeaceError("this entry was revoked: it cannot be changed any more")
        entry.modified_at = _next_version(locked, now)
        for name, value in changes.items():
            setattr(entry, name, value)
        entry.save(update_fields=[*changes, "modified_at"])
        audit.record(
            "peace.entry.edit", actor=user, target=entry.stix_id,
            detail={"bank": entry.bank.name, "before": before, "after": changes},
        )  # fmt: skip
        refused = _publish_version(entry)
    return Updated(entry, refused)


def revoke_entry(user, entry: BankEntry, reason: str = "", *, now: datetime | None = None) -> Updated:
    """Withdraw an entry: it stops matching here at once (and in the index at its next build), and its
    revocation (the STIX object with `revoked: true`) goes to every partner that holds the entry, where it
    stops matching too. The entry stays, marked revoked (nothing is deleted across the border)."""
    _own_entry(user, entry, "revoke bank entries")
    reason = (reason or "").strip()[:2000]
    with transaction.atomic():
        locked = BankEntry.objects.select_for_update().select_related("bank").get(pk=entry.pk)
        if locked.revoked:
            raise PeaceError("this entry was revoked already")
        entry.modified_at = _next_version(locked, now)
        entry.revoked_at, entry.revoked_by = entry.modified_at, user
        entry.save(update_fields=["modified_at", "revoked_at", "revoked_by"])
        audit.record(
            "peace.entry.revoke", actor=user, target=entry.stix_id,
            detail={"bank": entry.bank.name, "reason": reason},
        )  # fmt: skip
        request_index_rebuild()
        refused = _publish_version(entry)
    return Updated(entry, refused)


def _next_version(entry: BankEntry, now: datetime | None) -> datetime:
    """A `modified` strictly after the current version's (two edits in one millisecond are two versions)."""
    now = now or timezone.now()
    floor = entry.modified_at + timedelta(milliseconds=1)
    return max(now, floor)


def _publish_version(entry: BankEntry) -> list[str]:
    """Store the entry's new version and place it for every active partner holding the entry (whether or not
    its bank is still shared with them: a revocation must reach whoever has the entry). The worker's
    `federation.updates.propagate` would place it as well; placing it here sends it at once."""
    obj = entry_object(entry)
    stored = intel.add_objects(peace_collection(), [obj])
    if stored.failures:
        raise PeaceError("; ".join(f"{f.id}: {f.message}" for f in stored.failures))
    partners = Partner.objects.filter(active=True)
    holding = queries.collections_holding(entry.stix_id, partners.values("outbound_id"))
    refused = []
    for partner in partners.filter(outbound__in=holding):
        result = federation.place(partner, [obj])
        refused += [f"{partner.name}: {failure.message}" for failure in result.failures]
    for reason in refused:
        log.info("new version of %s not sent: %s", entry.stix_id, reason)
    return refused


def set_entry_content(entry: BankEntry, data: bytes) -> None:
    """Keep (encrypted) the original of an entry that was added without it."""
    stored = content.store(data)
    BankEntry.objects.filter(pk=entry.pk).update(content_file=stored)
    entry.content_file = stored


def reveal_content(user, entry: BankEntry) -> bytes:
    """The original of an entry (its kept file, or its text), for a reviewer who chose to see it; audited
    (`peace.reveal`, see peace/reveal.py, the one mechanism for entries and triage submissions)."""
    from hotline.peace import reveal

    shown = reveal.entry(user, entry)
    return shown.data or shown.text.encode()


def preview(user, entry: BankEntry) -> bytes:
    """The blurred preview of an image entry (what a reviewer sees first)."""
    _require(policy.can_see_entry(user, entry), "see this entry")
    if entry.content_type != "image" or not entry.content_file:
        raise PeaceError("this entry has no image kept")
    return content.blurred_preview(content.load(entry.content_file))


# --- sharing with partners (entries travel as STIX; federation pushes them) --------------------------------


def entry_object(entry: BankEntry) -> dict:
    bank = entry.bank
    values = entry.signals()
    if entry.text:
        values["text"] = entry.text
    return stix_types.entry_object(
        stix_id=entry.stix_id, created=entry.added_at, modified=entry.modified_at, revoked=entry.revoked,
        created_by_ref=federation.node_identity_id(), bank=bank.name, bank_description=bank.description,
        content_type=entry.content_type, signals=values, pdq_quality=entry.pdq_quality,
        organisation=entry.organisation, behaviour=entry.behaviour, tags=entry.tags, notes=entry.notes,
        tlp=entry.tlp,
    )  # fmt: skip


@dataclass
class ShareResult:
    shared: int = 0
    refused: list[str] = field(default_factory=list)


def share_bank(user, bank: Bank, partner: Partner) -> ShareResult:
    """Share a bank with a partner: every entry now, and each one added later. Entries the sharing policy
    refuses (TLP:RED, say) stay home and are listed in the result."""
    _require(policy.can_manage_banks(user), "share banks")
    if bank.read_only:
        raise PeaceError(f"{bank.name} came from {bank.owner.name}; it is not passed on to another partner")
    if not partner.active:
        raise PeaceError(f"partner {partner.name} was removed")
    with transaction.atomic():
        bank.shared_with.add(partner)
        return _share_entries(partner, list(bank.entries.select_related("bank")))


def unshare_bank(user, bank: Bank, partner: Partner) -> None:
    """Entries added from now on are not sent; what the partner holds stays (nothing is deleted across)."""
    _require(policy.can_manage_banks(user), "share banks")
    bank.shared_with.remove(partner)


def _publish(bank: Bank, entries: list[BankEntry]) -> None:
    for partner in bank.shared_with.filter(active=True):
        result = _share_entries(partner, entries)
        for reason in result.refused:
            log.info("not shared with %s: %s", partner.name, reason)


def _share_entries(partner: Partner, entries: list[BankEntry]) -> ShareResult:
    home = federation.node_identity_id()
    objects = [entry_object(e) for e in entries]
    result = ShareResult()
    allowed = []
    for obj in objects:
        refusal = policy.share_refusal(obj, partner, home_identity=home)
        if refusal:
            result.refused.append(refusal)
        else:
            allowed.append(obj)
    if allowed:
        stored = intel.add_objects(peace_collection(), allowed)
        if stored.failures:
            raise PeaceError("; ".join(f"{f.id}: {f.message}" for f in stored.failures))
        federation.share(partner, allowed)
    result.shared = len(allowed)
    return result


def give_feedback(user, entry: BankEntry, verdict: str, comment: str = "", *, now=None) -> Feedback:
    """Agree or disagree with the labels of a partner's entry; the opinion travels back to its owner."""
    _require(policy.can_give_feedback(user, entry), "give feedback on this entry")
    if verdict not in Feedback.VERDICTS:
        raise PeaceError(f"feedback is {' or '.join(Feedback.VERDICTS)}, not {verdict!r}")
    now = now or timezone.now()
    comment = (comment or "").strip()[:2000]
    obj = stix_types.opinion_object(
        stix_id=f"opinion--{uuid.uuid4()}", created=now, created_by_ref=federation.node_identity_id(),
        entry_id=entry.stix_id, verdict=verdict, comment=comment, tlp=entry.tlp,
    )  # fmt: skip
    partner = entry.source
    with transaction.atomic():
        feedback = Feedback.objects.create(
            entry=entry, stix_id=obj["id"], author=user, verdict=verdict, comment=comment, created_at=now
        )
        stored = intel.add_objects(peace_collection(), [obj])
        if stored.failures:
            raise PeaceError("; ".join(f.message for f in stored.failures))
        try:
            federation.share(partner, [obj])
        except federation.PartnerError as exc:
            raise PeaceError(str(exc)) from None
    return feedback


def stix_tlp(obj: dict) -> str:
    return stix.tlp_level(obj) or "amber"


__all__ = ["CONTENT_TYPES", "PeaceError", "NotAllowed"]


@dataclass
class Imported:
    added: int
    duplicates: int
    skipped: int


def import_hash_list(user, bank: Bank, data: bytes, filename: str = "") -> Imported:
    """Import a hash list (peace/imports.py for the shapes). A file with a bad row is refused whole
    (ImportRefused: one message per bad row) and nothing is imported."""
    from hotline.peace import imports

    _writable(user, bank)
    parsed = imports.parse(data, filename)
    new_rows, seen = [], set()
    names = ("pdq", "vpdq", "md5", "sha256", "text_sha256", "url")
    live = bank.entries.filter(revoked_at=None)  # a revoked hash imported again is a new entry
    existing = {(name, value) for row in live.values(*names) for name, value in row.items() if value}
    duplicates = 0
    for row in parsed.rows:
        key = next((name, row[name]) for name in names if row.get(name))
        if key in existing or key in seen:
            duplicates += 1
            continue
        seen.add(key)
        new_rows.append(row)
    if new_rows:
        add_entries(user, bank, new_rows)
    return Imported(added=len(new_rows), duplicates=duplicates, skipped=parsed.skipped)
