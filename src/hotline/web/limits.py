"""Request bodies outside TAXII are refused above settings.WEB_MAX_REQUEST_BYTES before they are read.

Django counts form fields against DATA_UPLOAD_MAX_MEMORY_SIZE but not uploaded files, which it spools to disk
whatever their size; this refuses the whole request by its Content-Length first. (A body without a
Content-Length is read as empty by Django's WSGI request, so it cannot carry more.) TAXII answers its own,
larger limit as a TAXII error (taxii/views.py).
"""

from django.conf import settings
from django.shortcuts import render

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
