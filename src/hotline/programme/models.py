"""The JWG programme: the cooperation framework (MoU), the JWG meetings, their agreed points (action items)
with a status pipeline and its history, the activities that serve each point, and law-enforcement
cooperation requests. Status changes go through `services` (the django-oscar `set_status` pattern:
allowed transitions in `AgreedPoint.PIPELINE` / `CooperationRequest.PIPELINE`, a history row per change
with who, when and a note)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

INDONESIA = "indonesia"
VIETNAM = "vietnam"
JOINT = "joint"
SIDES = ((INDONESIA, _("Indonesia")), (VIETNAM, _("Vietnam")))
OWNER_SIDES = SIDES + ((JOINT, _("Joint")),)


class Framework(models.Model):
    """The Memorandum of Understanding the cooperation rests on."""

    title = models.CharField(max_length=300)
    signed_on = models.DateField(null=True, blank=True)
    signed_text = models.CharField(max_length=100, blank=True, help_text="e.g. 'December 2022'")
    scope = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.title


class JointRecord(models.Model):
    """What a jointly-owned record (meeting, agreed point, activity) keeps of its STIX form: the version it
    holds (`modified` of the STIX object) and the node that created it (`created_by_ref`)."""

    stix_modified = models.DateTimeField(null=True, blank=True)
    created_by_ref = models.CharField(max_length=100, blank=True)

    class Meta:
        abstract = True


class Meeting(JointRecord):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    framework = models.ForeignKey(Framework, null=True, blank=True, on_delete=models.SET_NULL)
    code = models.CharField(max_length=40, unique=True)  # "JWG-1"
    title = models.CharField(max_length=300)
    place = models.CharField(max_length=200)
    date = models.DateField(null=True, blank=True)
    date_text = models.CharField(max_length=100, blank=True, help_text="when only the month is known")
    host_side = models.CharField(max_length=10, choices=SIDES)
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)

    class Meta:
        ordering = ["date", "code"]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Delegation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegations")
    side = models.CharField(max_length=10, choices=SIDES)
    head = models.CharField(max_length=200)
    members = models.TextField(blank=True)

    class Meta:
        unique_together = [("meeting", "side")]

    def __str__(self) -> str:
        return f"{self.meeting.code} {self.side}: {self.head}"


class AgreedPoint(JointRecord):
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    CANCELLED = "cancelled"
    STATUSES = (
        (AGREED, _("agreed")),
        (IN_PROGRESS, _("in progress")),
        (BLOCKED, _("blocked")),
        (DONE, _("done")),
        (CANCELLED, _("cancelled")),
    )
    PIPELINE = {
        AGREED: (IN_PROGRESS, CANCELLED),
        IN_PROGRESS: (BLOCKED, DONE, CANCELLED),
        BLOCKED: (IN_PROGRESS, CANCELLED),
        DONE: (IN_PROGRESS,),  # reopened
        CANCELLED: (),
    }
    OPEN = (AGREED, IN_PROGRESS, BLOCKED)

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="points")
    number = models.PositiveSmallIntegerField()
    text_en = models.TextField()
    text_id = models.TextField()
    text_vi = models.TextField()
    owner_side = models.CharField(max_length=10, choices=OWNER_SIDES, default=JOINT)
    responsible_unit = models.CharField(max_length=200, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=STATUSES, default=AGREED)
    # A point internal to one side is seen only at that side's node (it never travels).
    internal_to = models.CharField(max_length=10, choices=SIDES, blank=True, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["meeting__date", "number"]
        unique_together = [("meeting", "number")]

    def __str__(self) -> str:
        return f"{self.meeting.code} #{self.number}"

    def text(self, language: str) -> str:
        return {"id": self.text_id, "vi": self.text_vi}.get((language or "en")[:2], self.text_en)


class PointStatusChange(models.Model):
    point = models.ForeignKey(AgreedPoint, on_delete=models.CASCADE, related_name="history")
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    by_name = models.CharField(max_length=150)
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.point}: {self.old_status} -> {self.new_status}"


class Evidence(models.Model):
    DOCUMENT = "document"
    LINK = "link"
    KINDS = ((DOCUMENT, _("document")), (LINK, _("link in Hotline")))

    point = models.ForeignKey(AgreedPoint, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=KINDS)
    title = models.CharField(max_length=300)
    reference = models.CharField(max_length=500, help_text="a document's name or URL, or a path in Hotline")
    added_by = models.CharField(max_length=150)
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Document(models.Model):
    """A meeting document (minutes, agenda, joint statement): its title and where it is kept."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=300)
    reference = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.title


