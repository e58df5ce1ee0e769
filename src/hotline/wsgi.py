"""The node's WSGI application: Django, with TAXII requests that carry credentials sent through a shorter
middleware stack (settings.CREDENTIALED_API_MIDDLEWARE): a `match[id]` GET then takes about a tenth less CPU
(docs/benchmarks.md, section 3f)."""

import os

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotline.settings")

API_PREFIX = "/taxii2/"


class CredentialedApiHandler(WSGIHandler):
    """Django's WSGI handler with the credentialed API's middleware stack."""

    def load_middleware(self, is_async=False):
        # Django builds the chain from settings.MIDDLEWARE only; this runs once, at start-up, in one thread.
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.CREDENTIALED_API_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full


def route(full, api):
    """A WSGI application that gives TAXII requests with an Authorization header to `api`, all else to
    `full`."""

    def application(environ, start_response):
        if environ.get("HTTP_AUTHORIZATION") and environ.get("PATH_INFO", "").startswith(API_PREFIX):
            return api(environ, start_response)
        return full(environ, start_response)

    return application


application = route(get_wsgi_application(), CredentialedApiHandler())
