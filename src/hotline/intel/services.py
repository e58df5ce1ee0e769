"""The store's verbs. This module is the only writer of STIX objects and collection membership."""

import contextlib
import hashlib
import multiprocessing
import os
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from hotline import stix
from hotline.intel.models import Collection, CollectionEntry, StixObject
from hotline.intel.queries import collection_entries, with_ids
from hotline.stix import signatures

ONE_MICROSECOND = timedelta(microseconds=1)
SIGNATURE_EXT = signatures.SIGNATURE_EXTENSION_ID
CONFLICT_MESSAGE = (
    "a different object with this id and version is already stored; a changed object needs a newer 'modified'"
)
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class Outcome:
    """What happened to one submitted object (TAXII status `successes` / `failures` entries)."""

    id: str | None
    version: str | None
    message: str = ""

    def __post_init__(self):
        # Reported as given, so a NUL of an invalid id or version is written as an escape (stix/nul.py): a
        # TAXII status and the audit trail keep these in columns PostgreSQL would refuse it in.
        for name in ("id", "version", "message"):
            value = getattr(self, name)
            if isinstance(value, str) and stix.NUL in value:
                object.__setattr__(self, name, stix.escape_nul(value))

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


class _Prepared(NamedTuple):
    """What storing needs of a valid object: its canonical JSON (computed once, stored as the body and
    hashed) and the columns read from it, down to the database's form of its timestamps. A tuple: the
    writing process unpickles thousands a second from the preparing one, 5x faster than a dataclass."""

    stix_id: str
    type: str
    spec_version: str
    version: datetime | None
    body: str
    content_hash: str
    signed: bool
    revoked: bool
    created_by_ref: str
    tlp: str
    key: tuple
    version_text: str | None  # as outcomes report it
    db_times: tuple  # version, created and modified as database parameters


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
    parallel: bool | None = None,
    identities: Sequence[str | None] | None = None,
    chunks_per_transaction: int = 1,
) -> AddResult:
    """Validate and store objects in a collection. Each object is stored whole or not at all; the invalid ones
    are reported by id and version with the reason, and the valid ones are stored (TAXII 2.1 semantics).
    `identities`: optionally, one per object, the canonical JSON (text) of the object without its signature,
    as a receiver that verified the signature already computed it (None where not known).
    `chunks_per_transaction`: how many chunks one commit holds (1: each chunk is its own transaction; a bulk
    import takes more, node/transfer.py)."""
    objects = list(objects)
    result = AddResult()
    done = 0
    pending = add_objects_in_chunks(
        collection, objects, chunk_size=chunk_size, parallel=parallel, identities=identities
    )
    finished = False
    while not finished:
        with transaction.atomic() if chunks_per_transaction > 1 else contextlib.nullcontext():
            for _ in range(chunks_per_transaction):
                chunk_result = next(pending, None)
                if chunk_result is None:
                    finished = True
                    break
                result.extend(chunk_result)
                done = min(done + chunk_size, len(objects))
                if progress:
                    progress(done, len(objects))
    return result


# Below this many objects a second process costs more (its start, passing the results) than it saves.
PARALLEL_MINIMUM = 3 * CHUNK_SIZE
# HOTLINE_PARALLEL_PREPARATION=0 turns the automatic second process off (to compare, as in benchmarks.md).
PARALLEL_SWITCH = "HOTLINE_PARALLEL_PREPARATION"


