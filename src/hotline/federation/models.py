"""Partner agencies: who they are (their STIX identity), the deadlines agreed with them, the outbound
collection that holds what is shared with them, the inbound collection that holds what they sent us, and
the link: where their node is, how we authenticate there, their signing keys, and the state of the sync.

Credentials our node uses at a partner's node are stored here in the database, so the data directory (which
holds the database and the signing key) must be readable by the node's service account only.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models

from hotline.intel.models import Collection

FLASH, URGENT, ROUTINE = "flash", "urgent", "routine"
PRIORITIES = (FLASH, URGENT, ROUTINE)  # most to least urgent

# (acknowledge within, reply within) per priority, unless a partner agreement says otherwise.
DEFAULT_DEADLINES = {
    FLASH: (timedelta(minutes=15), timedelta(hours=2)),
    URGENT: (timedelta(hours=1), timedelta(hours=8)),
    ROUTINE: (timedelta(hours=24), timedelta(days=7)),
}

OUTBOUND_PREFIX = "outbound-"
INBOUND_PREFIX = "inbound-"


class Partner(models.Model):
    name = models.SlugField(max_length=50, unique=True)
    title = models.CharField(max_length=200)
    identity_id = models.CharField(max_length=300, help_text="The partner agency's STIX identity id")
    outbound = models.OneToOneField(Collection, on_delete=models.PROTECT, related_name="partner")
    ack_flash = models.DurationField(default=DEFAULT_DEADLINES[FLASH][0])
    reply_flash = models.DurationField(default=DEFAULT_DEADLINES[FLASH][1])
    ack_urgent = models.DurationField(default=DEFAULT_DEADLINES[URGENT][0])
    reply_urgent = models.DurationField(default=DEFAULT_DEADLINES[URGENT][1])
    ack_routine = models.DurationField(default=DEFAULT_DEADLINES[ROUTINE][0])
    reply_routine = models.DurationField(default=DEFAULT_DEADLINES[ROUTINE][1])
    created_at = models.DateTimeField(auto_now_add=True)

    # The link (issue 4).
    inbound = models.OneToOneField(
        Collection, null=True, blank=True, on_delete=models.PROTECT, related_name="inbound_partner",
        help_text="inbound-<name>: what the partner sent us, verified",
    )  # fmt: skip
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The partner node's user here: it alone reads outbound-<name> and writes inbound-<name>",
    )  # fmt: skip
    active = models.BooleanField(default=True, help_text="Removed partners keep their data but do not sync")
    url = models.CharField(
        max_length=500, blank=True, help_text="The partner node's TAXII discovery URL (or API root)"
    )
    username = models.CharField(max_length=150, blank=True)
    password = models.CharField(max_length=500, blank=True)
    token = models.CharField(max_length=500, blank=True)
    public_keys = models.JSONField(
        default=list,
        blank=True,
        help_text="The partner's Ed25519 public keys (base64), any of which may sign",
    )
    ca_file = models.CharField(max_length=500, blank=True, help_text="CA bundle that signs the partner's TLS")
    client_cert = models.CharField(max_length=500, blank=True, help_text="our TLS client certificate (PEM)")
    client_key = models.CharField(max_length=500, blank=True, help_text="its private key (PEM)")
    push_enabled = models.BooleanField(default=True)
    pull_enabled = models.BooleanField(default=True)
    # Sync state: what was pushed (date_added in our outbound) and pulled (the partner's date_added, as text
    # so its microseconds survive), when each last worked, the last error, and the retry backoff.
    push_cursor = models.DateTimeField(null=True, blank=True)
    pull_cursor = models.CharField(max_length=40, blank=True)
    last_push_at = models.DateTimeField(null=True, blank=True)
    last_push_ok = models.BooleanField(null=True)
    last_pull_at = models.DateTimeField(null=True, blank=True)
    last_pull_ok = models.BooleanField(null=True)
    last_error = models.TextField(blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    push_failures = models.PositiveIntegerField(default=0)
    pull_failures = models.PositiveIntegerField(default=0)
    next_push_at = models.DateTimeField(null=True, blank=True)
    next_pull_at = models.DateTimeField(null=True, blank=True)
    push_lease_until = models.DateTimeField(null=True, blank=True)
    pull_lease_until = models.DateTimeField(null=True, blank=True)
    # Since when the link has been failing (null: working); set and cleared by conditional UPDATEs, so the
    # admins are told once when it starts failing and once when it recovers.
    failing_since = models.DateTimeField(null=True, blank=True)
    # When the partner last pushed to us: while its push is live, our pull stands back (no double transfer).
    last_pushed_in_at = models.DateTimeField(null=True, blank=True)
    # How far the partner's pull has stored our outbound collection: the latest `added_after` its account
    # read every version with (a pull sends its own committed cursor). Our push starts after it, so what the
    # pull brought is not sent again.
    pulled_until = models.DateTimeField(null=True, blank=True)
    # Updates and revocations: the newest stored version (StixObject pk) already looked at for this partner.
    propagated_through = models.BigIntegerField(default=0)
    # Replays: valid objects received again (a version already held, or one older than the version held).
    replays = models.PositiveIntegerField(default=0)
    last_replay = models.CharField(max_length=400, blank=True)
    last_replay_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def delivered_until(self):
        """The date_added in our outbound collection up to which the partner has everything, by our push or
        its pull (None: nothing yet)."""
        return max((t for t in (self.push_cursor, self.pulled_until) if t is not None), default=None)

    def deadlines(self, priority: str) -> tuple[timedelta, timedelta]:
        """(acknowledge within, reply within) agreed with this partner for a priority."""
        if priority not in PRIORITIES:
            raise ValueError(f"unknown priority {priority!r}")
        return getattr(self, f"ack_{priority}"), getattr(self, f"reply_{priority}")


class Quarantine(models.Model):
    """An object a partner sent that failed verification (unsigned, unknown key, altered): kept for the node
    admin to look at, never stored as trusted. The same bad object sent again counts, it is not repeated."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="quarantined")
    stix_id = models.CharField(max_length=300, blank=True)
    version = models.CharField(max_length=40, blank=True)
    reason = models.CharField(max_length=500)
    body = models.TextField()
    body_hash = models.CharField(max_length=64)
    via = models.CharField(max_length=10)  # "push" or "pull"
    at = models.DateTimeField()
    last_at = models.DateTimeField()
    times = models.PositiveIntegerField(default=1)
    # What a node admin decided: released (stored as trusted, on their word) or discarded; empty: pending.
    resolution = models.CharField(
        max_length=10, blank=True, choices=[("released", "released"), ("discarded", "discarded")]
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_at"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "body_hash"], name="federation_quarantine_unique")
        ]
        verbose_name_plural = "quarantine"

    def __str__(self) -> str:
        return f"{self.partner}: {self.stix_id or '(no id)'}: {self.reason}"
