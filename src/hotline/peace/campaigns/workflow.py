"""Campaigns, briefs and the review workflow of an ambassador's assignment; the library it feeds.

The workflow is a state machine on `Assignment.status` (TRANSITIONS): the assignee submits a draft, a reviewer
approves it, asks for changes (with a comment) or rejects it, the assignee resubmits after changes and, once
approved, records where it was published. Each step checks the access policy, moves the state with a
conditional UPDATE (two reviewers deciding at once: one wins, the other is told), writes its row (Draft,
Review, Publication: who and when) and an audit record, all in one transaction. An approved draft enters the
library of counter-narratives.
"""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotline.access import policy
from hotline.audit import services as audit
from hotline.peace.campaigns import drafts, links
from hotline.peace.campaigns.models import (
    CONTENT_KINDS,
    LANGUAGES,
    SKILLS,
    Ambassador,
    Assignment,
    Brief,
    Campaign,
    Draft,
    LibraryItem,
    Publication,
    Review,
    TrackedLink,
)
from hotline.peace.campaigns.workflow_errors import NotAllowed, WorkflowError
from hotline.peace.models import Submission

# step: (the states it may start from, the state it leads to)
TRANSITIONS = {
    "submit": (("assigned", "changes_requested"), "submitted"),
    "approve": (("submitted",), "approved"),
    "request_changes": (("submitted",), "changes_requested"),
    "reject": (("submitted",), "rejected"),
    "publish": (("approved",), "published"),
}
OPEN_STATES = ("assigned", "submitted", "changes_requested", "approved")
# Triage decisions that confirm an item as propaganda (peace.models.DECISIONS): what a campaign may counter.
CONFIRMED = ("known", "new")


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise NotAllowed(message)


def _audit(action: str, actor, target: str, **detail) -> None:
    audit.record(f"campaigns.{action}", actor=actor, target=target, detail=detail)