def add_objects_in_chunks(
    collection: Collection,
    objects: list,
    *,
    chunk_size: int = CHUNK_SIZE,
    parallel: bool | None = None,
    identities: Sequence[str | None] | None = None,
) -> Iterator[AddResult]:
    """`add_objects`, yielding the outcome of each chunk of `chunk_size` objects as it is stored (each chunk
    is one transaction, or a savepoint in the caller's: stored whole or not at all).

    With many objects (PARALLEL_MINIMUM, or `parallel=True`) and more than one CPU, a second process
    validates and canonicalises chunk n+1 while this one writes chunk n; the database is only ever written
    from this process. `parallel=False` keeps everything in this process."""
    if identities is not None and len(identities) != len(objects):
        raise ValueError("identities must have one entry per object")
    identities = list(identities) if identities is not None else [None] * len(objects)
    ranges = [(start, min(start + chunk_size, len(objects))) for start in range(0, len(objects), chunk_size)]
    if parallel is None:
        parallel = len(objects) >= PARALLEL_MINIMUM and os.environ.get(PARALLEL_SWITCH, "") != "0"
    to_db = _db_datetime_converter()
    if parallel and len(ranges) > 1 and _can_fork():
        prepared_chunks = _prepare_in_a_second_process(objects, identities, to_db, ranges)
    else:
        prepared_chunks = (
            _prepare_chunk(objects[start:end], identities[start:end], to_db) for start, end in ranges
        )
    for prepared in prepared_chunks:
        outcome = _store_chunk(collection, prepared)
        if outcome.successes:
            settle_store()  # before the next chunk's look-ups: plans for the store as it is now
        yield outcome


def prepare_objects(objects: list, *, chunk_size: int = CHUNK_SIZE) -> list["_PreparedChunk"]:
    """Validate and canonicalise `objects` in chunks, without touching the database, for `store_prepared`:
    a caller that writes more than the objects in one transaction does this work before taking the lock."""
    to_db = _db_datetime_converter()
    return [_prepare_chunk(objects[start : start + chunk_size], None, to_db)
            for start in range(0, len(objects), chunk_size)]  # fmt: skip


def store_prepared(collection: Collection, chunks: list["_PreparedChunk"]) -> AddResult:
    """Store chunks from `prepare_objects`, each stored whole or not at all (a savepoint in the caller's
    transaction). The caller runs `settle_store()` once its transaction is committed."""
    result = AddResult()
    for chunk in chunks:
        result.extend(_store_chunk(collection, chunk))
    return result


