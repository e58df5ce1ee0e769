"""The Cyber Peace Ambassadors (Duta Damai) and their counter-narrative campaigns.

The registry (ambassadors, the bootcamps they came from), campaigns with their briefs, the assignment of a
brief to an ambassador and its review workflow (drafts, reviews, publication), the library of approved
counter-narratives, and reach (tracked links, platform metrics). A campaign or library item with an `origin`
is the read-only copy of what a partner's Peace Media Center shared with us.
"""

import uuid

from django.conf import settings
from django.db import models

from hotline.federation.models import Partner
from hotline.peace.models import Submission

SKILLS = ("writing", "visual_design", "video", "it")
# ISO 639-1 codes an ambassador writes in; the key messages are kept in the three languages of the UI.
LANGUAGES = ("id", "vi", "en", "jv", "su", "ms", "ar")
CONTENT_KINDS = ("article", "infographic", "video", "other")


def _user_fk(**kwargs):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", **kwargs
    )


def new_campaign_id() -> str:
    return f"campaign--{uuid.uuid4()}"


def new_note_id() -> str:
    return f"note--{uuid.uuid4()}"


class Bootcamp(models.Model):
    """A regional training of about 60 ambassadors: the cohort they came from."""

    code = models.SlugField(max_length=40, unique=True)  # the cohort's name in the CSV, e.g. "2025-medan"
    name = models.CharField(max_length=200)
    place = models.CharField(max_length=200)
    province = models.CharField(max_length=100, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    trainers = models.TextField(blank=True)  # one per line

    class Meta:
        ordering = ["-starts_on", "code"]

    def __str__(self) -> str:
        return self.name


class Ambassador(models.Model):
    # The center's own identifier of the ambassador: what a re-import matches on (updates, never duplicates).
    external_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    province = models.CharField(max_length=100, db_index=True)
    region = models.CharField(max_length=100, blank=True)
    languages = models.JSONField(default=list)  # codes of LANGUAGES
    skills = models.JSONField(default=list)  # names of SKILLS
    cohort = models.ForeignKey(
        Bootcamp, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    channels = models.JSONField(default=list, blank=True)  # [{"platform": "instagram", "url": "https://…"}]
    active = models.BooleanField(default=True, db_index=True)
    active_since = models.DateField(null=True, blank=True)
    # The account an ambassador signs in with (role `ambassador`), when they have one.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="ambassador"
    )
    # Name, external id and e-mail lower-cased without diacritics (provinces.normalise): what search matches.
    search_text = models.CharField(max_length=500, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    """Who took part in a bootcamp, and how many of its days they attended."""

    bootcamp = models.ForeignKey(Bootcamp, on_delete=models.CASCADE, related_name="attendance")
    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="attendance")
    days_attended = models.PositiveSmallIntegerField(default=0)
    completed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bootcamp", "ambassador"], name="campaigns_one_attendance_each")
        ]

    def __str__(self) -> str:
        return f"{self.ambassador} at {self.bootcamp}"


class Campaign(models.Model):
    STATUSES = ("draft", "active", "closed")

    stix_id = models.CharField(max_length=100, unique=True, default=new_campaign_id)
    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=200, db_index=True)  # the propaganda theme it counters
    description = models.TextField(blank=True)
    key_message_id = models.TextField(blank=True)
    key_message_vi = models.TextField(blank=True)
    key_message_en = models.TextField(blank=True)
    audiences = models.TextField(blank=True)  # target audiences, one per line
    regions = models.JSONField(default=list, blank=True)  # provinces / regions targeted
    starts_on = models.DateField()
    ends_on = models.DateField()
    goal_content = models.PositiveIntegerField(default=0)  # pieces of approved content to produce
    goal_reach = models.PositiveIntegerField(default=0)  # views / visits to achieve
    status = models.CharField(max_length=10, choices=[(s, s) for s in STATUSES], default="draft")
    # Confirmed propaganda from the triage queue that this campaign answers.
    counters = models.ManyToManyField(Submission, blank=True, related_name="countered_by")
    # Empty: our campaign. Set: the read-only copy of a partner's (a sister campaign's source).
    origin = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    shared_with = models.ManyToManyField(Partner, blank=True, related_name="+")
    created_by = _user_fk()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def read_only(self) -> bool:
        return self.origin_id is not None


