"""The desk's pages. Thin: parse the request (desk/forms.py), ask the access policy, call the desk's services
and queries, render.

Every page needs a login. Reading pages need `policy.can_read_desk`, acting ones `policy.can_use_desk`;
others get 403. A message the user may not see does not exist for them (404). A step the message's state
does not allow is refused with a message on the page, and nothing changes.
"""

from datetime import timedelta
from functools import wraps
from types import SimpleNamespace
from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotline.access import policy
from hotline.audit import services as audit
from hotline.desk import (
    attachments,
    forms,
    lifecycle,
    notifications,
    queries,
    reports,
    roster,
    search,
    services,
    ui_queries,
)
from hotline.desk.errors import DeskError, NotAllowed, NotFound
from hotline.desk.language import detect_language
from hotline.federation import services as federation_services

PAGE_SIZE = 50
ROSTER_PAST, ROSTER_AHEAD = timedelta(days=1), timedelta(days=14)


# --- access -------------------------------------------------------------------------------------------------


def desk_view(*, act: bool = False):
    """Log in first; then the desk's read (or act) permission, else 403. NotFound from the desk -> 404,
    NotAllowed -> 403 (both as a page in the user's language)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = policy.can_use_desk if act else policy.can_read_desk
            if not allowed(request.user):
                return denied(request)
            try:
                return view(request, *args, **kwargs)
            except NotFound:
                return not_found(request)
            except NotAllowed:
                return denied(request)

        return wrapper

    return decorate


def denied(request):
    return render(request, "desk/denied.html", status=403)


def not_found(request):
    return render(request, "desk/not_found.html", status=404)


def _reraise_access(exc: DeskError) -> None:
    if isinstance(exc, NotAllowed | NotFound):
        raise exc


def _page(request, found):
    return Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))


# --- dashboard and lists ------------------------------------------------------------------------------------


@desk_view()
def dashboard(request):
    user = request.user
    board = queries.dashboard(user)
    partners = [
        SimpleNamespace(
            partner=p,
            deadlines=[(priority, *p.deadlines(priority)) for priority in forms.PRIORITY_LABELS],
            status=federation_services.link_status(p),
        )
        for p in board.partners
    ]
    return render(
        request,
        "desk/dashboard.html",
        {
            "board": board,
            "partners": partners,
            "notes": list(notifications.notifications_for(user, unread_only=True)[:10]),
            "can_act": policy.can_use_desk(user),
        },
    )


@require_POST
@desk_view()
def notifications_read(request):
    notifications.mark_read(request.user)
    return redirect("desk:dashboard")


def _message_list(request, title: str, found, box: str):
    return render(
        request,
        "desk/message_list.html",
        {
            "title": title,
            "box": box,
            "page": _page(request, found),
            "include_closed": request.GET.get("closed") == "1",
            "can_act": policy.can_use_desk(request.user),
        },
    )


@desk_view()
def inbox(request):
    found = queries.inbox(request.user, include_closed=request.GET.get("closed") == "1")
    return _message_list(request, _("Inbox"), found, "inbox")


@desk_view()
def outbox(request):
    found = queries.outbox(request.user, include_closed=request.GET.get("closed") == "1")
    return _message_list(request, _("Outbox"), found, "outbox")


# --- one message and its thread ---------------------------------------------------------------------------

ACTIONS = {
    "acknowledge": (services.acknowledge, lifecycle.ACKNOWLEDGED),
    "start": (services.start_work, lifecycle.IN_PROGRESS),
    "close": (services.close, lifecycle.CLOSED),
}


def _action_labels() -> dict:
    return {"acknowledge": _("Acknowledge"), "start": _("Start work"), "close": _("Close")}


def _actions(user, message) -> list[tuple[str, str]]:
    """The steps this user may take on the message now, as (action, label)."""
    if not policy.can_act_on_message(user, message):
        return []
    steps = message.allowed_steps()
    names = ["acknowledge", "start"] if message.is_receiving else []
    names.append("close")
    labels = _action_labels()
    return [(name, labels[name]) for name in names if ACTIONS[name][1] in steps]


def _can_reply(user, message) -> bool:
    return (
        policy.can_act_on_message(user, message)
        and message.is_receiving
        and (message.state == lifecycle.RECEIVED or lifecycle.ANSWERED in message.allowed_steps())
    )


def _refusal(action: str, message) -> str:
    if not message.is_receiving and action != "close":
        return _(
            "Only a message received here can be acknowledged or answered; this one was sent to a partner. "
            "Nothing was changed."
        )
    state = forms.label(forms.STATE_LABELS, message.state)
    texts = {
        "acknowledge": _("This message cannot be acknowledged: it is %(state)s. Nothing was changed."),
        "start": _("Work cannot start on this message: it is %(state)s. Nothing was changed."),
        "close": _("This message cannot be closed: it is %(state)s. Nothing was changed."),
        "reply": _("This message cannot be answered: it is %(state)s. Nothing was changed."),
    }
    return texts[action] % {"state": state}


def _thread_page(request, focused, reply_form=None, status: int = 200):
    user = request.user
    entries = [
        SimpleNamespace(
            message=m,
            attachments=list(m.attachments.all()),
            intel=queries.attached_objects(user, m),
            history=list(m.history()),
            actions=_actions(user, m),
            focused=m.pk == focused.pk,
            can_reply=_can_reply(user, m),
        )
        for m in queries.thread(user, focused)
    ]
    if reply_form is None and _can_reply(user, focused):
        reply_form = forms.ReplyForm(auto_id="reply_%s")
    return render(
        request,
        "desk/thread.html",
        {"focused": focused, "entries": entries, "reply_form": reply_form, "now": timezone.now()},
        status=status,
    )


@desk_view()
def message(request, stix_id: str):
    found = queries.get_message(request.user, stix_id)
    audit.message_read(request.user, found)
    return _thread_page(request, found)


@require_POST
@desk_view(act=True)
def act(request, stix_id: str, action: str):
    message = queries.get_message(request.user, stix_id)
    if action not in ACTIONS:
        return not_found(request)
    step = ACTIONS[action][0]
    try:
        step(request.user, message)
    except DeskError as exc:
        _reraise_access(exc)
        messages.error(request, _refusal(action, queries.get_message(request.user, stix_id)))
    else:
        done = {
            "acknowledge": _("Acknowledged."),
            "start": _("Work on the message has started."),
            "close": _("The message is closed."),
        }
        messages.success(request, done[action])
    return redirect("desk:message", stix_id=message.stix_id)


@require_POST
@desk_view(act=True)
def reply(request, stix_id: str):
    user = request.user
    message = queries.get_message(user, stix_id)
    if not _can_reply(user, message):
        messages.error(request, _refusal("reply", message))
        return redirect("desk:message", stix_id=message.stix_id)
    form = forms.ReplyForm(request.POST, request.FILES, auto_id="reply_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            answer = services.reply(
                user,
                message,
                body=data["body"],
                body_format=data["body_format"],
                language=data["language"],
                attachments=data["attachments"],
            )
        except DeskError as exc:
            _reraise_access(exc)
            if exc.field in form.fields:
                form.add_error(exc.field, exc.message)
            else:
                messages.error(request, _refusal("reply", queries.get_message(user, stix_id)))
                return redirect("desk:message", stix_id=message.stix_id)
        else:
            messages.success(request, _("Your reply has been sent."))
            return redirect("desk:message", stix_id=answer.stix_id)
    return _thread_page(request, message, reply_form=form, status=400)


@desk_view()
def attachment(request, pk: int):
    found = queries.get_attachment(request.user, pk)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        return not_found(request)
    audit.record("desk.attachment", target=found.artifact_id, detail={"message": found.message.stix_id})
    response = FileResponse(handle, as_attachment=True, filename=found.name, content_type=found.mime_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- composing ----------------------------------------------------------------------------------------------


def _initial_from(form_class, data) -> dict:
    """What was typed, as initial values of an unbound form (to re-show it without errors)."""
    multiple = (django_forms.MultipleChoiceField, django_forms.ModelMultipleChoiceField)
    return {
        name: data.getlist(name) if isinstance(field, multiple) else data.get(name)
        for name, field in form_class.base_fields.items()
        if name in data and not isinstance(field, django_forms.FileField)
    }


def _intel_initial_from(data) -> list[dict]:
    try:
        total = min(int(data.get("new-TOTAL_FORMS", 0)), 10)
    except ValueError:
        total = 0
    rows = [
        {name: data.get(f"new-{i}-{name}", "") for name in forms.NewIntelForm.base_fields}
        for i in range(total)
    ]
    return [row for row in rows if any(row.values())]


def _compose_page(request, form, formset, *, results=None, status: int = 200):
    return render(
        request,
        "desk/compose.html",
        {
            "form": form,
            "formset": formset,
            "results": results,
            "picked": [ref for ref, _label in form.fields["intel_refs"].choices],
            "picker_url": reverse("desk:intel-search"),
            "detect_url": reverse("desk:detect-language"),
            "max_bytes": attachments.max_bytes(),
        },
        status=status,
    )


def _draft(form, created: list[dict]) -> services.Draft:
    data = form.cleaned_data
    return services.Draft(
        to=data["to"],
        kind=data["kind"],
        priority=data["priority"],
        subject=data["subject"],
        body=data["body"],
        body_format=data["body_format"],
        language=data["language"],
        tlp=data["tlp"],
        handling_code=data["handling_code"],
        handling_text=data["handling_text"] if data["handling_code"] == "H3" else "",
        source_reliability=data["source_reliability"],
        information_credibility=data["information_credibility"],
        attachments=data["attachments"],
        intel_refs=list(data["intel_refs"]),
        new_intel=created,
        recipients=list(data["recipients"]),
    )


def _new_intel(form, formset, now) -> list[dict] | None:
    """The objects created in the compose form; reports refer to everything else attached. None: an error
    was added to the forms."""
    filled = [f for f in formset if f.has_changed() and f.cleaned_data.get("type")]
    created = [f.build(now) for f in filled if f.cleaned_data["type"] != "report"]
    refs = [*form.cleaned_data["intel_refs"], *(o["id"] for o in created)]
    for f in filled:
        if f.cleaned_data["type"] == "report":
            if not refs:
                f.add_error(None, _("A report refers to other intelligence: pick or create some first."))
                return None
            created.append(f.build(now, refs))
    return created


@desk_view(act=True)
def compose(request):
    user = request.user
    if request.method != "POST":
        kind = request.GET.get("kind")
        form = forms.ComposeForm(initial={"kind": kind} if kind in forms.KIND_LABELS else None)
        return _compose_page(request, form, forms.NewIntelFormSet(prefix="new"))

    picked = ui_queries.intel_by_ids(user, request.POST.getlist("intel_refs"))
    if "find_intel" in request.POST:  # the picker without JavaScript: show the form again with results
        results = ui_queries.pickable_intel(
            user, request.POST.get("intel_query", ""), request.POST.get("intel_type", "")
        )
        form = forms.ComposeForm(initial=_initial_from(forms.ComposeForm, request.POST), picked=picked)
        shown = {o["id"]: o for o in [*picked, *results]}
        form.set_intel_choices(list(shown.values()))
        formset = forms.NewIntelFormSet(initial=_intel_initial_from(request.POST), prefix="new")
        if request.FILES:
            messages.warning(request, _("Files are not kept while searching: choose them again."))
        return _compose_page(request, form, formset, results=results)

    form = forms.ComposeForm(request.POST, request.FILES, picked=picked)
    formset = forms.NewIntelFormSet(request.POST, prefix="new")
    if form.is_valid() and formset.is_valid():
        now = timezone.now()
        created = _new_intel(form, formset, now)
        if created is not None:
            try:
                sent = services.send(user, _draft(form, created), now=now)
            except NotAllowed:
                form.add_error(None, _("You may not create intelligence on this node."))
            except DeskError as exc:
                _reraise_access(exc)
                field = exc.field if exc.field in form.fields else None
                form.add_error(field, exc.message)
            else:
                messages.success(request, _("The message has been sent."))
                return redirect("desk:message", stix_id=sent.stix_id)
    return _compose_page(request, form, formset, status=400)


@desk_view(act=True)
def intel_search(request):
    """The intelligence picker's search (JSON for the compose page's script)."""
    found = ui_queries.pickable_intel(request.user, request.GET.get("q", ""), request.GET.get("type", ""))
    audit.objects_shown(request.user, found, where="intelligence picker")
    return JsonResponse(
        {
            "results": [
                {
                    "id": o["id"],
                    "type": o["type"],
                    "label": forms.intel_label(o),
                    "description": (o.get("description") or "")[:200],
                }
                for o in found
            ]
        }
    )


@require_POST
@desk_view(act=True)
def detect(request):
    """The language the compose page's text is in (the sender may change it)."""
    code = detect_language(request.POST.get("text", "")[:5000])
    return JsonResponse({"language": code, "label": forms.label(forms.LANGUAGE_LABELS, code) if code else ""})


