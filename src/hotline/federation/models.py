"""Partner agencies: who they are (their STIX identity), the deadlines agreed with them, and the outbound
collection that holds what is shared with them. Issue 4 adds the link itself (URL, credentials, keys)."""

from datetime import timedelta

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

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def deadlines(self, priority: str) -> tuple[timedelta, timedelta]:
        """(acknowledge within, reply within) agreed with this partner for a priority."""
        if priority not in PRIORITIES:
            raise ValueError(f"unknown priority {priority!r}")
        return getattr(self, f"ack_{priority}"), getattr(self, f"reply_{priority}")
