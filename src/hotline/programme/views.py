"""The programme's pages, under /programme/. Thin: ask the access policy, call services, render.

Every page needs a sign-in and programme.read (403 otherwise); forms that change something need
programme.edit. A point the user may not see does not exist for them (404). Refused input is shown on the
page and changes nothing. The calendar feed is reached by its private token instead of a session."""

from datetime import datetime, timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotline.access import policy
from hotline.access.decorators import guarded_view
from hotline.programme import calendar, joint, report, services
from hotline.programme.errors import NotAllowed, ProgrammeError
from hotline.programme.models import SIDES, Activity, AgreedPoint, CooperationRequest, Evidence, Meeting

UPCOMING_DAYS = 90


def programme_view(allowed=policy.can_read_programme):
    return guarded_view(
        allowed, denied="programme/denied.html", not_found="programme/not_found.html",
        refusals=(NotAllowed,),
        missing=(AgreedPoint.DoesNotExist, CooperationRequest.DoesNotExist, Activity.DoesNotExist,
                 Meeting.DoesNotExist),
    )  # fmt: skip


def _language() -> str:
    return (translation.get_language() or "en")[:2]


@programme_view()
def dashboard(request):
    user, now = request.user, timezone.now()
    today, horizon = now.date(), now.date() + timedelta(days=UPCOMING_DAYS)
    points = list(services.visible_points(user))
    by_status = [(label, [p for p in points if p.status == value]) for value, label in AgreedPoint.STATUSES]
    upcoming = [
        (a.date, a.get_kind_display(), a.title, reverse("programme:point", args=[a.point_id]))
        for a in services.visible_activities(user).filter(date__gte=today, date__lte=horizon)
    ]
    upcoming += [
        (p.due_date, _("due date"), str(p), reverse("programme:point", args=[p.pk]))
        for p in points
        if p.status in AgreedPoint.OPEN and p.due_date and today <= p.due_date <= horizon
    ]
    upcoming += [
        (r.deadline.date(), _("request deadline"), r.subject, reverse("programme:requests"))
        for r in services.visible_requests(user).filter(
            status__in=CooperationRequest.PENDING, deadline__gte=now, deadline__date__lte=horizon
        )
    ]
    context = {
        "by_status": by_status,
        "overdue_points": services.overdue_points(user, today),
        "overdue_requests": services.overdue_requests(user, now),
        "upcoming": sorted(upcoming, key=lambda item: item[0]),
        "language": _language(),
        "report_languages": report.LANGUAGES,
    }
    return render(request, "programme/dashboard.html", context)


@programme_view()
def point(request, pk: int):
    found = services.get_point(request.user, pk)
    if request.method == "POST":
        if not policy.can_edit_programme(request.user):
            return render(request, "programme/denied.html", status=403)
        try:
            if request.POST.get("action") == "evidence":
                services.add_evidence(
                    request.user, found, request.POST.get("kind", ""), request.POST.get("title", ""),
                    request.POST.get("reference", ""),
                )  # fmt: skip
                messages.success(request, _("Evidence added."))
            else:
                services.set_point_status(
                    request.user, found, request.POST.get("status", ""), note=request.POST.get("note", "")
                )
                messages.success(request, _("Status changed."))
        except ProgrammeError as exc:
            messages.error(request, str(exc))
        else:
            return redirect("programme:point", pk=found.pk)
    context = {
        "point": found,
        "text": found.text(_language()),
        "timeline": services.timeline(found),
        "next_statuses": [
            (s, label) for s, label in AgreedPoint.STATUSES if s in AgreedPoint.PIPELINE[found.status]
        ],
        "evidence_kinds": Evidence.KINDS,
        "can_edit": policy.can_edit_programme(request.user),
        "versions": joint.history(found),
    }
    return render(request, "programme/point.html", context)


def _number(value: str):
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ProgrammeError(_("%(value)s is not a whole number") % {"value": value})
    return int(value)