# --- search, report, roster ---------------------------------------------------------------------------------


@desk_view()
def search_page(request):
    form = forms.SearchForm(request.GET or None)
    page, query = None, ""
    if form.is_valid() and form.cleaned_data["q"].strip():
        query = form.cleaned_data["q"].strip()
        page = _page(request, search.search(request.user, query))
    return render(
        request,
        "desk/search.html",
        {"form": form, "page": page, "query": query, "extra": urlencode({"q": query})},
    )


@desk_view()
def report(request):
    form = forms.ReportForm(request.GET or None)
    direction = (form.cleaned_data.get("direction") if form.is_valid() else "") or "incoming"
    rows = reports.service_levels(request.user, direction=direction)
    return render(request, "desk/report.html", {"form": form, "rows": rows, "direction": direction})


def _default_shift() -> dict:
    start = (timezone.now() + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    return {"starts_at": start, "ends_at": start + timedelta(hours=8)}


@desk_view()
def roster_page(request):
    user = request.user
    can_manage = policy.can_manage_roster(user)
    if request.method == "POST":
        if not can_manage:
            return denied(request)
        form = forms.ShiftForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                roster.add_shift(
                    user, data["officer"], data["starts_at"], data["ends_at"], data["handover_note"]
                )
            except DeskError as exc:
                _reraise_access(exc)
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("The shift has been added."))
                return redirect("desk:roster")
        status = 400
    else:
        form = forms.ShiftForm(initial=_default_shift())
        status = 200
    now = timezone.now()
    shifts = [
        SimpleNamespace(
            shift=shift,
            now=shift.starts_at <= now < shift.ends_at,
            handover=forms.HandoverForm(
                prefix=f"shift-{shift.pk}", initial={"handover_note": shift.handover_note}
            )
            if can_manage or shift.officer_id == user.pk
            else None,
        )
        for shift in roster.shifts(user, now - ROSTER_PAST, now + ROSTER_AHEAD)
    ]
    return render(
        request,
        "desk/roster.html",
        {
            "on_duty": roster.who_is_on_duty(user, now),
            "shifts": shifts,
            "form": form if can_manage else None,
            "can_manage": can_manage,
        },
        status=status,
    )


@require_POST
@desk_view()
def handover(request, pk: int):
    shift = ui_queries.get_shift(request.user, pk)
    form = forms.HandoverForm(request.POST, prefix=f"shift-{pk}")
    if form.is_valid():
        roster.hand_over(request.user, shift, form.cleaned_data["handover_note"])
        messages.success(request, _("The handover note has been saved."))
    return redirect("desk:roster")


@require_POST
@desk_view()
def remove_shift(request, pk: int):
    roster.remove_shift(request.user, ui_queries.get_shift(request.user, pk))
    messages.success(request, _("The shift has been removed."))
    return redirect("desk:roster")
