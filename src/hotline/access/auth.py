"""Authentication for the machine-facing API: HTTP Basic with the node's users, or an API token."""

import base64
import binascii

from django.contrib.auth import authenticate

from hotline.access.services import user_for_token


def authenticate_request(request):
    """The user behind a request's Authorization header (or its web session), or None."""
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, credentials = header.partition(" ")
    scheme = scheme.lower()
    credentials = credentials.strip()
    if scheme == "basic":
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        username, sep, password = decoded.partition(":")
        if not sep:
            return None
        return authenticate(request, username=username, password=password)
    if scheme in ("bearer", "token"):
        return user_for_token(credentials)
    # A logged-in officer may browse the API; writes need credentials, so a session cannot be used for CSRF.
    if not header and request.method in ("GET", "HEAD") and request.user.is_authenticated:
        return request.user
    return None
