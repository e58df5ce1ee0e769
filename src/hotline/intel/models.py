"""The STIX object store: every version of every object, and which collections hold which versions.

Only `hotline.intel.services` writes these rows. Columns copied from the object (type, version, spec_version)
are denormalised onto `CollectionEntry` so that every TAXII filter is one indexed query on one table.
"""

import uuid

from django.db import models
from django.db.models import Q


class Collection(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    alias = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The newest date_added handed out in this collection: each entry gets a strictly later one, so that
    # `added_after` and `next` paging never skip or repeat an entry.
    last_date_added = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["alias"]

    def __str__(self) -> str:
        return self.alias


class StixObject(models.Model):
    """One version of one STIX object, stored as canonical JSON (RFC 8785) exactly as it will be served."""

    stix_id = models.CharField(max_length=300)
    type = models.CharField(max_length=250)
    spec_version = models.CharField(max_length=10, default="2.1")
    # `modified`, else `created`; null for objects without either (most SCOs): their version is date_added.
    version = models.DateTimeField(null=True)
    created = models.DateTimeField(null=True)
    modified = models.DateTimeField(null=True)
    revoked = models.BooleanField(default=False)
    created_by_ref = models.CharField(max_length=300, blank=True)
    tlp = models.CharField(max_length=16, blank=True)
    content_hash = models.CharField(max_length=64)
    body = models.TextField()
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Each index is a B-tree insert per stored version, so there are only these two. The first is over
        # every row (versionless rows have a null version, and nulls are distinct in a unique index): it
        # serves the look-up by `stix_id` as well as the uniqueness of a version.
        constraints = [
            models.UniqueConstraint(fields=["stix_id", "version"], name="intel_object_version_unique"),
            models.UniqueConstraint(
                fields=["stix_id", "content_hash"],
                condition=Q(version__isnull=True),
                name="intel_versionless_content_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stix_id} @ {self.version}"


class CollectionEntry(models.Model):
    """A version of an object as a member of a collection, with the TAXII date_added."""

    # No index of its own: every index below starts with the collection.
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    obj = models.ForeignKey(StixObject, on_delete=models.PROTECT, related_name="entries")
    stix_id = models.CharField(max_length=300)
    type = models.CharField(max_length=250)
    spec_version = models.CharField(max_length=10)
    version = models.DateTimeField()
    date_added = models.DateTimeField()
    is_first = models.BooleanField(default=True)
    is_latest = models.BooleanField(default=True)

    class Meta:
        # None keyed by `stix_id`, a random UUID: such an index puts each new entry on a random leaf page.
        # Entries are found by id through the object's index and `obj` (`intel.queries.with_ids`).
        constraints = [
            models.UniqueConstraint(fields=["collection", "obj"], name="intel_entry_unique"),
            models.UniqueConstraint(
                fields=["collection", "date_added"], name="intel_entry_date_added_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["collection", "type", "date_added"], name="intel_entry_type"),
            models.Index(fields=["collection", "is_latest", "date_added"], name="intel_entry_latest"),
            models.Index(
                fields=["collection", "is_latest", "type", "date_added"], name="intel_entry_latest_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}: {self.stix_id} @ {self.version}"
