"""The partner-links pages (thin: partners.services decides)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hotline.federation.receive import QuarantineError
from hotline.federation.services import NAME_RE
from hotline.partners import services


def _page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            return view(request, *args, **kwargs)
        except services.NotAllowed:
            return render(request, "partners/denied.html", status=403)
        except services.NotFound:
            return render(request, "partners/not_found.html", status=404)

    return wrapper


@_page
def links(request):
    rows = services.links(request.user)
    return render(request, "partners/links.html", {"rows": rows})


@_page
def quarantine(request):
    partner, entries = services.quarantine(request.user, request.GET.get("partner", ""))
    return render(
        request,
        "partners/quarantine.html",
        {"partner": partner, "entries": entries, "can_manage": services.can_manage(request.user)},
    )


@require_POST
@_page
def decide(request, pk: int, action: str):
    try:
        entry = services.decide(request.user, pk, action)
    except QuarantineError as exc:
        messages.error(request, _("Nothing was changed: %(reason)s") % {"reason": exc})
    else:
        if action == "release":
            text = _("Released: %(id)s is stored as received from %(partner)s.")
        else:
            text = _("Discarded: %(id)s from %(partner)s.")
        messages.success(request, text % {"id": entry.stix_id or "-", "partner": entry.partner.title})
    url = reverse("partners:quarantine")
    back = request.POST.get("partner", "")
    return redirect(f"{url}?partner={back}" if NAME_RE.match(back) else url)