def _text(value, what, max_length: int, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise WorkflowError(_("%(what)s is required") % {"what": what})
    if len(value) > max_length:
        raise WorkflowError(_("%(what)s is longer than %(n)d characters") % {"what": what, "n": max_length})
    return value


def _date(value, what) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        raise WorkflowError(_("%(what)s is not a date (YYYY-MM-DD)") % {"what": what}) from None


def _choice(value, choices, what, required: bool = True) -> str:
    value = (value or "").strip()
    if not value and not required:
        return ""
    if value not in choices:
        raise WorkflowError(
            _("%(what)s must be one of: %(choices)s") % {"what": what, "choices": ", ".join(choices)}
        )
    return value


def _web_url(value, what, required: bool = True) -> str:
    value = (value or "").strip()
    if not value and not required:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 2000:
        raise WorkflowError(_("%(what)s must be a web address (http or https)") % {"what": what})
    return value


def _count(value, what) -> int:
    value = str(value if value is not None else "").strip() or "0"
    if not value.isdigit():
        raise WorkflowError(_("%(what)s must be a whole number") % {"what": what})
    return int(value)


# --- campaigns --------------------------------------------------------------------------------------------


def visible_campaigns(user) -> QuerySet:
    return policy.visible_campaigns(user, Campaign.objects.all())


def get_campaign(user, pk: int) -> Campaign:
    """The campaign, if the user may see it (Campaign.DoesNotExist otherwise: it does not exist for them)."""
    return visible_campaigns(user).get(pk=pk)


def confirmed_propaganda() -> QuerySet:
    """Items the triage queue confirmed as propaganda: what a campaign may be linked to."""
    return Submission.objects.filter(decision__in=CONFIRMED).order_by("-decided_at")


def _campaign_fields(data: dict) -> dict:
    fields = {
        "title": _text(data.get("title"), _("The title"), 200),
        "theme": _text(data.get("theme"), _("The theme"), 200),
        "description": _text(data.get("description"), _("The description"), 10_000, required=False),
        "key_message_id": _text(data.get("key_message_id"), _("The key message in Indonesian"), 5_000, False),
        "key_message_vi": _text(data.get("key_message_vi"), _("The key message in Vietnamese"), 5_000, False),
        "key_message_en": _text(data.get("key_message_en"), _("The key message in English"), 5_000, False),
        "audiences": _text(data.get("audiences"), _("The target audiences"), 5_000, required=False),
        "starts_on": _date(data.get("starts_on"), _("The start date")),
        "ends_on": _date(data.get("ends_on"), _("The end date")),
        "goal_content": _count(data.get("goal_content"), _("The content goal")),
        "goal_reach": _count(data.get("goal_reach"), _("The reach goal")),
        "status": _choice(data.get("status") or "draft", Campaign.STATUSES, _("The status")),
    }
    if not any(fields[f"key_message_{code}"] for code in ("id", "vi", "en")):
        raise WorkflowError(_("Give the key message in at least one language"))
    if fields["ends_on"] < fields["starts_on"]:
        raise WorkflowError(_("The campaign ends before it starts"))
    regions = data.get("regions") or []
    if isinstance(regions, str):
        regions = [line.strip() for line in regions.replace(",", "\n").splitlines()]
    fields["regions"] = [region for region in regions if region]
    return fields


def _countered(data: dict) -> list[Submission]:
    wanted = [int(pk) for pk in data.get("counters") or [] if str(pk).isdigit()]
    found = list(confirmed_propaganda().filter(pk__in=wanted))
    if len(found) != len(set(wanted)):
        raise WorkflowError(_("A campaign counters only items the triage queue confirmed as propaganda"))
    return found


@transaction.atomic
def create_campaign(actor, data: dict) -> Campaign:
    _require(policy.can_manage_campaigns(actor), _("Only a coordinator may create a campaign"))
    fields = _campaign_fields(data)
    countered = _countered(data)
    campaign = Campaign.objects.create(created_by=actor, **fields)
    campaign.counters.set(countered)
    _audit("campaign.create", actor, campaign.stix_id, title=campaign.title)
    return campaign


@transaction.atomic
def update_campaign(actor, campaign: Campaign, data: dict) -> Campaign:
    _require(policy.can_manage_campaigns(actor), _("Only a coordinator may change a campaign"))
    if campaign.read_only:
        raise WorkflowError(_("A partner's campaign is read-only here"))
    fields = _campaign_fields(data)
    countered = _countered(data)
    Campaign.objects.filter(pk=campaign.pk).update(updated_at=timezone.now(), **fields)
    campaign.refresh_from_db()
    campaign.counters.set(countered)
    _audit("campaign.update", actor, campaign.stix_id, title=campaign.title)
    return campaign


# --- briefs and assignments -------------------------------------------------------------------------------


@transaction.atomic
def add_brief(actor, campaign: Campaign, data: dict) -> Brief:
    _require(policy.can_manage_campaigns(actor), _("Only a coordinator may write a brief"))
    if campaign.read_only:
        raise WorkflowError(_("A partner's campaign is read-only here"))
    brief = Brief.objects.create(
        campaign=campaign,
        title=_text(data.get("title"), _("The title"), 200),
        instructions=_text(data.get("instructions"), _("The instructions"), 10_000, required=False),
        kind=_choice(data.get("kind"), CONTENT_KINDS, _("The kind of content")),
        language=_choice(data.get("language"), LANGUAGES, _("The language")),
        skill=_choice(data.get("skill"), SKILLS, _("The skill"), required=False),
        province=_text(data.get("province"), _("The province"), 100, required=False),
        due_on=_date(data.get("due_on"), _("The due date")),
        created_by=actor,
    )
    _audit("brief.create", actor, campaign.stix_id, brief=brief.pk, title=brief.title)
    return brief


def get_brief(user, pk: int) -> Brief:
    brief = Brief.objects.select_related("campaign").get(pk=pk)
    if not visible_campaigns(user).filter(pk=brief.campaign_id).exists():
        raise Brief.DoesNotExist
    return brief


@dataclass(frozen=True)
class Candidate:
    ambassador: Ambassador
    skill: bool
    language: bool
    province: bool
    open_assignments: int

    @property
    def score(self) -> int:
        return 4 * self.skill + 2 * self.language + self.province


def candidates(brief: Brief, limit: int = 25) -> list[Candidate]:
    """Active ambassadors not yet on the brief, best first: the brief's skill, then its language, then its
    province; among equals, the least loaded (fewest open assignments), then by name."""
    ambassadors = (
        Ambassador.objects.filter(active=True)
        .exclude(assignments__brief=brief)
        .annotate(open_count=Count("assignments", filter=Q(assignments__status__in=OPEN_STATES)))
    )
    ranked = [
        Candidate(
            ambassador=ambassador,
            skill=bool(brief.skill) and brief.skill in (ambassador.skills or []),
            language=brief.language in (ambassador.languages or []),
            province=bool(brief.province) and brief.province.casefold() == ambassador.province.casefold(),
            open_assignments=ambassador.open_count,
        )
        for ambassador in ambassadors
    ]
    ranked.sort(key=lambda c: (-c.score, c.open_assignments, c.ambassador.name.casefold(), c.ambassador.pk))
    return ranked[:limit]


@transaction.atomic
def assign(actor, brief: Brief, ambassador_ids, due_on=None) -> list[Assignment]:
    _require(policy.can_manage_campaigns(actor), _("Only a coordinator may assign a brief"))
    wanted = {int(pk) for pk in ambassador_ids if str(pk).isdigit()}
    if not wanted:
        raise WorkflowError(_("Choose at least one ambassador"))
    ambassadors = list(Ambassador.objects.filter(pk__in=wanted, active=True))
    if len(ambassadors) != len(wanted):
        raise WorkflowError(_("Only active ambassadors of the registry can be assigned"))
    taken = set(
        brief.assignments.filter(ambassador__in=ambassadors).values_list("ambassador__name", flat=True)
    )
    if taken:
        raise WorkflowError(_("Already assigned: %(names)s") % {"names": ", ".join(sorted(taken))})
    due = _date(due_on, _("The due date")) if due_on else brief.due_on
    now = timezone.now()
    made = [
        Assignment.objects.create(brief=brief, ambassador=a, due_on=due, assigned_by=actor, assigned_at=now)
        for a in ambassadors
    ]
    for assignment in made:
        links.ensure_link(brief.campaign, assignment.ambassador)  # their short link, aimed once published
        _audit("assignment.create", actor, brief.campaign.stix_id, assignment=assignment.pk,
               ambassador=assignment.ambassador.external_id)  # fmt: skip
    return made


def visible_assignments(user) -> QuerySet:
    return policy.visible_assignments(
        user, Assignment.objects.select_related("brief", "brief__campaign", "ambassador")
    )


def get_assignment(user, pk: int) -> Assignment:
    """The assignment, if the user may see it (Assignment.DoesNotExist otherwise)."""
    return visible_assignments(user).get(pk=pk)


def review_queue(user) -> QuerySet:
    _require(policy.can_review_drafts(user), _("Only a reviewer may see the review queue"))
    return visible_assignments(user).filter(status="submitted").order_by("updated_at", "pk")


def results(ambassador: Ambassador) -> dict:
    """An ambassador's own figures: assignments by state."""
    counts = dict(
        ambassador.assignments.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Assignment.STATUSES}


# --- the review workflow ----------------------------------------------------------------------------------


def allowed_steps(user, assignment: Assignment) -> list[str]:
    """The steps the user may take now (the actions an assignment's page offers)."""
    steps = []
    for step, (sources, _target) in TRANSITIONS.items():
        if assignment.status not in sources:
            continue
        by_assignee = step in ("submit", "publish")
        if policy.is_assignee(user, assignment) if by_assignee else policy.can_review_drafts(user):
            steps.append(step)
    return steps


def _move(assignment: Assignment, step: str) -> None:
    """Move the assignment along `step`, or refuse when its state (read now, in the database) forbids it."""
    sources, target = TRANSITIONS[step]
    moved = Assignment.objects.filter(pk=assignment.pk, status__in=sources).update(
        status=target, updated_at=timezone.now()
    )
    if not moved:
        current = Assignment.objects.get(pk=assignment.pk).status
        raise WorkflowError(
            _("This assignment is %(state)s: that step is not possible now") % {"state": current}
        )
    assignment.status = target


def latest_draft(assignment: Assignment) -> Draft | None:
    return assignment.drafts.order_by("-number").first()


def submit_draft(actor, assignment: Assignment, *, text="", link="", upload=None) -> Draft:
    _require(policy.is_assignee(actor, assignment), _("Only the ambassador assigned may submit a draft"))
    text = _text(text, _("The text"), 100_000, required=False)
    link = _web_url(link, _("The link"), required=False)
    stored = drafts.store(upload) if upload is not None else None
    if not (text or link or stored):
        raise WorkflowError(_("A draft needs a text, a file or a link"))
    try:
        with transaction.atomic():
            _move(assignment, "submit")
            number = (assignment.drafts.order_by("-number").values_list("number", flat=True).first() or 0) + 1
            draft = Draft.objects.create(
                assignment=assignment, number=number, text=text, link=link,
                file=stored.name if stored else "", file_name=stored.original_name if stored else "",
                file_mime=stored.mime if stored else "", submitted_by=actor, submitted_at=timezone.now(),
            )  # fmt: skip
            _audit("draft.submit", actor, assignment.brief.campaign.stix_id, assignment=assignment.pk,
                   draft=number)  # fmt: skip
    except BaseException:
        if stored:
            drafts.discard(stored.name)
        raise
    return draft


@transaction.atomic
def review(actor, assignment: Assignment, decision: str, comment: str = "") -> Review:
    _require(policy.can_review_drafts(actor), _("Only a reviewer may decide on a draft"))
    decision = _choice(decision, Review.DECISIONS, _("The decision"))
    comment = _text(comment, _("The comment"), 10_000, required=decision != "approve")
    draft = latest_draft(assignment)
    _move(assignment, decision)
    made = Review.objects.create(
        draft=draft, decision=decision, comment=comment, reviewer=actor, decided_at=timezone.now()
    )
    if decision == "approve":
        _add_to_library(assignment, draft, made.decided_at)
    _audit(f"draft.{decision}", actor, assignment.brief.campaign.stix_id, assignment=assignment.pk,
           draft=draft.number)  # fmt: skip
    return made


def _add_to_library(assignment: Assignment, draft: Draft, approved_at: datetime) -> LibraryItem:
    brief = assignment.brief
    return LibraryItem.objects.create(
        campaign=brief.campaign, draft=draft, title=brief.title, theme=brief.campaign.theme,
        language=brief.language, kind=brief.kind, text=draft.text, link=draft.link, file=draft.file,
        file_mime=draft.file_mime, approved_at=approved_at,
    )  # fmt: skip


@transaction.atomic
def record_publication(actor, assignment: Assignment, *, url, platform, published_on) -> Publication:
    _require(
        policy.is_assignee(actor, assignment), _("Only the ambassador assigned may record the publication")
    )
    url = _web_url(url, _("The address of the post"))
    platform = _text(platform, _("The platform"), 50)
    published_on = _date(published_on, _("The publication date"))
    if published_on > timezone.now().date():
        raise WorkflowError(_("The publication date is in the future"))
    _move(assignment, "publish")
    publication = Publication.objects.create(
        assignment=assignment, url=url, platform=platform, published_on=published_on,
        recorded_by=actor, recorded_at=timezone.now(),
    )  # fmt: skip
    LibraryItem.objects.filter(draft__assignment=assignment, link="").update(link=url)
    links.link_for_publication(publication)
    _audit("publication.record", actor, assignment.brief.campaign.stix_id, assignment=assignment.pk, url=url)
    return publication


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str  # assigned, submitted, approve, request_changes, reject, published
    who: str
    draft: Draft | None = None
    review: Review | None = None
    publication: Publication | None = None


def _name(user) -> str:
    return user.get_username() if user is not None else "—"


def tracked_link(assignment: Assignment):
    """The ambassador's short link for the assignment's campaign (None for a partner's campaign)."""
    return TrackedLink.objects.filter(
        campaign=assignment.brief.campaign, ambassador=assignment.ambassador
    ).first()


def timeline(assignment: Assignment) -> list[Event]:
    """Every step of an assignment, oldest first, with who and when."""
    events = [Event(assignment.assigned_at, "assigned", _name(assignment.assigned_by))]
    for draft in assignment.drafts.select_related("submitted_by").prefetch_related("reviews__reviewer"):
        events.append(Event(draft.submitted_at, "submitted", _name(draft.submitted_by), draft=draft))
        events += [
            Event(r.decided_at, r.decision, _name(r.reviewer), draft=draft, review=r)
            for r in draft.reviews.all()
        ]
    publication = Publication.objects.filter(assignment=assignment).select_related("recorded_by").first()
    if publication:
        events.append(Event(publication.recorded_at, "published", _name(publication.recorded_by),
                            publication=publication))  # fmt: skip
    return sorted(events, key=lambda e: e.at)


# --- the library ------------------------------------------------------------------------------------------


def library(user, *, query: str = "", language: str = "", kind: str = "") -> QuerySet:
    """Approved counter-narratives (ours and partners'), searchable by theme, title and text."""
    _require(policy.can_read_library(user), _("You may not read the library"))
    items = LibraryItem.objects.select_related("campaign", "origin")
    if query.strip():
        words = query.split()
        for word in words:
            items = items.filter(
                Q(theme__icontains=word) | Q(title__icontains=word) | Q(text__icontains=word)
            )
    if language:
        items = items.filter(language=language)
    if kind:
        items = items.filter(kind=kind)
    return items
