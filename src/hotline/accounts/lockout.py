"""What a locked-out client gets (django-axes calls this: AXES_LOCKOUT_CALLABLE): a TAXII error message on
the TAXII API, a page in the user's language elsewhere. Both 429 with Retry-After."""

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import render

from hotline.taxii.http import TaxiiError


def lockout_response(request, original_response=None, credentials=None):
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = max(1, seconds // 60)
    if request.path.startswith("/taxii2/"):
        return TaxiiError(
            429,
            "Too many failed attempts",
            f"Authentication from this address is locked for {minutes} minutes after "
            f"{settings.AXES_FAILURE_LIMIT} failed attempts; every further attempt restarts the wait",
            {"Retry-After": str(seconds)},
        ).response()
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        logout(request)  # a half-signed-in session (wrong second-step codes) ends here
    response = render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response
