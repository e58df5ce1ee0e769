"""Service levels: the share of messages acknowledged and answered within their deadline, by month and
priority. One aggregate query; a deadline still running is neither met nor missed (it is "pending")."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from hotline.access import policy
from hotline.desk import lifecycle
from hotline.desk.errors import NotAllowed
from hotline.desk.models import Message
from hotline.desk.stix_types import PRIORITIES


@dataclass(frozen=True)
class ServiceLevel:
    month: date
    priority: str
    messages: int
    ack_met: int
    ack_missed: int
    ack_pending: int
    reply_met: int
    reply_missed: int
    reply_pending: int

    @staticmethod
    def _share(met: int, missed: int) -> float | None:
        return met / (met + missed) if met + missed else None

    @property
    def ack_share(self) -> float | None:
        """Acknowledged within the deadline, of those whose deadline is decided (None: none yet)."""
        return self._share(self.ack_met, self.ack_missed)

    @property
    def reply_share(self) -> float | None:
        return self._share(self.reply_met, self.reply_missed)


def service_levels(
    user,
    *,
    direction: str = lifecycle.INCOMING,
    since: datetime | None = None,
    until: datetime | None = None,
    now: datetime | None = None,
) -> list[ServiceLevel]:
    """Rows by month (of arrival, UTC) and priority. `incoming` measures this node, `outgoing` the partners,
    `internal` the internal desk. Counts the desk's messages whatever their TLP (figures only), except those
    in a compartment the user is not a member of."""
    if not policy.can_read_desk(user):
        raise NotAllowed("you may not see the service-level report")
    now = now or timezone.now()
    if direction not in dict(lifecycle.DIRECTIONS):
        raise ValueError(f"unknown direction {direction!r}")
    rows = policy.countable_messages(user, Message.objects.filter(direction=direction)).annotate(
        month=TruncMonth(Coalesce("received_at", "created_at"), tzinfo=UTC)
    )
    if since is not None:
        rows = rows.filter(month__gte=since)
    if until is not None:
        rows = rows.filter(month__lt=until)

    def counts(due: str, done: str) -> dict:
        has = Q(**{f"{due}__isnull": False})
        return {
            "met": Count("pk", filter=has & Q(**{f"{done}__lte": F(due)})),
            "missed": Count(
                "pk",
                filter=has
                & (Q(**{f"{done}__gt": F(due)}) | Q(**{f"{done}__isnull": True, f"{due}__lt": now})),
            ),
            "pending": Count("pk", filter=has & Q(**{f"{done}__isnull": True, f"{due}__gte": now})),
        }

    ack, answer = counts("ack_due_at", "acknowledged_at"), counts("reply_due_at", "answered_at")
    aggregated = rows.values("month", "priority").annotate(
        messages=Count("pk"),
        ack_met=ack["met"], ack_missed=ack["missed"], ack_pending=ack["pending"],
        reply_met=answer["met"], reply_missed=answer["missed"], reply_pending=answer["pending"],
    )  # fmt: skip
    order = {p: i for i, p in enumerate(PRIORITIES)}
    result = [
        ServiceLevel(
            month=row["month"].date() if isinstance(row["month"], datetime) else row["month"],
            **{k: v for k, v in row.items() if k != "month"},
        )
        for row in aggregated
    ]
    return sorted(result, key=lambda r: (r.month, order.get(r.priority, 9)))
