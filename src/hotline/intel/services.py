"""The store's verbs. This module is the only writer of STIX objects and collection membership."""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hotline import stix
from hotline.intel.models import Collection, CollectionEntry, StixObject

ONE_MICROSECOND = timedelta(microseconds=1)
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Outcome:
    """What happened to one submitted object (TAXII status `successes` / `failures` entries)."""

    id: str | None
    version: str | None
    message: str = ""

    def as_taxii(self) -> dict:
        entry = {"id": self.id or "", "message": self.message} if self.message else {"id": self.id or ""}
        if self.version:
            entry["version"] = self.version
        return entry


@dataclass
class AddResult:
    successes: list[Outcome] = field(default_factory=list)
    failures: list[Outcome] = field(default_factory=list)

    def extend(self, other: "AddResult") -> None:
        self.successes.extend(other.successes)
        self.failures.extend(other.failures)


@dataclass
class _Prepared:
    raw: dict
    stix_id: str
    type: str
    spec_version: str
    version: datetime | None
    created: datetime | None
    modified: datetime | None
    body: str
    content_hash: str

    @property
    def key(self) -> tuple:
        return (self.stix_id, self.version) if self.version else (self.stix_id, self.content_hash)

    def version_text(self) -> str | None:
        return stix.format_timestamp(self.version) if self.version else None


def create_collection(alias: str, title: str, description: str = "") -> Collection:
    collection, _ = Collection.objects.get_or_create(
        alias=alias, defaults={"title": title, "description": description}
    )
    return collection


