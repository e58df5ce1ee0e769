"""Error pages: never a stack trace. Under /taxii2/ every error is a TAXII error message (JSON); elsewhere a
page in the user's language. Installed as handler400/403/404/500 of hotline/urls.py and CSRF_FAILURE_VIEW."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from hotline.taxii.http import TaxiiError

log = logging.getLogger(__name__)

_TAXII_PREFIX = "/taxii2/"


def _is_taxii(request) -> bool:
    return request.path_info.startswith(_TAXII_PREFIX)


def _page(request, status: int, title: str, text: str):
    return render(request, "web/error.html", {"title": title, "text": text, "status": status}, status=status)


def bad_request(request, exception=None):
    if _is_taxii(request):
        return TaxiiError(400, "Bad request", "The request could not be understood").response()
    return _page(request, 400, _("Bad request"), _("The request could not be understood."))


def forbidden(request, exception=None):
    if _is_taxii(request):
        return TaxiiError(403, "Forbidden", "You may not do this").response()
    return _page(request, 403, _("Not allowed"), _("You may not see this page or take this action."))


def not_found(request, exception=None):
    if _is_taxii(request):
        return TaxiiError(404, "Not found", f"No TAXII endpoint at {request.path}").response()
    return _page(request, 404, _("Page not found"), _("There is no such page, or you may not see it."))


def server_error(request):
    # Nothing here may fail in turn: no database, no request context, a template of its own.
    if _is_taxii(request):
        return TaxiiError(500, "Internal error", "The server could not complete the request").response()
    try:
        return HttpResponseServerError(loader.get_template("web/server_error.html").render())
    except Exception:
        log.exception("the error page itself failed")
        return HttpResponseServerError("Internal error", content_type="text/plain; charset=utf-8")


def csrf_failure(request, reason=""):
    if _is_taxii(request):
        return TaxiiError(403, "Forbidden", "Cross-site request refused").response()
    return _page(
        request,
        403,
        _("The form has expired"),
        _("The form was not sent from this site, or it has expired. Go back, reload the page and try again."),
    )
