"""The audit trail's pages, for auditors only: browse with filters, export as CSV (itself recorded)."""

import csv
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from hotline.access import policy
from hotline.audit import services
from hotline.audit.forms import TrailFilterForm

PAGE_SIZE = 100


def auditor_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not policy.can_read_audit_trail(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


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
