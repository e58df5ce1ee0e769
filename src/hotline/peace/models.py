"""Banks of known propaganda and their entries; a partner's feedback on an entry; the matching index's state.

A bank is owned by this node (`owner` empty) or is the read-only copy of a partner's shared bank (`owner` =
that partner). Names are UPPER_WITH_UNDERSCORE, as HMA's banks, so HMA tools can address them.
"""

import uuid

from django.conf import settings
from django.db import models

from hotline.federation.models import Partner

TLP_CHOICES = [("clear", "TLP:CLEAR"), ("green", "TLP:GREEN"), ("amber", "TLP:AMBER"),
               ("amber+strict", "TLP:AMBER+STRICT"), ("red", "TLP:RED")]  # fmt: skip
CONTENT_TYPES = ("image", "video", "text", "url", "pdf")
BEHAVIOURS = ("glorification", "recruitment", "instruction", "threat")


class Bank(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    enabled = models.BooleanField(default=True)
    tlp = models.CharField(max_length=16, choices=TLP_CHOICES, default="amber")
    # Empty: our own bank. Set: the read-only copy of this partner's bank, called `remote_name` there.
    owner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    remote_name = models.CharField(max_length=100, blank=True)
    shared_with = models.ManyToManyField(Partner, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "remote_name"], condition=models.Q(owner__isnull=False),
                name="peace_bank_one_copy_per_partner_bank",
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name

    @property
    def read_only(self) -> bool:
        return self.owner_id is not None


class BankEntry(models.Model):
    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="entries")
    stix_id = models.CharField(max_length=100, unique=True)
    content_type = models.CharField(max_length=10, choices=[(c, c) for c in CONTENT_TYPES])
    # Signals (lower-case hex); empty when not known (a hash-list import carries only some).
    pdq = models.CharField(max_length=64, blank=True, db_index=True)
    pdq_quality = models.PositiveSmallIntegerField(null=True, blank=True)
    md5 = models.CharField(max_length=32, blank=True, db_index=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    text_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    text_folded_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    # vPDQ of a video: "pdqhex,quality" per sampled frame (one a second), space-separated (signals.vpdq_*).
    vpdq = models.TextField(blank=True)
    text = models.TextField(blank=True)  # the text of a text entry (for near matching), when known
    url = models.URLField(max_length=2000, blank=True)
    # Labels.
    organisation = models.CharField(max_length=200, blank=True)
    behaviour = models.CharField(max_length=20, blank=True, choices=[(b, b) for b in BEHAVIOURS])
    tags = models.JSONField(default=list, blank=True)
    tlp = models.CharField(max_length=16, choices=TLP_CHOICES, default="amber")
    notes = models.TextField(blank=True)
    # Source: empty = our own; else the partner it came from.
    source = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The STIX version (`modified`) of the entry: its labels edited, or its revocation.
    modified_at = models.DateTimeField()
    # Revoked (a STIX revocation, which travels to partners): kept as a tombstone, never matched again.
    revoked_at = models.DateTimeField(null=True, blank=True, db_index=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The original content, encrypted (peace/content.py), when it was kept.
    content_file = models.CharField(max_length=200, blank=True)
    content_mime = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-added_at", "-pk"]
        verbose_name_plural = "bank entries"

    def __str__(self) -> str:
        return f"{self.bank.name}/{self.pk} {self.content_type}"

    @staticmethod
    def new_stix_id() -> str:
        return f"hotline-bank-entry--{uuid.uuid4()}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    def signals(self) -> dict[str, str]:
        names = ("pdq", "vpdq", "md5", "sha256", "text_sha256", "text_folded_sha256", "url")
        return {name: getattr(self, name) for name in names if getattr(self, name)}


class Feedback(models.Model):
    """Agreement or disagreement with an entry's labels: ours on a partner's entry (`partner` empty, sent to
    the owner) or a partner's on ours (`partner` = who said it)."""

    VERDICTS = ("agree", "disagree")
    entry = models.ForeignKey(BankEntry, on_delete=models.CASCADE, related_name="feedback")
    stix_id = models.CharField(max_length=100, unique=True)
    partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verdict = models.CharField(max_length=10, choices=[(v, v) for v in VERDICTS])
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.verdict} on {self.entry_id}"


class IndexState(models.Model):
    """One row: when a rebuild of the matching index was last asked for (a bank changed) and last built."""

    requested_at = models.DateTimeField(null=True, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    built_from = models.DateTimeField(null=True, blank=True)  # the request the last build covered
    generation = models.PositiveIntegerField(default=0)
    pdq_count = models.PositiveIntegerField(default=0)
    text_count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"index generation {self.generation}"


LANGUAGE_TEAMS = ("id", "vi", "en", "other")
DECISIONS = ("known", "new", "not")


class Submission(models.Model):
    """Suspected propaganda submitted for triage (one item, or one row of a bulk export of posts): its
    language (and so the team whose queue it joins), its matches, and a reviewer's decision."""

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    content_type = models.CharField(max_length=10, choices=[(c, c) for c in CONTENT_TYPES])
    text = models.TextField(blank=True)
    url = models.URLField(max_length=2000, blank=True)
    platform = models.CharField(max_length=100, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    signals = models.JSONField(default=dict, blank=True)
    # What identifies the item for "decided before": SHA-256 of the file, the normalised text or the URL.
    fingerprint = models.CharField(max_length=64, db_index=True)
    content_file = models.CharField(max_length=200, blank=True)
    content_mime = models.CharField(max_length=100, blank=True)
    language = models.CharField(max_length=8, choices=[(t, t) for t in LANGUAGE_TEAMS], db_index=True)
    matches = models.JSONField(default=list, blank=True)  # [{"entry": id, "signal": …, "distance": …}]
    decision = models.CharField(max_length=10, blank=True, choices=[(d, d) for d in DECISIONS], db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    entry = models.ForeignKey(BankEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"submission {self.pk} ({self.language}, {self.decision or 'pending'})"