def _can_fork() -> bool:
    """A second CPU, and fork available. Not from a process running other threads (a web server's request
    threads): a lock one of them holds would stay held in the copy."""
    return (
        (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


# The objects being prepared, their known identities and the database's datetime converter, inherited by the
# forked process (never pickled).
_forked_work: tuple[list, list, Callable | None] = ([], [], None)


def _prepare_range(start: int, end: int) -> "_PreparedChunk":
    objects, identities, to_db = _forked_work
    return _prepare_chunk(objects[start:end], identities[start:end], to_db)


# In the forked process: the database connections inherited from the parent, held so that they are never
# closed or garbage-collected there (libpq's PQfinish would end the parent's PostgreSQL session; closing a
# SQLite handle in a copy of the process is just as unsafe). The process ends with os._exit (multiprocessing),
# so they are never finalised.
_inherited_connections: list = []


class _NoDatabaseInThisProcess:
    """What the forked process finds in place of each database connection: any use is an error, raised in the
    child (where the parent sees it as the chunk's exception), never a query on the parent's session."""

    def __init__(self, alias: str):
        self._alias = alias

    def __getattr__(self, name):
        raise RuntimeError(
            "the process preparing STIX objects must not use the database"
            f" (connection {self._alias!r}, .{name})"
        )


def _detach_inherited_connections() -> None:
    """The forked process's initializer: take every inherited connection out of Django's reach, without
    closing it (the socket or file is the parent's), before any preparation runs."""
    from django.db import connections

    for alias in connections:
        _inherited_connections.append(connections[alias])
        connections[alias] = _NoDatabaseInThisProcess(alias)


def forked_pool() -> ProcessPoolExecutor:
    """One forked process that inherits this one's memory but none of its database connections."""
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_detach_inherited_connections,
    )


def _prepare_in_a_second_process(
    objects: list, identities: list, to_db: Callable, ranges: list[tuple[int, int]]
) -> Iterator["_PreparedChunk"]:
    """Prepared chunks in order, computed by a forked process at most two chunks ahead of the caller. The
    child only runs the pure `stix` code on objects it inherited; if it dies, the error reaches the caller
    (BrokenProcessPool) and the chunks not yet stored are not stored."""
    global _forked_work
    sys.stdout.flush()
    sys.stderr.flush()
    _forked_work = (objects, identities, to_db)
    try:
        with forked_pool() as pool:
            pending = [pool.submit(_prepare_range, *r) for r in ranges[:2]]
            following = 2
            while pending:
                prepared = pending.pop(0).result()
                if following < len(ranges):
                    pending.append(pool.submit(_prepare_range, *ranges[following]))
                    following += 1
                yield prepared
    finally:
        _forked_work = ([], [], None)


def _prepare(raw, identity: str | None, to_db: Callable) -> tuple[_Prepared | None, Outcome | None]:
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
    # A signature does not make another version: the identity of the content is the object without it.
    signed = SIGNATURE_EXT in (raw.get("extensions") or {})
    if identity is None:
        identity = stix.canonical_json(signatures.unsigned(raw)).decode("utf-8") if signed else body
    created = stix.parse_timestamp(raw["created"]) if "created" in raw else None
    if "modified" not in raw:
        modified = None
    else:  # most objects are first versions: modified is created, parsed once
        modified = created if raw["modified"] == raw.get("created") else stix.parse_timestamp(raw["modified"])
    version = modified or created
    content_hash = hashlib.sha256(identity.encode("utf-8")).hexdigest()
    return (
        _Prepared(
            stix_id=stix_id,
            type=raw["type"],
            spec_version=raw.get("spec_version", "2.1"),
            version=version,
            body=body,
            content_hash=content_hash,
            signed=signed,
            revoked=bool(raw.get("revoked", False)),
            created_by_ref=raw.get("created_by_ref", ""),
            tlp=stix.tlp_level(raw) or "",
            key=(stix_id, version) if version else (stix_id, content_hash),
            version_text=stix.format_timestamp(version) if version else None,
            db_times=_db_times(version, created, modified, to_db),
        ),
        None,
    )


def _db_times(version, created, modified, to_db: Callable) -> tuple:
    """version, created and modified as database parameters, each distinct value converted once."""
    db_version = to_db(version)
    return (
        db_version,
        db_version if created is version else to_db(created),
        db_version if modified is version else to_db(modified),
    )


@dataclass
class _PreparedChunk:
    """A chunk after validation: the distinct valid versions by key (in submission order), the keys in
    submission order, and the objects refused before touching the store."""

    prepared: dict[tuple, _Prepared]
    order: list[tuple]
    failures: list[Outcome]


def _prepare_chunk(
    raws: list, identities: Sequence[str | None] | None = None, to_db: Callable | None = None
) -> _PreparedChunk:
    to_db = to_db or _db_datetime_converter()
    prepared: dict[tuple, _Prepared] = {}
    order: list[tuple] = []
    failures: list[Outcome] = []
    for index, raw in enumerate(raws):
        item, failure = _prepare(raw, identities[index] if identities is not None else None, to_db)
        if failure:
            failures.append(failure)
            continue
        first = prepared.setdefault(item.key, item)
        if first.content_hash != item.content_hash:
            failures.append(
                Outcome(
                    item.stix_id,
                    item.version_text,
                    "another object in this request has the same id and version but different content",
                )  # fmt: skip
            )
            continue
        order.append(item.key)
    return _PreparedChunk(prepared, order, failures)


def _add_chunk(collection: Collection, raws: list) -> AddResult:
    return _store_chunk(collection, _prepare_chunk(raws))


def _store_chunk(collection: Collection, chunk: _PreparedChunk) -> AddResult:
    result = AddResult(failures=list(chunk.failures))
    prepared, order = chunk.prepared, chunk.order
    if not prepared:
        return result

    with transaction.atomic():
        locked = Collection.objects.select_for_update().get(pk=collection.pk)
        stored, preexisting, conflicts, known_ids = _store_objects(prepared)
        # Only versions stored before this call can already be members of the collection.
        members = (
            dict(
                CollectionEntry.objects.filter(collection=locked, obj_id__in=preexisting).values_list(
                    "obj_id", "version"
                )
            )
            if preexisting
            else {}
        )
        new_entries = _new_entries(locked, prepared, stored, members)
        _update_version_flags(locked, [entry for _, entry in new_entries], known_ids)
        _insert_entries(locked, [entry for _, entry in new_entries])
        if new_entries:
            locked.last_date_added = new_entries[-1][1].date_added
            locked.save(update_fields=["last_date_added"])
        collection.last_date_added = locked.last_date_added

    # A versionless object's version is its date_added in this collection (the others were formatted when
    # prepared).
    entry_versions = {key: e.version for key, e in new_entries if prepared[key].version_text is None}
    for key in order:
        if key in conflicts:
            result.failures.append(Outcome(key[0], prepared[key].version_text, CONFLICT_MESSAGE))
            continue
        text = prepared[key].version_text
        if text is None:
            text = stix.format_timestamp(entry_versions.get(key) or members.get(stored[key][0]))
        result.successes.append(Outcome(key[0], text))
    return result


def _store_objects(
    prepared: dict[tuple, _Prepared],
) -> tuple[dict[tuple, tuple[int, datetime | None]], list[int], set[tuple], set[str]]:
    """Insert the versions not yet stored. Return key -> (object pk, version) for every usable version, the
    pks of the versions that were already stored, the keys whose stored version has other content, and the
    ids of which some version was already stored (only those can already be members of a collection)."""
    existing: dict[tuple, tuple[int, str]] = {}
    for pk, stix_id, version, content_hash in _versions_of({item.stix_id for item in prepared.values()}):
        key = (stix_id, version) if version else (stix_id, content_hash)
        existing[key] = (pk, content_hash)
    known_ids = {key[0] for key in existing}

    stored: dict[tuple, tuple[int, datetime | None]] = {}
    conflicts: set[tuple] = set()
    to_create: list[_Prepared] = []
    for key, item in prepared.items():
        if key not in existing:
            to_create.append(item)
        elif existing[key][1] == item.content_hash:
            stored[key] = (existing[key][0], item.version)
        else:
            conflicts.add(key)
    _add_signatures(
        [(existing[key][0], item) for key, item in prepared.items() if key in stored and item.signed]
    )
    preexisting = [pk for pk, _ in stored.values()]
    stored_at = _db_datetime_converter()(timezone.now())
    created = _insert_objects(
        [
            (item.stix_id, item.type, item.spec_version, *item.db_times, item.revoked, item.created_by_ref,
             item.tlp, item.content_hash, item.body, stored_at)
            for item in to_create
        ],
    )  # fmt: skip
    for item in to_create:
        stored[item.key] = (created[(item.stix_id, item.content_hash)], item.version)
    return stored, preexisting, conflicts, known_ids


_OBJECT_COLUMNS = ["stix_id", "type", "spec_version", "version", "created", "modified", "revoked",
                   "created_by_ref", "tlp", "content_hash", "body", "stored_at"]  # fmt: skip
# Rows per INSERT … RETURNING: 6,000 parameters, far below SQLite's 32,766 (3.32+) and PostgreSQL's 65,535.
_ROWS_PER_INSERT = 500


def _insert_objects(rows: list[tuple]) -> dict[tuple[str, str], int]:
    """Insert StixObject rows (database parameters, datetimes already converted); return (stix_id,
    content_hash) -> pk. With RETURNING the new pks come back from the INSERT itself; re-reading the rows
    just written cost 13% of an ingest."""
    if not rows:
        return {}
    if not connection.features.can_return_rows_from_bulk_insert:  # SQLite before 3.35
        _insert(StixObject, _OBJECT_COLUMNS, rows, converted=True)
        return {
            (stix_id, content_hash): pk for pk, stix_id, _, content_hash in _versions_of({r[0] for r in rows})
        }
    fields = [StixObject._meta.get_field(name) for name in _OBJECT_COLUMNS]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    created: dict[tuple[str, str], int] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            batch = rows[start : start + _ROWS_PER_INSERT]
            # Table and column names come from the model, never from input.
            sql = (
                f"INSERT INTO {quote(StixObject._meta.db_table)} ({columns}) VALUES "  # noqa: S608
                + ", ".join([row_sql] * len(batch))
                + f" RETURNING {quote('id')}, {quote('stix_id')}, {quote('content_hash')}"
            )
            cursor.execute(sql, [value for row in batch for value in row])
            for pk, stix_id, content_hash in cursor.fetchall():
                created[(stix_id, content_hash)] = pk
    return created


def _add_signatures(candidates: list[tuple[int, "_Prepared"]]) -> None:
    """A stored version without a signature takes the signed copy's body (the same content plus the signature
    extension), so that what is served and shared carries the signature. A stored signature is never replaced.
    """
    if not candidates:
        return
    unsigned_pks = set(
        StixObject.objects.filter(pk__in=[pk for pk, _ in candidates])
        .exclude(body__contains=SIGNATURE_EXT)
        .values_list("pk", flat=True)
    )
    for pk, item in candidates:
        if pk in unsigned_pks:
            StixObject.objects.filter(pk=pk).update(body=item.body)


_IDS_PER_QUERY = 500


def _versions_of(stix_ids) -> list[tuple[int, str, datetime | None, str]]:
    """(pk, stix_id, version, content_hash) of every stored version of these ids. Plain SQL: the ORM spent
    more building `IN (…2,000 parameters…)` than SQLite spent answering it."""
    stix_ids = list(stix_ids)
    found = []
    table = connection.ops.quote_name(StixObject._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(stix_ids), _IDS_PER_QUERY):
            batch = stix_ids[start : start + _IDS_PER_QUERY]
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(
                f"SELECT id, stix_id, version, content_hash FROM {table} WHERE stix_id IN ({marks})",  # noqa: S608
                batch,
            )
            found.extend((pk, i, _db_datetime(v), h) for pk, i, v, h in cursor.fetchall())
    return found


def _db_datetime(value) -> datetime | None:
    """A DateTimeField value as a raw cursor returns it (on SQLite a naive UTC datetime through Django's
    converter for the column's declared type) as an aware datetime."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _sqlite_datetime(value: datetime | None) -> str | None:
    """What Django's SQLite backend stores for an aware datetime (naive UTC text), without its per-call
    checks: a third of the insert time for a bulk of objects went there."""
    if value is None:
        return None
    return str(value.astimezone(UTC).replace(tzinfo=None))


def _db_datetime_converter() -> Callable:
    """How this database takes an aware datetime as a parameter. Chosen where the connection is usable: a
    forked preparing process is given it (it has no connection of its own)."""
    return _sqlite_datetime if connection.vendor == "sqlite" else connection.ops.adapt_datetimefield_value


def _datetime_adapter(fields) -> Callable[[tuple], list]:
    """A function turning a row of values for `fields` into database parameters: the datetimes converted as
    Django would, each distinct value once (created, modified and version are mostly equal, stored_at is
    one value for the whole insert)."""
    dates = [i for i, f in enumerate(fields) if f.get_internal_type() == "DateTimeField"]
    convert = _db_datetime_converter()
    memo: dict = {}

    def adapt(row: tuple) -> list:
        row = list(row)
        for i in dates:
            value = row[i]
            text = memo.get(value)
            if text is None:
                text = memo[value] = convert(value)
            row[i] = text
        return row

    return adapt


def _insert(model, field_names: list[str], rows: list[tuple], *, converted: bool = False) -> None:
    """INSERT many rows with one prepared statement. Django's bulk_create builds a model instance and compiles
    SQL per row (about 80 µs an object here); this keeps only the database's own datetime conversion (none
    if the rows' datetimes are `converted` already)."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Table and column names come from the model, never from input.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    adapt = None if converted else _datetime_adapter(fields)
    with connection.cursor() as cursor:
        cursor.executemany(sql, [adapt(row) for row in rows] if adapt else rows)


@dataclass(slots=True)
class _Entry:
    """A collection entry being added or re-flagged (plain data: no model instance per row)."""

    stix_id: str
    version: datetime
    pk: int | None = None
    obj_id: int | None = None
    type: str = ""
    spec_version: str = ""
    date_added: datetime | None = None
    is_first: bool = True
    is_latest: bool = True


def _new_entries(
    collection: Collection,
    prepared: dict[tuple, _Prepared],
    stored: dict[tuple, tuple[int, datetime | None]],
    members: dict[int, datetime],
) -> list[tuple[tuple, _Entry]]:
    now = timezone.now()
    date_added = (
        now if not collection.last_date_added else max(now, collection.last_date_added + ONE_MICROSECOND)
    )
    entries = []
    # In the order the objects were submitted, so that a client's last object is also the last date_added.
    for key, item in prepared.items():
        if key not in stored or stored[key][0] in members:
            continue
        pk, version = stored[key]
        entry = _Entry(
            item.stix_id, version or date_added, None, pk, item.type, item.spec_version, date_added
        )
        entries.append((key, entry))
        date_added += ONE_MICROSECOND
    return entries


def _insert_entries(collection: Collection, entries: list[_Entry]) -> None:
    collection_id = CollectionEntry._meta.get_field("collection").get_db_prep_save(collection.pk, connection)
    _insert(
        CollectionEntry,
        ["collection", "obj", "stix_id", "type", "spec_version", "version", "date_added", "is_first",
         "is_latest"],
        [
            (collection_id, e.obj_id, e.stix_id, e.type, e.spec_version, e.version, e.date_added, e.is_first,
             e.is_latest)
            for e in entries
        ],
    )  # fmt: skip


def _update_version_flags(collection: Collection, new_entries: list[_Entry], known_ids: set[str]) -> None:
    """Keep `is_first` / `is_latest` on exactly the oldest / newest version of each object per collection.
    A new version can only take a flag away from an existing entry, so only flagged entries are read, and
    only for the ids of which some version was stored before (`known_ids`): no other can be a member yet."""
    if not new_entries:
        return
    # Most new entries are the only version of a new object (first and latest as made): only ids with a
    # stored version or more than one new one are looked at.
    repeated = Counter(entry.stix_id for entry in new_entries)
    by_id: dict[str, list[_Entry]] = {}
    for entry in new_entries:
        if repeated[entry.stix_id] > 1 or entry.stix_id in known_ids:
            by_id.setdefault(entry.stix_id, []).append(entry)
    known = [stix_id for stix_id in by_id if stix_id in known_ids]
    members = collection_entries(collection)
    for start in range(0, len(known), _IDS_PER_QUERY):
        flagged = with_ids(members, known[start : start + _IDS_PER_QUERY]).filter(
            Q(is_first=True) | Q(is_latest=True)
        )
        for pk, stix_id, version, is_first, is_latest in flagged.values_list(
            "pk", "stix_id", "version", "is_first", "is_latest"
        ):
            by_id[stix_id].append(_Entry(stix_id, version, pk, is_first=is_first, is_latest=is_latest))

    unset_first, unset_latest = [], []
    for everyone in by_id.values():
        if len(everyone) == 1:
            continue  # a new object: its one entry is first and latest
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
    remaining = with_ids(collection_entries(collection), [stix_id])
    if not remaining.exists():
        return
    first = remaining.order_by("version", "date_added").first()
    latest = remaining.order_by("-version", "-date_added").first()
    remaining.update(is_first=False, is_latest=False)
    remaining.filter(pk=first.pk).update(is_first=True)
    remaining.filter(pk=latest.pk).update(is_latest=True)


def update_statistics() -> bool:
    """Refresh the query planner's statistics of the store (SQLite's `sqlite_stat1`, PostgreSQL's
    `pg_statistic`); True if it ran.

    Without statistics SQLite chose, for `match[id]` at 1,000,000 objects, to walk the whole collection in
    date_added order (docs/benchmarks.md, finding 1). `PRAGMA analysis_limit` bounds the work to about
    1,000 rows an index (tens of milliseconds at 1.7 GB). ANALYZE rather than `PRAGMA optimize`: before
    SQLite 3.46 the latter analyses only tables the same connection has queried, so from a scheduled job
    on a fresh connection it does nothing. PostgreSQL's autovacuum analyses too, but only after its own
    delay: after a bulk import the store's two big tables are analysed at once."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute("ANALYZE intel_stixobject, intel_collectionentry")
        else:
            return False
    return True


# Statistics older than the store by this factor are taken again after an add. Taken on a new node's
# near-empty store, they made SQLite read the whole object table for each chunk's look-up of stored versions
# (TAXII POST fell from 7,400 to 860 objects/s on the way to 1,000,000 objects) and sort every matching row
# of a `type` + `added_after` page (146 ms instead of under 1 ms), until the scheduled refresh came
# (docs/benchmarks.md, 3i). Without any statistics SQLite's defaults are safe.
STATISTICS_GROWTH = 2
STATISTICS_MINIMUM_ROWS = 1000
_STORE_TABLES = ("intel_stixobject", "intel_collectionentry")


def update_statistics_if_grown() -> bool:
    """`update_statistics()` if a store table has more than doubled since the statistics were taken (SQLite;
    PostgreSQL's autovacuum analyses a table once a tenth of it has changed). True if it ran."""
    if connection.vendor != "sqlite":
        return False
    counted = statistics_row_counts(_STORE_TABLES)
    if counted is None:
        return False
    with connection.cursor() as cursor:
        for table in _STORE_TABLES:
            # The newest rowid is one step down the table's B-tree.
            cursor.execute(f"SELECT max(id) FROM {table}")  # noqa: S608 - one of two fixed names
            (newest,) = cursor.fetchone()
            if (newest or 0) > STATISTICS_GROWTH * counted[table] + STATISTICS_MINIMUM_ROWS:
                return update_statistics()
    return False


def statistics_row_counts(tables) -> dict[str, int] | None:
    """SQLite tables' row counts as the statistics have them: None before any statistics were taken, 0 for a
    table that had none (analysed while empty). Under `analysis_limit` a count is an estimate."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return None
        counts = {}
        for table in tables:
            # The first number of an index's statistics is its row count.
            cursor.execute("SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = %s", [table])
            counts[table] = cursor.fetchone()[0] or 0
    return counts


# The write-ahead log of a SQLite store is written back by SQLite after each commit, but it is started again
# from its beginning only when no other process is writing: with two web processes storing POSTs back to back
# it grew to 7 GB beside a 1.5 GB database (docs/benchmarks.md, 3j). Past settings.SQLITE_LOG_LIMIT_BYTES a
# store truncates it. The truncating checkpoint holds the write lock while it waits for other connections, so
# it waits this long at most.
LOG_CHECKPOINT_WAIT_MS = 200


def settle_store() -> None:
    """After objects were stored (SQLite): statistics taken again if the store outgrew them, and a write-ahead
    log past its limit written back and truncated."""
    if connection.vendor != "sqlite":
        return
    update_statistics_if_grown()
    truncate_log_if_large()


def truncate_log_if_large() -> bool:
    """Outside a transaction on SQLite: write the whole log back and truncate it once past
    settings.SQLITE_LOG_LIMIT_BYTES. Gives up (False) if other connections keep it busy for longer than
    LOG_CHECKPOINT_WAIT_MS: the next store tries again."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return False
    name = connection.settings_dict["NAME"]
    try:
        size = os.path.getsize(f"{name}-wal")
    except (OSError, TypeError):  # an in-memory database, or no log yet
        return False
    if size <= settings.SQLITE_LOG_LIMIT_BYTES:
        return False
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (usual,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {LOG_CHECKPOINT_WAIT_MS}")
        try:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            (busy, _, _) = cursor.fetchone()
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(usual)}")
    return not busy


def purge_objects(stix_ids) -> list[tuple[str, str]]:
    """Remove every version of these objects from the store and from every collection (data retention: the
    content is gone, unlike a TAXII DELETE, which only removes collection membership). Returns the (id, type)
    of each object removed."""
    stix_ids = list(dict.fromkeys(stix_ids))
    removed: set[tuple[str, str]] = set()
    with transaction.atomic():
        touched = with_ids(CollectionEntry.objects.all(), stix_ids).values_list("collection_id", flat=True)
        list(Collection.objects.select_for_update().filter(pk__in=set(touched)).order_by("pk"))
        for start in range(0, len(stix_ids), 500):
            chunk = stix_ids[start : start + 500]
            removed.update(StixObject.objects.filter(stix_id__in=chunk).values_list("stix_id", "type"))
            with_ids(CollectionEntry.objects.all(), chunk).delete()
            StixObject.objects.filter(stix_id__in=chunk).delete()
    return sorted(removed)
