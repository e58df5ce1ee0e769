"""The audit trail's pages, for auditors only: browse with filters, export as CSV (itself recorded)."""

import csv
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotline.access import policy
from hotline.audit import retention, services
from hotline.audit.forms import RenewForm, TrailFilterForm
from hotline.intel import queries

PAGE_SIZE = 100


RETENTION_DAYS = 30


def allowed_by(rule):
    """Log in first; then `rule(user)`, else 403."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


auditor_view = allowed_by(policy.can_read_audit_trail)
renewer_view = allowed_by(policy.can_renew_retention)


def _filters(request) -> tuple[TrailFilterForm, dict]:
    form = TrailFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, {k: v for k, v in form.cleaned_data.items() if v}
    return form, {}


@auditor_view
def trail(request):
    form, filters = _filters(request)
    records = services.filtered(**filters) if not form.errors else services.filtered().none()
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {"form": form, "page": page, "extra": query.urlencode(), "filters": filters},
    )


class _Echo:
    def write(self, value):
        return value


@auditor_view
def export_csv(request):
    form, filters = _filters(request)
    if form.errors:
        return render(request, "audit/trail.html", {"form": form, "page": None, "extra": ""}, status=400)
    records = services.filtered(**filters)
    detail = {k: str(v) for k, v in filters.items()}
    detail["records"] = records.count()
    services.record("audit.export", target="csv", detail=detail)
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in services.csv_rows(records)), content_type="text/csv; charset=utf-8"
    )
    name = f"audit-trail-{timezone.now():%Y%m%dT%H%M%SZ}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@renewer_view
def retention_page(request):
    """What the retention rules purge within RETENTION_DAYS, among the objects this officer may read."""
    due = retention.expiring(within_days=RETENTION_DAYS)
    visible = policy.can_see_object_ids(request.user, [e.stix_id for e in due])
    due = [e for e in due if e.stix_id in visible]
    objects = queries.latest_objects([e.stix_id for e in due])
    items = [{"expiry": e, "name": objects.get(e.stix_id, {}).get("name", "")} for e in due]
    return render(
        request, "audit/retention.html", {"items": items, "days": RETENTION_DAYS, "form": RenewForm()}
    )


@require_POST
@renewer_view
def renew(request):
    form = RenewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an object to renew."))
        return redirect("audit:retention")
    try:
        renewal = retention.renew(request.user, form.cleaned_data["stix_id"], note=form.cleaned_data["note"])
    except retention.RetentionError:
        messages.error(request, _("This object cannot be renewed by you."))
    else:
        messages.success(
            request, _("Renewed: kept until %(date)s.") % {"date": f"{renewal.kept_until:%Y-%m-%d}"}
        )
    return redirect("audit:retention")
