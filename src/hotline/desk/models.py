"""The desk's records: messages with their lifecycle and history, attachments, the duty roster, notifications.

The STIX objects themselves live in the intel store; a Message row is the desk's working copy of one
hotline-message (its id is the STIX id), with the state, deadlines and people that only this node knows.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q

from hotline.desk import lifecycle
from hotline.desk.errors import IllegalTransition
from hotline.desk.stix_types import BODY_FORMATS, HANDLING_CODES, KINDS, PRIORITIES, SOURCE_RELIABILITY
from hotline.federation.models import Partner

User = settings.AUTH_USER_MODEL

# Escalation levels of a missed deadline: each is reached once.
NOT_ESCALATED, DUTY_OFFICER_TOLD, SUPERVISOR_TOLD = 0, 1, 2
ESCALATION_LEVELS = (
    (NOT_ESCALATED, "none"),
    (DUTY_OFFICER_TOLD, "duty officer"),
    (SUPERVISOR_TOLD, "supervisor"),
)

# Timestamps set when a message first enters a state.
_STATE_TIMESTAMPS = {
    lifecycle.DELIVERED: "delivered_at",
    lifecycle.ACKNOWLEDGED: "acknowledged_at",
    lifecycle.ANSWERED: "answered_at",
    lifecycle.CLOSED: "closed_at",
}


def _choices(values) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class Message(models.Model):
    stix_id = models.CharField(max_length=300, unique=True)
    direction = models.CharField(max_length=10, choices=lifecycle.DIRECTIONS)
    kind = models.CharField(max_length=10, choices=_choices(KINDS))
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    subject = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    body_format = models.CharField(max_length=10, choices=_choices(BODY_FORMATS), default="text")
    language = models.CharField(max_length=16, blank=True)
    priority = models.CharField(max_length=10, choices=_choices(PRIORITIES))
    tlp = models.CharField(max_length=16)
    handling_code = models.CharField(max_length=2, choices=_choices(HANDLING_CODES), default="H0")
    handling_text = models.CharField(max_length=500, blank=True)
    source_reliability = models.CharField(max_length=1, choices=_choices(SOURCE_RELIABILITY), blank=True)
    information_credibility = models.PositiveSmallIntegerField(null=True, blank=True)
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    in_reply_to_ref = models.CharField(max_length=300, blank=True)
    thread_root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="thread_messages"
    )
    object_refs = models.JSONField(default=list, blank=True)  # ids of the attached intelligence

    state = models.CharField(max_length=16, choices=lifecycle.STATES)
    created_at = models.DateTimeField()  # the STIX `created`: when the sender sent it
    received_at = models.DateTimeField(null=True, blank=True)  # incoming and internal messages
    delivered_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    ack_due_at = models.DateTimeField(null=True, blank=True)
    reply_due_at = models.DateTimeField(null=True, blank=True)

    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    assigned_to = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_messages"
    )
    # Named recipients on this node (TLP:RED messages are shown to them, the author and the assignee only).
    recipients = models.ManyToManyField(User, blank=True, related_name="named_in_messages")
    ack_escalation = models.PositiveSmallIntegerField(choices=ESCALATION_LEVELS, default=NOT_ESCALATED)
    reply_escalation = models.PositiveSmallIntegerField(choices=ESCALATION_LEVELS, default=NOT_ESCALATED)
    # Subject, body and attached intelligence, lower-cased without diacritics (see search.normalise).
    search_text = models.TextField(blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["direction", "state", "created_at"], name="desk_message_box"),
            models.Index(fields=["state", "ack_escalation", "ack_due_at"], name="desk_message_ack_due"),
            models.Index(fields=["state", "reply_escalation", "reply_due_at"], name="desk_message_reply_due"),
            models.Index(fields=["thread_root", "created_at"], name="desk_message_thread"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction=lifecycle.INTERNAL, partner__isnull=True)
                | (~Q(direction=lifecycle.INTERNAL) & Q(partner__isnull=False)),
                name="desk_message_partner_unless_internal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.priority}: {self.subject}"

    @property
    def is_receiving(self) -> bool:
        """Incoming and internal messages are answered here; outgoing ones are answered by a partner."""
        return self.direction in (lifecycle.INCOMING, lifecycle.INTERNAL)

    def allowed_steps(self) -> set[str]:
        return lifecycle.allowed_steps(self.direction, self.state)

    def set_state(self, new_state: str, *, at, by=None, by_name: str = "", note: str = "") -> "MessageEvent":
        """Move to `new_state` if the pipeline allows it, recording who and when; otherwise raise
        IllegalTransition and change nothing. Safe against a concurrent step (conditional UPDATE)."""
        allowed = self.allowed_steps()
        if new_state not in allowed:
            steps = ", ".join(sorted(allowed)) or "none: the message is closed"
            raise IllegalTransition(
                f"this {self.direction} message cannot go from {self.state} to {new_state} (allowed: {steps})"
            )
        changes = {"state": new_state}
        stamp = _STATE_TIMESTAMPS.get(new_state)
        if stamp and getattr(self, stamp) is None:
            changes[stamp] = at
        with transaction.atomic():
            if not Message.objects.filter(pk=self.pk, state=self.state).update(**changes):
                current = Message.objects.filter(pk=self.pk).values_list("state", flat=True).first()
                raise IllegalTransition(f"the message changed meanwhile (it is now {current}); nothing done")
            event = MessageEvent.objects.create(
                message=self,
                action=MessageEvent.STATE,
                from_state=self.state,
                to_state=new_state,
                at=at,
                by=by,
                by_name=by_name or (by.get_username() if by else ""),
                note=note,
            )
        for name, value in changes.items():
            setattr(self, name, value)
        return event

    def history(self):
        return self.events.select_related("by").order_by("at", "pk")


class MessageEvent(models.Model):
    """One step in a message's history: a state change, an assignment, an escalation, a note."""

    STATE, ASSIGNED, ESCALATED, NOTE = "state", "assigned", "escalated", "note"
    ACTIONS = ((STATE, "state"), (ASSIGNED, "assigned"), (ESCALATED, "escalated"), (NOTE, "note"))

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=ACTIONS)
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=200, blank=True)  # the user, or the partner agency that did it
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        change = f"{self.from_state} -> {self.to_state}" if self.action == self.STATE else self.action
        return f"{self.at:%Y-%m-%d %H:%M:%S} {change} by {self.by_name or 'system'}"


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=200)  # sanitised original name, for display and download
    size = models.PositiveBigIntegerField()
    mime_type = models.CharField(max_length=100)  # from the content, not the name
    sha256 = models.CharField(max_length=64)
    file = models.FileField(max_length=300)  # content-addressed: desk/<sha256[:2]>/<sha256>
    artifact_id = models.CharField(max_length=300)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["message", "sha256"], name="desk_attachment_once")]

    def __str__(self) -> str:
        return f"{self.name} ({self.mime_type}, {self.size} bytes)"


