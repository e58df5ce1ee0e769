"""Request bodies outside TAXII are refused above settings.WEB_MAX_REQUEST_BYTES before they are read.

Django counts form fields against DATA_UPLOAD_MAX_MEMORY_SIZE but not uploaded files, which it spools to disk
whatever their size; this refuses the whole request by its Content-Length first. (A body without a
Content-Length is read as empty by Django's WSGI request, so it cannot carry more.) TAXII answers its own,
larger limit as a TAXII error (taxii/views.py). A NUL character in the address is refused too.
"""

from django.conf import settings
from django.shortcuts import render

from hotline.stix import NUL
from hotline.taxii.http import TaxiiError
from hotline.web import errors

_TAXII_PREFIX = "/taxii2/"


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or ""
        if (
            declared.isdigit()
            and int(declared) > settings.WEB_MAX_REQUEST_BYTES
            and not request.path_info.startswith(_TAXII_PREFIX)
        ):
            return render(
                request,
                "web/too_large.html",
                {"limit": settings.WEB_MAX_REQUEST_BYTES},
                status=413,
            )
        return self.get_response(request)


class NulInAddressMiddleware:
    """A NUL character (%00) in the path or in a query parameter is a 400 before any view runs: no name,
    id or search holds one, and PostgreSQL would refuse it as a query parameter (stix/nul.py), so it is
    refused the same way on either database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info or any(
            NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
        ):
            if request.path_info.startswith(_TAXII_PREFIX):
                return TaxiiError(
                    400, "Bad request", "A NUL character (%00) is not allowed in the address"
                ).response()
            return errors.bad_request(request)
        return self.get_response(request)
