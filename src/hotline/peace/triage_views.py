"""The triage pages: submit (one item or a bulk export), the queue of each language team, an item with its
matches and the decision, the figures. Thin: the policy and the verbs are in triage.py."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotline.access import policy
from hotline.peace import reveal as revealing
from hotline.peace import triage
from hotline.peace.errors import ImportRefused, PeaceError
from hotline.peace.models import BEHAVIOURS, LANGUAGE_TEAMS, TLP_CHOICES, Bank, BankEntry, Submission
from hotline.peace.services import Labels
from hotline.peace.views import _labels, peace_view, revealed_response


@peace_view(policy.can_submit_for_triage)
def submit(request):
    if request.method == "POST":
        post = request.POST
        try:
            export = request.FILES.get("export")
            if export is not None:
                media = {f.name: f.read() for f in request.FILES.getlist("media")}
                created = triage.submit_bulk(request.user, export.read(), export.name, media)
                messages.success(request, _("%(count)d posts submitted.") % {"count": len(created)})
            else:
                upload = request.FILES.get("file")
                item = triage.Post(
                    data=upload.read() if upload else None, text=post.get("text", ""),
                    url=post.get("url", ""), platform=post.get("platform", ""),
                )  # fmt: skip
                triage.submit(request.user, item)
                messages.success(request, _("Submitted for triage."))
            return redirect("peace:triage-submit")
        except ImportRefused as exc:
            messages.error(request, _("Nothing was submitted: the export has bad rows."))
            for problem in exc.problems[:50]:
                messages.error(request, problem)
        except PeaceError as exc:
            messages.error(request, str(exc))
    return render(request, "peace/triage_submit.html", status=400 if request.method == "POST" else 200)


@peace_view(policy.can_triage)
def queue(request):
    team = request.GET.get("team", "id")
    if team not in LANGUAGE_TEAMS:
        team = "id"
    pending = triage.figures(request.user)["pending"]
    teams = [
        {"code": code, "count": pending.get(code, 0), "current": code == team} for code in LANGUAGE_TEAMS
    ]
    items = triage.queue(request.user, team)[:200]
    return render(request, "peace/triage_queue.html", {"teams": teams, "team": team, "items": items})


def _get(pk: int) -> Submission:
    return Submission.objects.select_related("entry", "decided_by", "submitted_by").get(pk=pk)


@peace_view(policy.can_triage)
def item(request, pk: int, revealed: revealing.Revealed | None = None):
    submission = _get(pk)
    ids = [m["entry"] for m in submission.matches]
    visible = policy.visible_bank_entries(request.user, BankEntry.objects.filter(pk__in=ids))
    entries = {e.pk: e for e in visible}
    matches = [{**m, "entry": entries[m["entry"]]} for m in submission.matches if m["entry"] in entries]
    context = {
        "item": submission,
        "matches": matches,
        "hidden": len(submission.matches) - len(matches),
        "banks": Bank.objects.filter(owner=None).order_by("name")
        if policy.can_manage_banks(request.user)
        else [],
        "behaviours": BEHAVIOURS,
        "tlp_choices": TLP_CHOICES,
        "revealed": revealed,
        "masked_text": revealing.masked(submission.text),
    }
    return render(request, "peace/triage_item.html", context)


@require_POST
@peace_view(policy.can_triage)
def decide(request, pk: int):
    submission = _get(pk)
    post = request.POST
    entry = bank = None
    try:
        if post.get("entry"):
            entry = BankEntry.objects.filter(pk=post["entry"]).first()
        if post.get("bank"):
            bank = Bank.objects.filter(name=post["bank"]).first()
        labels = _labels(post) if post.get("decision") == "new" else Labels()
        decision = post.get("decision", "")
        note = post.get("note", "")
        triage.decide(request.user, submission, decision, entry=entry, bank=bank, labels=labels, note=note)
        messages.success(request, _("Decision recorded."))
    except PeaceError as exc:
        messages.error(request, str(exc))
        return redirect("peace:triage-item", pk=submission.pk)
    return redirect(f"{_queue_url()}?team={submission.language}")


def _queue_url() -> str:
    from django.urls import reverse

    return reverse("peace:triage")


@peace_view(policy.can_triage)
def preview(request, pk: int):
    try:
        data = triage.preview(request.user, _get(pk))
    except (PeaceError, ValueError):
        return HttpResponse(status=404)
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@peace_view(policy.can_triage)
def reveal(request, pk: int):
    submission = _get(pk)
    try:
        shown = revealing.submission(request.user, submission)
    except PeaceError as exc:
        messages.error(request, str(exc))
        return redirect("peace:triage-item", pk=pk)
    return revealed_response(shown, lambda r: item(request, pk, revealed=r), f"submission-{pk}")


@peace_view(policy.can_triage)
def figures(request):
    return render(request, "peace/triage_figures.html", {"figures": triage.figures(request.user)})
