"""The pages of reach (thin: they call links, metrics_import, dashboard, report and sharing)."""

from datetime import datetime

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from hotline.access import policy
from hotline.access.decorators import guarded_view
from hotline.peace.campaigns import dashboard, links, metrics_import, sharing
from hotline.peace.campaigns.models import Ambassador, Campaign
from hotline.peace.campaigns.reach_errors import NotAllowed, ReachError

_PRIVATE_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
LANGUAGES = ("en", "id", "vi")


def reach_view(allowed=policy.can_read_campaigns):
    return guarded_view(
        allowed, denied="campaigns/reach/denied.html", not_found="campaigns/reach/not_found.html",
        refusals=(NotAllowed,), missing=(Campaign.DoesNotExist, Ambassador.DoesNotExist),
    )  # fmt: skip


def _language() -> str:
    language = (translation.get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


def _campaign(user, pk: int) -> Campaign:
    return dashboard.readable_campaigns(user).get(pk=pk)


@require_safe
def visit(request, code: str):
    """`/r/<code>`: a 302 to the ambassador's content, one visit counted (GET only: a HEAD, as link
    previewers send, is answered without counting). Nothing about the visitor is read or kept, and no
    cookie is set."""
    # Without a session on the request, SessionMiddleware saves nothing and sets no cookie on the way out
    # (a signed-in officer's session is not even refreshed by following a link).
    request.__dict__.pop("session", None)
    target = links.visit(code, count=request.method == "GET")
    if target is None:
        response = HttpResponse(b"Not found\n", status=404, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponseRedirect(target)
    for name, value in _PRIVATE_HEADERS.items():
        response[name] = value
    return response


@reach_view()
@require_safe
def overview(request, pk: int | None = None):
    user = request.user
    campaign = _campaign(user, pk) if pk is not None else None
    data = dashboard.figures(user, campaign)
    kinds = [(kind, dashboard.kind_label(kind)) for kind in data.content_by_kind]
    context = {
        "data": data,
        "kinds": kinds,
        "content_rows": [
            (month, [data.content_by_kind[kind][i] for kind, _label in kinds])
            for i, month in enumerate(data.months)
        ],
        "charts": dashboard.charts(data),
        "campaign": campaign,
        "all_campaigns": list(dashboard.readable_campaigns(user).order_by("-starts_on", "title")),
        "can_manage": policy.can_manage_campaigns(user),
        "report_languages": LANGUAGES,
        "language": _language(),
    }
    if campaign is not None:
        context["links"] = list(links.campaign_links(campaign))
        context["ambassadors"] = Ambassador.objects.filter(active=True).order_by("name")
        context["link_base"] = request.build_absolute_uri("/r/")
        context.update(sharing.page_context(campaign))
    return render(request, "campaigns/reach/overview.html", context)


@reach_view(policy.can_manage_campaigns)
@require_POST
def link_create(request, pk: int):
    campaign = _campaign(request.user, pk)
    chosen = request.POST.get("ambassador", "")
    ambassador = Ambassador.objects.get(pk=int(chosen) if chosen.isdigit() else 0)
    try:
        link = links.create_link(request.user, campaign, ambassador, request.POST.get("target_url", ""))
    except NotAllowed:
        raise
    except ReachError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Tracked link /r/%(code)s for %(name)s.") % {"code": link.code, "name": ambassador}
        )
    return redirect("campaigns:reach-campaign", pk=campaign.pk)


@reach_view(policy.can_manage_campaigns)
def metrics_upload(request):
    context = {"problems": [], "result": None}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["problems"] = [_("Choose a CSV file to import.")]
        else:
            try:
                context["result"] = metrics_import.import_metrics(request.user, upload.read())
            except metrics_import.ImportRefused as exc:
                context["problems"] = [
                    _("line %(line)s, column %(column)s: %(message)s")
                    % {"line": p.line, "column": p.column, "message": p.message}
                    for p in exc.problems
                ]
            except NotAllowed:
                raise
            except ReachError as exc:
                context["problems"] = [str(exc)]
        status = 400 if context["problems"] else 200
        return render(request, "campaigns/reach/metrics.html", context, status=status)
    return render(request, "campaigns/reach/metrics.html", context)


@reach_view()
@require_safe
def report_download(request, pk: int, fmt: str):
    from hotline.peace.campaigns import report

    campaign = _campaign(request.user, pk)
    language = request.GET.get("language") or _language()
    try:
        body = report.generate(request.user, campaign, fmt, language)
    except NotAllowed:
        raise
    except ReachError as exc:
        messages.error(request, str(exc))
        return redirect("campaigns:reach-campaign", pk=campaign.pk)
    stamp = datetime.now().strftime("%Y%m%d")
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="campaign-{campaign.pk}-{stamp}-{language}.{fmt}"'
    )
    return response


@reach_view(policy.can_manage_campaigns)
@require_POST
def share(request, pk: int):
    from hotline.federation.models import Partner

    campaign = _campaign(request.user, pk)
    partner = Partner.objects.filter(name=request.POST.get("partner", ""), active=True).first()
    if partner is None:
        messages.error(request, _("Choose a partner."))
        return redirect("campaigns:reach-campaign", pk=campaign.pk)
    try:
        result = sharing.share_campaign(request.user, campaign, partner)
    except NotAllowed:
        raise
    except ReachError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Shared with %(partner)s: the campaign and %(count)s library items.")
            % {"partner": partner.title, "count": result.items},
        )
        for reason in result.refused:
            messages.warning(request, reason)
    return redirect(reverse("campaigns:reach-campaign", args=[campaign.pk]))
