"""Node-level bookkeeping: when each periodic job last ran (so several workers schedule it once)."""

from django.db import models


class PeriodicJob(models.Model):
    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} next {self.next_run_at:%Y-%m-%d %H:%M:%S}"
