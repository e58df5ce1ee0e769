"""The audit trail (append-only, hash-chained records) and the data retention rules.

A `Record` is written once by `hotline.audit.services.record` and never changed: the model and its queryset
refuse updates and deletes, and database triggers (migration 0002) refuse UPDATE and DELETE on the table.
Each record holds the hash of the one before it; `ChainHead` holds the newest record's number and hash, is
locked while a record is appended (so concurrent writers never fork the chain), and lets `verify` notice
records removed from the end.
"""

from django.db import models

from hotline.audit.context import ENTRY_POINTS

GENESIS_HASH = "0" * 64


class AppendOnly(Exception):
    """An attempt to change or remove an audit record."""


class RecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("audit records cannot be changed")

    def delete(self):
        raise AppendOnly("audit records cannot be removed")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnly("audit records cannot be changed")


class Record(models.Model):
    seq = models.PositiveBigIntegerField(unique=True, help_text="Position in the chain, from 1")
    at = models.DateTimeField(db_index=True)
    actor = models.CharField(max_length=150, blank=True, db_index=True, help_text="User name, if any")
    actor_id = models.BigIntegerField(null=True, blank=True, help_text="User id at the time (no foreign key)")
    entry_point = models.CharField(max_length=16, choices=[(e, e) for e in ENTRY_POINTS], db_index=True)
    action = models.CharField(max_length=64, db_index=True)
    target = models.CharField(max_length=400, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["action", "at"], name="audit_record_action_at")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M:%S} {self.actor or '-'} {self.action} {self.target}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("audit records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit records cannot be removed")


class ChainHead(models.Model):
    """One row: the number and hash of the newest record. Locked (SELECT … FOR UPDATE) while appending."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


# --- retention ----------------------------------------------------------------------------------------------

TLP_CHOICES = [
    ("", "any"),
    ("none", "unmarked"),
    ("clear", "TLP:CLEAR"),
    ("green", "TLP:GREEN"),
    ("amber", "TLP:AMBER"),
    ("amber+strict", "TLP:AMBER+STRICT"),
    ("red", "TLP:RED"),
]


class RetentionRule(models.Model):
    """Objects of `object_type` (and this marking, and for identities this identity_class) are purged
    `keep_days` after their newest version was stored or an officer last renewed them."""

    name = models.CharField(max_length=100, unique=True)
    object_type = models.CharField(max_length=250, help_text="STIX type, e.g. identity or email-addr")
    tlp = models.CharField(max_length=16, blank=True, choices=TLP_CHOICES, help_text="Only objects so marked")
    identity_class = models.CharField(
        max_length=50, blank=True, help_text="Only objects with this identity_class, e.g. individual"
    )
    keep_days = models.PositiveIntegerField(help_text="Days kept after the newest version or renewal")
    enabled = models.BooleanField(default=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["object_type", "name"]

    def __str__(self) -> str:
        return f"{self.name}: {self.object_type} kept {self.keep_days} days"


class Renewal(models.Model):
    """An officer's decision to keep an object: its retention period runs again from `renewed_at`."""

    stix_id = models.CharField(max_length=300, unique=True)
    renewed_at = models.DateTimeField()
    renewed_by = models.CharField(max_length=150)
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.stix_id} renewed {self.renewed_at:%Y-%m-%d} by {self.renewed_by}"