class DutyShift(models.Model):
    officer = models.ForeignKey(User, on_delete=models.CASCADE, related_name="duty_shifts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    handover_note = models.TextField(blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="desk_shift_time")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="desk_shift_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.starts_at:%Y-%m-%d %H:%M}-{self.ends_at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    NEW_MESSAGE = "new_message"
    ASSIGNED = "assigned"
    ACK_OVERDUE = "ack_overdue"
    REPLY_OVERDUE = "reply_overdue"
    ACKNOWLEDGED = "acknowledged"
    ANSWERED = "answered"
    LINK_FAILING = "link_failing"
    LINK_RECOVERED = "link_recovered"
    REQUEST_OVERDUE = "request_overdue"  # a JWG cooperation request past its deadline (programme)
    EVENTS = (
        (NEW_MESSAGE, "new message"),
        (ASSIGNED, "assigned to you"),
        (ACK_OVERDUE, "acknowledgement overdue"),
        (REPLY_OVERDUE, "reply overdue"),
        (ACKNOWLEDGED, "acknowledged"),
        (ANSWERED, "answered"),
        (LINK_FAILING, "partner link failing"),
        (LINK_RECOVERED, "partner link recovered"),
        (REQUEST_OVERDUE, "cooperation request overdue"),
    )

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="desk_notifications")
    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    event = models.CharField(max_length=20, choices=EVENTS)
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)
    # Set by the worker when it claims the notification for email/webhook delivery (once).
    delivery_started_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    webhook_at = models.DateTimeField(null=True, blank=True)
    delivery_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="desk_notification_unread"),
            models.Index(fields=["delivery_started_at"], name="desk_notification_pending"),
        ]

    def __str__(self) -> str:
        return f"to {self.recipient}: {self.text}"