def add_objects(
    collection: Collection,
    objects: Iterable,
    *,
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> AddResult:
    """Validate and store objects in a collection. Each object is stored whole or not at all; the invalid ones
    are reported by id and version with the reason, and the valid ones are stored (TAXII 2.1 semantics)."""
    objects = list(objects)
    result = AddResult()
    for start in range(0, len(objects), chunk_size):
        result.extend(_add_chunk(collection, objects[start : start + chunk_size]))
        if progress:
            progress(min(start + chunk_size, len(objects)), len(objects))
    return result


def _prepare(raw) -> tuple[_Prepared | None, Outcome | None]:
    if not isinstance(raw, dict):
        return None, Outcome(None, None, "not a JSON object")
    stix_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    problems = stix.validate_object(raw)
    version_text = stix.object_version(raw)
    if problems:
        return None, Outcome(
            stix_id, version_text if isinstance(version_text, str) else None, "; ".join(problems)
        )
    body = stix.canonical_json(raw).decode("utf-8")
    created = stix.parse_timestamp(raw["created"]) if "created" in raw else None
    modified = stix.parse_timestamp(raw["modified"]) if "modified" in raw else None
    return (
        _Prepared(
            raw=raw,
            stix_id=stix_id,
            type=raw["type"],
            spec_version=raw.get("spec_version", "2.1"),
            version=modified or created,
            created=created,
            modified=modified,
            body=body,
            content_hash=hashlib.sha256(body.encode("utf-8")).hexdigest(),
        ),
        None,
    )


def _add_chunk(collection: Collection, raws: list) -> AddResult:
    result = AddResult()
    prepared: dict[tuple, _Prepared] = {}
    order: list[tuple] = []
    for raw in raws:
        item, failure = _prepare(raw)
        if failure:
            result.failures.append(failure)
            continue
        if item.key not in prepared:
            prepared[item.key] = item
        order.append(item.key)
    if not prepared:
        return result

    with transaction.atomic():
        locked = Collection.objects.select_for_update().get(pk=collection.pk)
        stored = _store_objects(prepared, result)
        members = dict(
            CollectionEntry.objects.filter(
                collection=locked, obj_id__in=[pk for pk, _ in stored.values()]
            ).values_list("obj_id", "version")
        )
        new_entries = _new_entries(locked, prepared, stored, members)
        _update_version_flags(locked, [entry for _, entry in new_entries])
        CollectionEntry.objects.bulk_create([entry for _, entry in new_entries], batch_size=1000)
        if new_entries:
            locked.last_date_added = new_entries[-1][1].date_added
            locked.save(update_fields=["last_date_added"])
        collection.last_date_added = locked.last_date_added

    # A versionless object's version is its date_added in this collection.
    entry_versions = {key: entry.version for key, entry in new_entries}
    for key in order:
        if key not in stored:
            continue
        pk, version = stored[key]
        version = version or entry_versions.get(key) or members.get(pk)
        result.successes.append(Outcome(key[0], stix.format_timestamp(version)))
    return result


def _store_objects(
    prepared: dict[tuple, _Prepared], result: AddResult
) -> dict[tuple, tuple[int, datetime | None]]:
    """Insert the versions not yet stored; return key -> (object pk, version) for every usable version."""
    ids = list({item.stix_id for item in prepared.values()})
    existing: dict[tuple, tuple[int, str]] = {}
    for pk, stix_id, version, content_hash in StixObject.objects.filter(stix_id__in=ids).values_list(
        "pk", "stix_id", "version", "content_hash"
    ):
        key = (stix_id, version) if version else (stix_id, content_hash)
        existing[key] = (pk, content_hash)

    stored: dict[tuple, tuple[int, datetime | None]] = {}
    to_create: list[tuple[tuple, StixObject]] = []
    for key, item in prepared.items():
        if key in existing:
            pk, content_hash = existing[key]
            if content_hash != item.content_hash:
                result.failures.append(
                    Outcome(
                        item.stix_id,
                        item.version_text(),
                        "a different object with this id and version is already stored; "
                        "a changed object needs a newer 'modified'",
                    )
                )
                continue
            stored[key] = (pk, item.version)
            continue
        to_create.append(
            (
                key,
                StixObject(
                    stix_id=item.stix_id,
                    type=item.type,
                    spec_version=item.spec_version,
                    version=item.version,
                    created=item.created,
                    modified=item.modified,
                    revoked=bool(item.raw.get("revoked", False)),
                    created_by_ref=item.raw.get("created_by_ref", ""),
                    tlp=stix.tlp_level(item.raw) or "",
                    content_hash=item.content_hash,
                    body=item.body,
                ),
            )
        )
    created = StixObject.objects.bulk_create([obj for _, obj in to_create], batch_size=1000)
    for (key, _), obj in zip(to_create, created, strict=True):
        stored[key] = (obj.pk, obj.version)
    return stored


def _new_entries(
    collection: Collection,
    prepared: dict[tuple, _Prepared],
    stored: dict[tuple, tuple[int, datetime | None]],
    members: dict[int, datetime],
) -> list[tuple[tuple, CollectionEntry]]:
    now = timezone.now()
    date_added = (
        now if not collection.last_date_added else max(now, collection.last_date_added + ONE_MICROSECOND)
    )
    entries = []
    for key, (pk, version) in stored.items():
        if pk in members:
            continue
        item = prepared[key]
        entry = CollectionEntry(
            collection=collection,
            obj_id=pk,
            stix_id=item.stix_id,
            type=item.type,
            spec_version=item.spec_version,
            version=version or date_added,
            date_added=date_added,
        )
        entries.append((key, entry))
        date_added += ONE_MICROSECOND
    return entries


def _update_version_flags(collection: Collection, new_entries: list[CollectionEntry]) -> None:
    """Keep `is_first` / `is_latest` on exactly the oldest / newest version of each object per collection.
    A new version can only take a flag away from an existing entry, so only flagged entries are read."""
    if not new_entries:
        return
    by_id: dict[str, list] = {}
    for entry in new_entries:
        by_id.setdefault(entry.stix_id, []).append(entry)
    flagged = CollectionEntry.objects.filter(collection=collection, stix_id__in=list(by_id)).filter(
        Q(is_first=True) | Q(is_latest=True)
    )
    current: dict[str, list[CollectionEntry]] = {}
    for entry in flagged.only("pk", "stix_id", "version", "is_first", "is_latest"):
        current.setdefault(entry.stix_id, []).append(entry)

    unset_first, unset_latest = [], []
    for stix_id, fresh in by_id.items():
        old = current.get(stix_id, [])
        everyone = old + fresh
        first = min(everyone, key=lambda e: e.version)
        latest = max(everyone, key=lambda e: e.version)
        for entry in everyone:
            is_first, is_latest = entry is first, entry is latest
            if entry.pk is None:
                entry.is_first, entry.is_latest = is_first, is_latest
                continue
            if entry.is_first and not is_first:
                unset_first.append(entry.pk)
            if entry.is_latest and not is_latest:
                unset_latest.append(entry.pk)
    if unset_first:
        CollectionEntry.objects.filter(pk__in=unset_first).update(is_first=False)
    if unset_latest:
        CollectionEntry.objects.filter(pk__in=unset_latest).update(is_latest=False)


def remove_object(collection: Collection, entries) -> int:
    """Remove the given entries (a queryset of this collection's entries) and re-flag what remains."""
    with transaction.atomic():
        Collection.objects.select_for_update().get(pk=collection.pk)
        stix_ids = set(entries.values_list("stix_id", flat=True))
        deleted, _ = entries.delete()
        for stix_id in stix_ids:
            _reflag(collection, stix_id)
    return deleted


def _reflag(collection: Collection, stix_id: str) -> None:
    remaining = CollectionEntry.objects.filter(collection=collection, stix_id=stix_id)
    if not remaining.exists():
        return
    first = remaining.order_by("version", "date_added").first()
    latest = remaining.order_by("-version", "-date_added").first()
    remaining.update(is_first=False, is_latest=False)
    remaining.filter(pk=first.pk).update(is_first=True)
    remaining.filter(pk=latest.pk).update(is_latest=True)
