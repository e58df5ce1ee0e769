"""The content security policy of the credentialed API (settings.CREDENTIALED_API_MIDDLEWARE).

The node's policy (settings.CONTENT_SECURITY_POLICY), built by django-csp once per process instead of once
per response: an API response is JSON from a TAXII view, which never asks for a nonce or a policy of its own,
so its policy never varies. django-csp's middleware rebuilt it for every answer, a sixth of the CPU of a
`match[id]` GET (docs/benchmarks.md, 3i). The web pages keep django-csp's middleware (nonces, per-view
policies)."""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy


@functools.cache
def _headers() -> tuple[tuple[str, str], ...]:
    built = ((HEADER, build_policy()), (HEADER_REPORT_ONLY, build_policy(report_only=True)))
    return tuple((name, value) for name, value in built if value)


class ApiContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in _headers():
            if name not in response:
                response[name] = value
        return response
