"""Reading the store: the TAXII filters as database queries (never a scan of a collection in Python)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connections
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from hotline import stix
from hotline.intel.models import Collection, CollectionEntry, StixObject

FIRST, LAST, ALL = "first", "last", "all"


@dataclass(frozen=True)
class EntryFilter:
    """A parsed TAXII 2.1 filter. Values of one field are ORed, fields ANDed (TAXII 2.1 section 3.5)."""

    added_after: datetime | None = None
    ids: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    spec_versions: tuple[str, ...] = ()
    # "first", "last", "all" and/or exact version timestamps.
    versions: tuple[str | datetime, ...] = (LAST,)
    # Paging position: the date_added of the last entry already returned.
    after: datetime | None = None


def select_entries(collection: Collection, spec: EntryFilter) -> QuerySet:
    return filter_entries(collection_entries(collection), spec)


def collection_entries(collection: Collection) -> QuerySet:
    """Every entry of a collection, to be narrowed by `filter_entries` (alone or after the access policy)."""
    return CollectionEntry.objects.filter(collection=collection)


def with_ids(entries: QuerySet, stix_ids) -> QuerySet:
    """`entries` narrowed to the versions of objects with these ids, found through the object table's
    `(stix_id, version)` index and the entries' `obj_id`. The entries table has no index keyed by the STIX
    id: a random UUID puts each stored entry on a random leaf page, which every commit then writes again
    (docs/benchmarks.md, 3k). `stix_ids` may be a list or a values() subquery."""
    if not isinstance(stix_ids, QuerySet):
        stix_ids = list(stix_ids)
    return entries.filter(obj__in=StixObject.objects.filter(stix_id__in=stix_ids).values("pk"))


def filter_entries(entries: QuerySet, spec: EntryFilter) -> QuerySet:
    """`entries` (of one collection) narrowed by a TAXII filter, in date_added order."""
    lower = max((t for t in (spec.added_after, spec.after) if t is not None), default=None)
    if lower is not None:
        entries = entries.filter(date_added__gt=lower)
    if spec.ids:
        entries = with_ids(entries, spec.ids)
    if spec.types:
        entries = entries.filter(type__in=spec.types)
    if spec.spec_versions:
        entries = entries.filter(spec_version__in=spec.spec_versions)
    version_rule = _version_rule(spec.versions)
    if version_rule is not None:
        entries = entries.filter(version_rule)
    if spec.ids:
        # Few rows match ids: sort them rather than walk the date_added index (SQLite picked that walk and
        # took 370 ms at 1,000,000 objects; an expression cannot be served by the index).
        return entries.order_by(Coalesce("date_added", "date_added"))
    return entries.order_by("date_added")


def _version_rule(versions: tuple) -> Q | None:
    if not versions or ALL in versions:
        return None
    rule = Q()
    exact = [v for v in versions if isinstance(v, datetime)]
    if FIRST in versions:
        rule |= Q(is_first=True)
    if LAST in versions:
        rule |= Q(is_latest=True)
    if exact:
        rule |= Q(version__in=exact)
    return rule


@dataclass
class Page:
    rows: list[tuple]
    more: bool

    @property
    def first_added(self) -> datetime | None:
        return self.rows[0][0] if self.rows else None

    @property
    def last_added(self) -> datetime | None:
        return self.rows[-1][0] if self.rows else None


def page_of(entries: QuerySet, limit: int, *fields: str) -> Page:
    """One page of `entries` as rows of (date_added, *fields), and whether more follow."""
    rows = list(entries.values_list("date_added", *fields)[: limit + 1])
    return Page(rows=rows[:limit], more=len(rows) > limit)


def object_bodies(entries: QuerySet, limit: int) -> Page:
    return page_of(entries, limit, "obj__body")


# Prepared pages: the SQL of a page query compiled once per shape, then only its values replaced.
_SENTINEL_TIME = datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC)
_MISSING = object()


def _sentinels(spec: EntryFilter) -> tuple[tuple, EntryFilter, list]:
    """(the filter's shape, a filter of that shape holding unique sentinel values, the real values in the
    order of the sentinels)."""
    lower = max((t for t in (spec.added_after, spec.after) if t is not None), default=None)
    ids, types, specs = (tuple(dict.fromkeys(v)) for v in (spec.ids, spec.types, spec.spec_versions))
    exact = tuple(dict.fromkeys(v for v in spec.versions if isinstance(v, datetime)))
    named = tuple(sorted(v for v in spec.versions if not isinstance(v, datetime)))
    shape = (lower is not None, len(ids), len(types), len(specs), len(exact), named)
    marks = {"id": len(ids), "type": len(types), "spec": len(specs)}
    fake = {k: tuple(f"\x00hotline-{k}-{i}" for i in range(n)) for k, n in marks.items()}
    fake_times = tuple(_SENTINEL_TIME.replace(year=2 + i) for i in range(len(exact) + 1))
    sentinel_spec = EntryFilter(
        added_after=fake_times[0] if lower is not None else None,
        ids=fake["id"],
        types=fake["type"],
        spec_versions=fake["spec"],
        versions=named + fake_times[1:],
    )
    pairs = list(zip(fake["id"] + fake["type"] + fake["spec"], ids + types + specs, strict=True))
    times = list(zip(fake_times[1:], exact, strict=True))
    if lower is not None:
        times.append((fake_times[0], lower))
    return shape, sentinel_spec, pairs + [(("time", f), r) for f, r in times]


def prepared_object_bodies(base: QuerySet, spec: EntryFilter, limit: int, memo: dict) -> Page:
    """`object_bodies(filter_entries(base, spec), limit)`, with the SQL compiled once per filter shape and
    kept in `memo` (the caller's, for as long as `base` is the same query): building and compiling the
    ORM query is most of a small page's cost. Anything unexpected falls back to the ORM."""
    shape, sentinel_spec, pairs = _sentinels(spec)
    key = (shape, limit)
    prepared = memo.get(key, _MISSING)
    if prepared is _MISSING:
        prepared = memo[key] = _prepare_page(base, sentinel_spec, limit, [p[0] for p in pairs])
    if prepared is None:
        return object_bodies(filter_entries(base, spec), limit)
    sql, params, slots, compiler, converters = prepared
    connection = connections[base.db]
    values = list(params)
    for (sentinel, real), index in zip(pairs, slots, strict=True):
        values[index] = (
            connection.ops.adapt_datetimefield_value(real) if isinstance(sentinel, tuple) else real
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    if converters:
        rows = list(compiler.apply_converters(rows, converters))
    rows = [tuple(r) for r in rows]
    return Page(rows=rows[:limit], more=len(rows) > limit)


def _prepare_page(base: QuerySet, sentinel_spec: EntryFilter, limit: int, sentinels: list):
    queryset = filter_entries(base, sentinel_spec).values_list("date_added", "obj__body")[: limit + 1]
    connection = connections[queryset.db]
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    params = list(params)
    slots = []
    for sentinel in sentinels:
        wanted = (
            connection.ops.adapt_datetimefield_value(sentinel[1]) if isinstance(sentinel, tuple) else sentinel
        )
        found = [i for i, p in enumerate(params) if p == wanted]
        if len(found) != 1:
            return None
        slots.append(found[0])
    fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
    return sql, params, slots, compiler, compiler.get_converters(fields)


def manifest_rows(entries: QuerySet, limit: int) -> Page:
    return page_of(entries, limit, "stix_id", "version")


def version_rows(entries: QuerySet, limit: int) -> Page:
    return page_of(entries, limit, "version")


def all_bodies(collection: Collection | None = None, *, latest_only: bool = True):
    """Stream the canonical JSON of stored objects (for export), oldest first."""
    entries = CollectionEntry.objects.all() if collection is None else collection.entries.all()
    return entry_bodies(entries, latest_only=latest_only)


def entry_bodies(entries: QuerySet, *, latest_only: bool = True):
    """Stream the canonical JSON of the objects of these entries (each version once), oldest first."""
    if latest_only:
        entries = entries.filter(is_latest=True)
    seen: set[int] = set()
    for obj_id, body in (
        entries.order_by("date_added").values_list("obj_id", "obj__body").iterator(chunk_size=2000)
    ):
        if obj_id not in seen:
            seen.add(obj_id)
            yield body


def latest_objects(stix_ids, collections: QuerySet | None = None) -> dict[str, dict]:
    """The newest stored version of each of these objects, parsed, by id (ids not stored are absent).
    With `collections`, only versions that are members of one of them are considered."""
    stix_ids = list(dict.fromkeys(stix_ids))
    if not stix_ids:
        return {}
    if collections is None:
        rows = StixObject.objects.filter(stix_id__in=stix_ids)
    else:
        members = with_ids(CollectionEntry.objects.filter(collection__in=collections), stix_ids)
        rows = StixObject.objects.filter(pk__in=members.values("obj_id"))
    found: dict[str, tuple] = {}
    for stix_id, version, stored_at, body in rows.values_list("stix_id", "version", "stored_at", "body"):
        key = (version or stored_at, stored_at)
        if stix_id not in found or key > found[stix_id][0]:
            found[stix_id] = (key, body)
    return {stix_id: stix.loads(body) for stix_id, (_, body) in found.items()}


def newer_versions_of_members(collection: Collection, after_pk: int, limit: int) -> tuple[list[str], int]:
    """Updates to a collection's objects: looking at up to `limit` versions stored after `after_pk` (in the
    order they were stored), the canonical JSON of those whose object is a member of `collection` and which
    are newer than the newest version the collection holds. Returns (bodies, the last pk looked at)."""
    scanned = list(
        StixObject.objects.filter(pk__gt=after_pk)
        .order_by("pk")
        .values_list("pk", "stix_id", "version")[:limit]
    )
    if not scanned:
        return [], after_pk
    latest = CollectionEntry.objects.filter(collection=collection, is_latest=True)
    held = dict(with_ids(latest, {stix_id for _, stix_id, _ in scanned}).values_list("stix_id", "version"))
    wanted = [
        pk
        for pk, stix_id, version in scanned
        if version is not None and stix_id in held and version > held[stix_id]
    ]
    bodies = dict(StixObject.objects.filter(pk__in=wanted).values_list("pk", "body")) if wanted else {}
    return [bodies[pk] for pk in wanted], scanned[-1][0]


def collections_holding(stix_id: str, among) -> list[Collection]:
    """Those of the collections `among` (ids or a values() subquery) that hold any version of an object."""
    holding = with_ids(CollectionEntry.objects.filter(collection__in=among), [stix_id])
    return list(Collection.objects.filter(pk__in=holding.values("collection_id")))


def entry_versions(collection: Collection, stix_ids) -> list[tuple]:
    """(stix id, entry version, the object's own version or None) of each entry of these ids."""
    entries = with_ids(collection_entries(collection), set(stix_ids))
    return list(entries.values_list("stix_id", "version", "obj__version"))


def held_versions(collection: Collection, stix_ids) -> tuple[dict[str, set], dict]:
    """For each of these ids the collection holds: its versions and content hashes (to skip a re-receive),
    and the newest version of each versioned object (to tell a stale one)."""
    held: dict[str, set] = {}
    newest: dict = {}
    entries = with_ids(collection_entries(collection), stix_ids)
    for stix_id, version, content_hash, versioned in entries.values_list(
        "stix_id", "version", "obj__content_hash", "obj__version"
    ):
        held.setdefault(stix_id, set()).update({version, content_hash})
        if versioned is not None and (stix_id not in newest or version > newest[stix_id]):
            newest[stix_id] = version
    return held, newest