@programme_view()
def activities(request):
    user = request.user
    if request.method == "POST":
        if not policy.can_edit_programme(user):
            return render(request, "programme/denied.html", status=403)
        post = request.POST
        try:
            served = services.get_point(user, int(post.get("point") or 0))
            fields = _activity_fields(post)
            created = services.create_activity(
                user, served, post.get("kind", ""), post.get("title", ""), **fields
            )
        except (ProgrammeError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Activity %(title)s recorded.") % {"title": created.title})
            return redirect("programme:activities")
    context = {
        "activities": services.visible_activities(user),
        "points": services.visible_points(user),
        "kinds": Activity.KINDS,
        "forums": Activity.FORUMS,
        "can_edit": policy.can_edit_programme(user),
    }
    return render(request, "programme/activities.html", context)


def _fail(message: str):
    raise ProgrammeError(message)


NUMBERS = ("participants_indonesia", "participants_vietnam", "hours", "certificates")


def _activity_fields(post) -> dict:
    fields = {
        name: post.get(name, "").strip()
        for name in services.ACTIVITY_FIELDS
        if name not in ("date", *NUMBERS)
    }
    for name in NUMBERS:
        fields[name] = _number(post.get(name, ""))
    fields["date"] = None
    if post.get("date"):
        fields["date"] = parse_date(post["date"]) or _fail(_("the date is not a date"))
    return fields


@programme_view(policy.can_edit_programme)
def activity_edit(request, pk: int):
    found = services.visible_activities(request.user).get(pk=pk)
    if request.method == "POST":
        try:
            fields = _activity_fields(request.POST)
            services.update_activity(
                request.user, found, title=request.POST.get("title", ""), note=request.POST.get("note", ""),
                **fields,
            )  # fmt: skip
        except (ProgrammeError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Activity %(title)s changed.") % {"title": found.title})
            return redirect("programme:activities")
        found.refresh_from_db()
    context = {"activity": found, "forums": Activity.FORUMS}
    return render(request, "programme/activity_edit.html", context)


@programme_view(policy.can_edit_programme)
def meeting_edit(request, pk: int):
    found = Meeting.objects.get(pk=pk)
    if request.method == "POST":
        post = request.POST
        try:
            when = None
            if post.get("date"):
                when = parse_date(post["date"]) or _fail(_("the date is not a date"))
            services.update_meeting(
                request.user, found, note=post.get("note", ""), title=post.get("title", ""),
                place=post.get("place", ""), date=when, date_text=post.get("date_text", "").strip(),
                host_side=post.get("host_side", ""), agenda=post.get("agenda", ""),
                minutes=post.get("minutes", ""),
            )  # fmt: skip
        except (ProgrammeError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Meeting %(code)s changed.") % {"code": found.code})
            point = services.visible_points(request.user).filter(meeting=found).first()
            return redirect("programme:point", pk=point.pk) if point else redirect("programme:dashboard")
        found.refresh_from_db()
    return render(request, "programme/meeting_edit.html", {"meeting": found, "sides": SIDES})


@programme_view()
def requests(request):
    user = request.user
    if request.method == "POST":
        if not policy.can_edit_programme(user):
            return render(request, "programme/denied.html", status=403)
        post = request.POST
        try:
            deadline = parse_datetime(post.get("deadline", "")) or _fail(
                _("the deadline is not a date and time")
            )
            if timezone.is_naive(deadline):
                deadline = timezone.make_aware(deadline, timezone.get_current_timezone())
            served = services.get_point(user, int(post["point"])) if post.get("point") else None
            services.create_request(
                user, post.get("request_type", ""), post.get("subject", ""),
                requesting_side=post.get("requesting_side", ""),
                requested_side=post.get("requested_side", ""), deadline=deadline,
                details=post.get("details", ""), point=served,
            )  # fmt: skip
        except (ProgrammeError, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Request recorded."))
            return redirect("programme:requests")
    context = {
        "requests": services.visible_requests(user),
        "points": services.visible_points(user),
        "types": CooperationRequest.TYPES,
        "sides": SIDES,
        "pipeline": {k: list(v) for k, v in CooperationRequest.PIPELINE.items()},
        "statuses": CooperationRequest.STATUSES,
        "now": timezone.now(),
        "can_edit": policy.can_edit_programme(user),
    }
    return render(request, "programme/requests.html", context)


@require_POST
@programme_view(policy.can_edit_programme)
def request_status(request, pk: int):
    found = services.visible_requests(request.user).get(pk=pk)
    try:
        services.set_request_status(
            request.user, found, request.POST.get("status", ""), note=request.POST.get("note", "")
        )
    except ProgrammeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Status changed."))
    return redirect("programme:requests")


@programme_view()
def calendar_page(request):
    if request.method == "POST":
        calendar.rotate_token(request.user)
        messages.success(request, _("A new calendar address was made; the old one no longer works."))
        return redirect("programme:calendar")
    token = calendar.token_for(request.user)
    url = request.build_absolute_uri(reverse("programme:feed", args=[token]))
    return render(request, "programme/calendar.html", {"feed_url": url})


def feed(request, token: str):
    user = calendar.user_of(token)
    if user is None or not policy.can_read_programme(user):
        raise Http404
    body = calendar.feed(user, _language())
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@programme_view()
def report_download(request, fmt: str):
    language = request.GET.get("language") or _language()
    try:
        body = report.generate(request.user, fmt, language)
    except ProgrammeError as exc:
        messages.error(request, str(exc))
        return redirect("programme:dashboard")
    stamp = datetime.now().strftime("%Y%m%d")
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="jwg-progress-{stamp}-{language}.{fmt}"'
    return response