class Activity(JointRecord):
    WORKSHOP = "workshop"
    TRAINING = "training"
    RESEARCH = "research"
    FORUM = "forum"
    KINDS = (
        (WORKSHOP, _("seminar / workshop")),
        (TRAINING, _("training")),
        (RESEARCH, _("joint research")),
        (FORUM, _("multilateral forum")),
    )
    FORUMS = (("somtc", "SOMTC"), ("interpol", "INTERPOL"), ("arf", "ARF"), ("other", _("other")))
    # What each kind must have besides a title (services.create_activity checks it).
    REQUIRED = {
        WORKSHOP: ("theme",),
        TRAINING: ("course",),
        RESEARCH: ("topic",),
        FORUM: ("forum", "forum_meeting"),
    }

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(AgreedPoint, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(max_length=10, choices=KINDS)
    title = models.CharField(max_length=300)
    date = models.DateField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    outcomes = models.TextField(blank=True)
    # workshop / seminar
    theme = models.CharField(max_length=300, blank=True)
    participants_indonesia = models.PositiveIntegerField(null=True, blank=True)
    participants_vietnam = models.PositiveIntegerField(null=True, blank=True)
    # training
    course = models.CharField(max_length=300, blank=True)
    trainers = models.TextField(blank=True)
    hours = models.PositiveIntegerField(null=True, blank=True)
    certificates = models.PositiveIntegerField(null=True, blank=True)
    # joint research
    topic = models.CharField(max_length=300, blank=True)
    institutions = models.TextField(blank=True)
    milestones = models.TextField(blank=True)
    outputs = models.TextField(blank=True)
    # multilateral forum
    forum = models.CharField(max_length=10, choices=FORUMS, blank=True)
    forum_meeting = models.CharField(max_length=300, blank=True)
    joint_position = models.TextField(blank=True)
    follow_ups = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return self.title


class CooperationRequest(models.Model):
    """A cross-border law-enforcement cooperation request (agreed point 5)."""

    INFORMATION = "information"
    EVIDENCE = "evidence"
    LOCATE = "locate_person"
    OPERATION = "joint_operation"
    OTHER = "other"
    TYPES = (
        (INFORMATION, _("information")),
        (EVIDENCE, _("evidence")),
        (LOCATE, _("locating a person")),
        (OPERATION, _("joint operation support")),
        (OTHER, _("other")),
    )
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    DECLINED = "declined"
    CLOSED = "closed"
    STATUSES = (
        (OPEN, _("open")),
        (IN_PROGRESS, _("in progress")),
        (ANSWERED, _("answered")),
        (DECLINED, _("declined")),
        (CLOSED, _("closed")),
    )
    PIPELINE = {
        OPEN: (IN_PROGRESS, ANSWERED, DECLINED),
        IN_PROGRESS: (ANSWERED, DECLINED),
        ANSWERED: (CLOSED, IN_PROGRESS),
        DECLINED: (CLOSED,),
        CLOSED: (),
    }
    PENDING = (OPEN, IN_PROGRESS)  # the deadline still runs
    NOT_ESCALATED, SECRETARIAT_TOLD, SUPERVISORS_TOLD = 0, 1, 2

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(
        AgreedPoint, null=True, blank=True, on_delete=models.PROTECT, related_name="requests"
    )
    request_type = models.CharField(max_length=20, choices=TYPES)
    subject = models.CharField(max_length=300)
    details = models.TextField(blank=True)
    requesting_side = models.CharField(max_length=10, choices=SIDES)
    requested_side = models.CharField(max_length=10, choices=SIDES)
    deadline = models.DateTimeField()
    status = models.CharField(max_length=12, choices=STATUSES, default=OPEN)
    escalation = models.PositiveSmallIntegerField(default=NOT_ESCALATED)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.subject


class RequestEvent(models.Model):
    request = models.ForeignKey(CooperationRequest, on_delete=models.CASCADE, related_name="history")
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    by_name = models.CharField(max_length=150)
    at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request}: {self.new_status or self.note}"


class CalendarToken(models.Model):
    """The secret in a user's iCalendar feed URL."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"calendar of user {self.user_id}"


class JointVersion(models.Model):
    """One version of a jointly-owned record, made at this node or received from the partner: who made it,
    at which node, when (`modified`), the STIX object itself, and whether it is the one the record holds
    (a concurrent edit with an older `modified` is kept here, superseded)."""

    stix_id = models.CharField(max_length=100, db_index=True)
    modified = models.DateTimeField()
    node = models.CharField(max_length=100)  # the node's name, or its identity when unknown
    by_name = models.CharField(max_length=150)
    note = models.TextField(blank=True)
    body = models.JSONField()
    superseded = models.BooleanField(default=False)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["modified", "pk"]
        unique_together = [("stix_id", "modified")]

    def __str__(self) -> str:
        return f"{self.stix_id} {self.modified.isoformat()} by {self.by_name}@{self.node}"
