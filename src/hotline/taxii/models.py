"""TAXII status resources: the outcome of each POST of objects, kept at least 24 hours."""

import uuid

from django.conf import settings
from django.db import models

from hotline.intel.models import Collection


class Status(models.Model):
    PENDING = "pending"
    COMPLETE = "complete"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="taxii_statuses")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, default=PENDING)
    request_timestamp = models.DateTimeField()
    total_count = models.PositiveIntegerField()
    successes = models.JSONField(default=list)
    failures = models.JSONField(default=list)
    pendings = models.JSONField(default=list)
    # The submitted objects while the worker still has to store them; emptied when complete.
    payload = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["request_timestamp"], name="taxii_status_requested")]
        verbose_name_plural = "statuses"

    def __str__(self) -> str:
        return f"{self.id} {self.status}"
