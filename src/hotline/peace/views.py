"""The Peace Media Center's pages. Thin: ask the access policy, call services/matching/queries, render.

Every page needs a login; reading needs `policy.can_read_banks`, changing `policy.can_manage_banks` (403
otherwise). An entry the user may not see does not exist for them (404). Refused input is shown on the page
and changes nothing. Images are shown blurred; the original only after a reviewer asks (a POST, audited).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotline.access import policy
from hotline.access.decorators import guarded_view
from hotline.federation.models import Partner
from hotline.peace import matching, queries, reveal, services
from hotline.peace.errors import ImportRefused, NotAllowed, PeaceError
from hotline.peace.models import BEHAVIOURS, CONTENT_TYPES, TLP_CHOICES, Bank, BankEntry

PAGE_SIZE = 50


def peace_view(allowed=policy.can_read_banks):
    return guarded_view(
        allowed, denied="peace/denied.html", not_found="peace/not_found.html",
        refusals=(NotAllowed,), missing=(Bank.DoesNotExist, BankEntry.DoesNotExist),
    )  # fmt: skip


def _choices() -> dict:
    return {"tlp_choices": TLP_CHOICES, "behaviours": BEHAVIOURS, "content_types": CONTENT_TYPES}


@peace_view()
def banks(request):
    if request.method == "POST":
        if not policy.can_manage_banks(request.user):
            return render(request, "peace/denied.html", status=403)
        try:
            bank = services.create_bank(
                request.user, request.POST.get("name", ""), description=request.POST.get("description", ""),
                tlp=request.POST.get("tlp", "amber"),
            )  # fmt: skip
        except PeaceError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Bank %(name)s created.") % {"name": bank.name})
            return redirect("peace:bank", name=bank.name)
    context = {
        "banks": queries.visible_banks(request.user),
        "can_manage": policy.can_manage_banks(request.user),
    }
    return render(request, "peace/banks.html", {**context, **_choices()})


def _get_bank(name: str) -> Bank:
    return Bank.objects.select_related("owner").get(name=name)


@peace_view()
def bank(request, name: str):
    found = _get_bank(name)
    entries = policy.visible_bank_entries(request.user, found.entries.select_related("source"))
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "bank": found,
        "page": page,
        "can_manage": policy.can_manage_banks(request.user) and not found.read_only,
        "partners": Partner.objects.filter(active=True).order_by("name"),
        "shared_with": found.shared_with.order_by("name"),
    }
    return render(request, "peace/bank.html", {**context, **_choices()})


def _labels(post) -> services.Labels:
    return services.Labels(
        organisation=post.get("organisation", "").strip(), behaviour=post.get("behaviour", ""),
        tags=services.Labels.split_tags(post.get("tags", "")), tlp=post.get("tlp", ""),
        notes=post.get("notes", ""),
    )  # fmt: skip


@require_POST
@peace_view(policy.can_manage_banks)
def bank_action(request, name: str, action: str):
    found = _get_bank(name)
    post = request.POST
    try:
        if action == "enable":
            services.set_bank_enabled(request.user, found, post.get("enabled") == "1")
            messages.success(request, _("Saved."))
        elif action == "add":
            upload = request.FILES.get("file")
            keep = post.get("keep") == "1"
            if upload is not None:
                entry = services.add_content(
                    request.user, found, upload.read(), _labels(post), keep_content=keep
                )
            elif post.get("text", "").strip():
                entry = services.add_text(request.user, found, post["text"], _labels(post), keep_content=keep)
            elif post.get("url", "").strip():
                entry = services.add_url(request.user, found, post["url"], _labels(post))
            else:
                raise PeaceError(_("Give a file, a text or a URL."))
            messages.success(request, _("Entry added."))
            return redirect("peace:entry", pk=entry.pk)
        elif action == "import":
            upload = request.FILES.get("file")
            if upload is None:
                raise PeaceError(_("Choose a hash list (CSV or JSON)."))
            result = services.import_hash_list(request.user, found, upload.read(), upload.name)
            messages.success(
                request,
                _("%(added)d entries imported, %(duplicates)d already in the bank, %(skipped)d skipped.")
                % {"added": result.added, "duplicates": result.duplicates, "skipped": result.skipped},
            )
        elif action == "share":
            partner = Partner.objects.filter(name=post.get("partner", ""), active=True).first()
            if partner is None:
                raise PeaceError(_("Choose a partner."))
            result = services.share_bank(request.user, found, partner)
            messages.success(
                request,
                _("Shared with %(partner)s: %(shared)d entries sent, %(refused)d kept home.")
                % {"partner": partner.name, "shared": result.shared, "refused": len(result.refused)},
            )
        else:
            return render(request, "peace/not_found.html", status=404)
    except ImportRefused as exc:
        messages.error(request, _("Nothing was imported: the hash list has bad rows."))
        for problem in exc.problems[:50]:
            messages.error(request, problem)
    except PeaceError as exc:
        messages.error(request, str(exc))
    return redirect("peace:bank", name=found.name)


def _get_entry(user, pk: int) -> BankEntry:
    entry = BankEntry.objects.select_related("bank", "bank__owner", "source").get(pk=pk)
    if not policy.can_see_entry(user, entry):
        raise BankEntry.DoesNotExist
    return entry


def _entry_page(request, entry: BankEntry, revealed: reveal.Revealed | None = None, status: int = 200):
    context = {
        "entry": entry,
        "revealed": revealed,
        "masked_text": reveal.masked(entry.text),
        "can_reveal": bool(entry.content_file) or (entry.content_type == "text" and bool(entry.text)),
        "can_feedback": policy.can_give_feedback(request.user, entry),
        "can_edit": policy.can_manage_banks(request.user)
        and entry.source_id is None
        and not entry.revoked
        and not entry.bank.read_only,
        "feedback": entry.feedback.select_related("partner", "author"),
        "signals": entry.signals(),
        "vpdq_frames": len(entry.vpdq.split()),
        **_choices(),
    }
    return render(request, "peace/entry.html", context, status=status)


@peace_view()
def entry(request, pk: int):
    return _entry_page(request, _get_entry(request.user, pk))


@peace_view()
def entry_preview(request, pk: int):
    found = _get_entry(request.user, pk)
    try:
        data = services.preview(request.user, found)
    except (PeaceError, ValueError):
        return HttpResponse(status=404)
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


def revealed_response(revealed: reveal.Revealed, page, filename: str) -> HttpResponse:
    """The answer to a reveal (peace/reveal.py): a file that is neither image nor text as an attachment,
    else the page with the content shown; never cached."""
    if revealed.is_download:
        response = HttpResponse(revealed.data, content_type=revealed.mime or "application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        response = page(revealed)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@peace_view()
def entry_reveal(request, pk: int):
    found = _get_entry(request.user, pk)
    try:
        shown = reveal.entry(request.user, found)
    except PeaceError as exc:
        messages.error(request, str(exc))
        return redirect("peace:entry", pk=found.pk)
    return revealed_response(shown, lambda r: _entry_page(request, found, revealed=r), f"entry-{found.pk}")


@require_POST
@peace_view(policy.can_manage_banks)
def entry_edit(request, pk: int):
    found = _get_entry(request.user, pk)
    try:
        result = services.edit_entry(request.user, found, _labels(request.POST))
    except PeaceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
        _refusals(request, result)
    return redirect("peace:entry", pk=found.pk)


@require_POST
@peace_view(policy.can_manage_banks)
def entry_revoke(request, pk: int):
    found = _get_entry(request.user, pk)
    try:
        result = services.revoke_entry(request.user, found, request.POST.get("reason", ""))
    except PeaceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Entry revoked: it no longer matches."))
        _refusals(request, result)
    return redirect("peace:entry", pk=found.pk)


def _refusals(request, result: services.Updated) -> None:
    for refusal in result.refused:
        messages.warning(request, _("Not sent to a partner: %(reason)s") % {"reason": refusal})


@require_POST
@peace_view()
def entry_feedback(request, pk: int):
    found = _get_entry(request.user, pk)
    try:
        services.give_feedback(
            request.user, found, request.POST.get("verdict", ""), request.POST.get("comment", "")
        )
    except PeaceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Feedback sent to %(partner)s.") % {"partner": found.source.name})
    return redirect("peace:entry", pk=found.pk)


@peace_view(policy.can_match)
def match(request):
    report, error = None, None
    if request.method == "POST":
        try:
            upload = request.FILES.get("file")
            if upload is not None:
                report = matching.match_content(request.user, upload.read())
            elif request.POST.get("text", "").strip():
                report = matching.match_text(request.user, request.POST["text"])
            elif request.POST.get("url", "").strip():
                report = matching.match_url(request.user, request.POST["url"])
            else:
                error = _("Give a file, a text or a URL.")
        except PeaceError as exc:
            error = str(exc)
    status = 400 if error else 200
    return render(request, "peace/match.html", {"report": report, "error": error}, status=status)