class Brief(models.Model):
    """What a coordinator asks for: a piece of content of a kind, in a language, by a date."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="briefs")
    title = models.CharField(max_length=200)
    instructions = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=[(k, k) for k in CONTENT_KINDS])
    language = models.CharField(max_length=8, choices=[(c, c) for c in LANGUAGES])
    # The skill it needs.
    skill = models.CharField(max_length=20, blank=True, choices=[(s, s) for s in SKILLS])
    province = models.CharField(max_length=100, blank=True)  # the audience's province, if any
    due_on = models.DateField()
    created_by = _user_fk()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """A brief given to one ambassador, and where it stands in the review workflow.

    assigned → submitted → (changes_requested → submitted)* → approved → published; or → rejected.
    """

    STATUSES = ("assigned", "submitted", "changes_requested", "approved", "rejected", "published")

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="assignments")
    ambassador = models.ForeignKey(Ambassador, on_delete=models.PROTECT, related_name="assignments")
    due_on = models.DateField()
    status = models.CharField(max_length=20, choices=[(s, s) for s in STATUSES], default="assigned")
    assigned_by = _user_fk()
    assigned_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["brief", "ambassador"], name="campaigns_one_assignment_each")
        ]

    def __str__(self) -> str:
        return f"{self.brief} → {self.ambassador}"


class Draft(models.Model):
    """One submitted version of an assignment's content: text, a file (image, video) or a link."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="drafts")
    number = models.PositiveSmallIntegerField()  # 1, 2, … per assignment
    text = models.TextField(blank=True)
    link = models.URLField(max_length=2000, blank=True)
    file = models.CharField(max_length=200, blank=True)  # path under the node's data dir
    file_name = models.CharField(max_length=200, blank=True)
    file_mime = models.CharField(max_length=100, blank=True)
    submitted_by = _user_fk()
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["assignment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "number"], name="campaigns_draft_number")
        ]

    def __str__(self) -> str:
        return f"draft {self.number} of {self.assignment}"


class Review(models.Model):
    DECISIONS = ("approve", "request_changes", "reject")

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="reviews")
    decision = models.CharField(max_length=20, choices=[(d, d) for d in DECISIONS])
    comment = models.TextField(blank=True)
    reviewer = _user_fk()
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} of {self.draft}"


class Publication(models.Model):
    """Where the ambassador published the approved content."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="publication")
    url = models.URLField(max_length=2000, db_index=True)
    platform = models.CharField(max_length=50)
    published_on = models.DateField()
    recorded_by = _user_fk()
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.url


class LibraryItem(models.Model):
    """An approved counter-narrative, ours (from an approved draft) or shared by a partner, to reuse."""

    stix_id = models.CharField(max_length=100, unique=True, default=new_note_id)
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="library"
    )
    draft = models.OneToOneField(Draft, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=200)
    theme = models.CharField(max_length=200, db_index=True)
    language = models.CharField(max_length=8, choices=[(c, c) for c in LANGUAGES], db_index=True)
    kind = models.CharField(max_length=12, choices=[(k, k) for k in CONTENT_KINDS])
    text = models.TextField(blank=True)
    link = models.URLField(max_length=2000, blank=True)
    file = models.CharField(max_length=200, blank=True)
    file_mime = models.CharField(max_length=100, blank=True)
    approved_at = models.DateTimeField()
    origin = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    shared_with = models.ManyToManyField(Partner, blank=True, related_name="+")

    class Meta:
        ordering = ["-approved_at", "pk"]

    def __str__(self) -> str:
        return self.title


class TrackedLink(models.Model):
    """An ambassador's short link for a campaign (`/r/<code>`): counts visits, never who visited."""

    code = models.CharField(max_length=16, unique=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="links")
    target_url = models.URLField(max_length=2000)
    visits = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "ambassador"], name="campaigns_one_link_each")
        ]

    def __str__(self) -> str:
        return f"/r/{self.code}"


class LinkVisits(models.Model):
    """Visits of a tracked link per day (UTC): for reach over time; only counts are kept."""

    link = models.ForeignKey(TrackedLink, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "day"], name="campaigns_link_visits_per_day")]

    def __str__(self) -> str:
        return f"{self.link} on {self.day}: {self.visits}"


class PostMetrics(models.Model):
    """A platform's figures for one published post on one day (imported from the platform's CSV export)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="metrics")
    measured_on = models.DateField()
    impressions = models.PositiveIntegerField(default=0)
    views = models.PositiveIntegerField(default=0)
    likes = models.PositiveIntegerField(default=0)
    shares = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField()

    class Meta:
        ordering = ["measured_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "measured_on"], name="campaigns_metrics_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.publication} on {self.measured_on}"
