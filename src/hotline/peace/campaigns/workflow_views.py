"""The campaigns' pages: campaigns and briefs (coordinators), the review queue (reviewers), an assignment's
timeline and steps, the ambassador's own assignments, the library. Thin: the policy decides who enters
(`guarded_view`), `workflow` does the work; a refused step is shown on the page and changes nothing."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hotline.access import policy
from hotline.access.decorators import guarded_view
from hotline.peace.campaigns import drafts, workflow
from hotline.peace.campaigns.models import (
    CONTENT_KINDS,
    LANGUAGES,
    SKILLS,
    Assignment,
    Brief,
    Campaign,
    Draft,
)
from hotline.peace.campaigns.workflow_errors import NotAllowed, WorkflowError

STATUS_LABELS = {
    "assigned": gettext_lazy("assigned"),
    "submitted": gettext_lazy("submitted for review"),
    "changes_requested": gettext_lazy("changes requested"),
    "approved": gettext_lazy("approved"),
    "rejected": gettext_lazy("rejected"),
    "published": gettext_lazy("published"),
}
STEP_LABELS = {
    "assigned": gettext_lazy("assigned"),
    "submitted": gettext_lazy("draft submitted"),
    "approve": gettext_lazy("approved"),
    "request_changes": gettext_lazy("changes requested"),
    "reject": gettext_lazy("rejected"),
    "published": gettext_lazy("published"),
}
CAMPAIGN_STATUS_LABELS = {
    "draft": gettext_lazy("draft"),
    "active": gettext_lazy("active"),
    "closed": gettext_lazy("closed"),
}
KIND_LABELS = {
    "article": gettext_lazy("article"),
    "infographic": gettext_lazy("infographic"),
    "video": gettext_lazy("video"),
    "other": gettext_lazy("other"),
}
SKILL_LABELS = {
    "writing": gettext_lazy("writing"),
    "visual_design": gettext_lazy("visual design"),
    "video": gettext_lazy("video"),
    "it": gettext_lazy("IT"),
}
LANGUAGE_LABELS = {
    "id": "Bahasa Indonesia", "vi": "Tiếng Việt", "en": "English", "jv": "Basa Jawa", "su": "Basa Sunda",
    "ms": "Bahasa Melayu", "ar": "العربية",
}  # fmt: skip


def campaigns_view(allowed=policy.can_use_campaigns):
    return guarded_view(
        allowed, denied="campaigns/workflow/denied.html", not_found="campaigns/workflow/not_found.html",
        refusals=(NotAllowed,),
        missing=(Campaign.DoesNotExist, Brief.DoesNotExist, Assignment.DoesNotExist, Draft.DoesNotExist),
    )  # fmt: skip


def _labels() -> dict:
    return {
        "status_labels": STATUS_LABELS,
        "campaign_status_labels": CAMPAIGN_STATUS_LABELS,
        "kinds": [(k, KIND_LABELS[k]) for k in CONTENT_KINDS],
        "skills": [(s, SKILL_LABELS[s]) for s in SKILLS],
        "content_languages": [(c, LANGUAGE_LABELS[c]) for c in LANGUAGES],
        "campaign_statuses": [(s, CAMPAIGN_STATUS_LABELS[s]) for s in Campaign.STATUSES],
        "kind_labels": KIND_LABELS,
        "language_labels": LANGUAGE_LABELS,
        "skill_labels": SKILL_LABELS,
    }


def _page(request, template: str, context: dict, status: int = 200):
    can_read = policy.can_read_campaigns(request.user)
    return render(request, template, {**_labels(), "can_read": can_read, **context}, status=status)


@campaigns_view()
def home(request):
    if not policy.can_read_campaigns(request.user):
        return redirect("campaigns:mine")
    campaigns = workflow.visible_campaigns(request.user).prefetch_related("briefs")
    return _page(request, "campaigns/workflow/campaigns.html", {
        "campaigns": campaigns, "can_manage": policy.can_manage_campaigns(request.user),
    })  # fmt: skip


def _campaign_form(request, campaign=None, status=200):
    return _page(request, "campaigns/workflow/campaign_form.html", {
        "campaign": campaign, "values": request.POST or None,
        "propaganda": workflow.confirmed_propaganda()[:200],
    }, status=status)  # fmt: skip


def _form_data(request) -> dict:
    data = request.POST.dict()
    data["counters"] = request.POST.getlist("counters")
    return data


@campaigns_view(policy.can_manage_campaigns)
def campaign_new(request):
    if request.method == "POST":
        try:
            campaign = workflow.create_campaign(request.user, _form_data(request))
        except NotAllowed:
            raise
        except WorkflowError as refused:
            messages.error(request, str(refused))
            return _campaign_form(request, status=400)
        messages.success(request, _("Campaign created."))
        return redirect("campaigns:campaign", campaign.pk)
    return _campaign_form(request)


@campaigns_view(policy.can_manage_campaigns)
def campaign_edit(request, pk: int):
    campaign = workflow.get_campaign(request.user, pk)
    if request.method == "POST":
        try:
            workflow.update_campaign(request.user, campaign, _form_data(request))
        except NotAllowed:
            raise
        except WorkflowError as refused:
            messages.error(request, str(refused))
            return _campaign_form(request, campaign, status=400)
        messages.success(request, _("Campaign saved."))
        return redirect("campaigns:campaign", campaign.pk)
    return _campaign_form(request, campaign)


@campaigns_view()
def campaign(request, pk: int):
    found = workflow.get_campaign(request.user, pk)
    can_manage = policy.can_manage_campaigns(request.user) and not found.read_only
    if request.method == "POST":
        if not can_manage:
            raise NotAllowed("not a coordinator")
        try:
            brief = workflow.add_brief(request.user, found, request.POST.dict())
        except WorkflowError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Brief added: now choose the ambassadors."))
            return redirect("campaigns:brief", brief.pk)
    assignments = workflow.visible_assignments(request.user).filter(brief__campaign=found)
    briefs = [(brief, [a for a in assignments if a.brief_id == brief.pk]) for brief in found.briefs.all()]
    if not policy.can_read_campaigns(request.user):
        briefs = [(brief, mine) for brief, mine in briefs if mine]
    return _page(request, "campaigns/workflow/campaign.html", {
        "campaign": found, "briefs": briefs, "can_manage": can_manage,
        "counters": found.counters.all() if policy.can_read_campaigns(request.user) else [],
    })  # fmt: skip


@campaigns_view()
def brief(request, pk: int):
    found = workflow.get_brief(request.user, pk)
    can_manage = policy.can_manage_campaigns(request.user) and not found.campaign.read_only
    if request.method == "POST":
        if not can_manage:
            raise NotAllowed("not a coordinator")
        try:
            made = workflow.assign(
                request.user, found, request.POST.getlist("ambassadors"), request.POST.get("due_on")
            )
        except WorkflowError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("%(n)d ambassador(s) assigned.") % {"n": len(made)})
        return redirect("campaigns:brief", found.pk)
    return _page(request, "campaigns/workflow/brief.html", {
        "brief": found, "can_manage": can_manage,
        "assignments": workflow.visible_assignments(request.user).filter(brief=found),
        "candidates": workflow.candidates(found) if can_manage else [],
    })  # fmt: skip


@campaigns_view()
def assignment(request, pk: int):
    found = workflow.get_assignment(request.user, pk)
    return _page(request, "campaigns/workflow/assignment.html", {
        "assignment": found, "events": workflow.timeline(found), "step_labels": STEP_LABELS,
        "steps": workflow.allowed_steps(request.user, found), "link": workflow.tracked_link(found),
    })  # fmt: skip


@require_POST
@campaigns_view()
def assignment_step(request, pk: int, step: str):
    found = workflow.get_assignment(request.user, pk)
    post = request.POST
    try:
        if step == "submit":
            workflow.submit_draft(request.user, found, text=post.get("text", ""), link=post.get("link", ""),
                                  upload=request.FILES.get("file"))  # fmt: skip
            messages.success(request, _("Draft submitted for review."))
        elif step in ("approve", "request_changes", "reject"):
            workflow.review(request.user, found, step, post.get("comment", ""))
            messages.success(request, _("Decision recorded."))
        elif step == "publish":
            workflow.record_publication(
                request.user, found, url=post.get("url", ""), platform=post.get("platform", ""),
                published_on=post.get("published_on", ""),
            )  # fmt: skip
            messages.success(request, _("Publication recorded."))
        else:
            raise Assignment.DoesNotExist
    except NotAllowed:
        raise
    except WorkflowError as refused:
        messages.error(request, str(refused))
    return redirect("campaigns:assignment", found.pk)


@campaigns_view()
def draft_file(request, pk: int):
    draft = Draft.objects.select_related("assignment").get(pk=pk, file__gt="")
    workflow.get_assignment(request.user, draft.assignment_id)  # may the user see it? (404 otherwise)
    response = HttpResponse(drafts.load(draft.file), content_type=draft.file_mime)
    response["Content-Disposition"] = f'attachment; filename="{draft.file_name.replace(chr(34), "")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@campaigns_view(policy.can_review_drafts)
def reviews(request):
    return _page(request, "campaigns/workflow/reviews.html", {"queue": workflow.review_queue(request.user)})


@campaigns_view(policy.can_contribute)
def mine(request):
    ambassador = request.user.ambassador
    return _page(request, "campaigns/workflow/mine.html", {
        "ambassador": ambassador, "assignments": workflow.visible_assignments(request.user),
        "results": [(STATUS_LABELS[s], n) for s, n in workflow.results(ambassador).items()],
    })  # fmt: skip


@campaigns_view(policy.can_read_library)
def library(request):
    query, language, kind = (request.GET.get(k, "").strip() for k in ("q", "language", "kind"))
    items = workflow.library(request.user, query=query, language=language if language in LANGUAGES else "",
                             kind=kind if kind in CONTENT_KINDS else "")  # fmt: skip
    return _page(request, "campaigns/workflow/library.html", {
        "items": items[:200], "query": query, "language": language, "kind": kind
    })  # fmt: skip
