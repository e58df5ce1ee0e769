"""The content security policy of the credentialed API (settings.CREDENTIALED_API_MIDDLEWARE).

The node's policy (settings.CONTENT_SECURITY_POLICY), built by django-csp once per process instead of once
per response: an API response is JSON from a TAXII view, which never asks for a nonce or a policy of its own,
so its policy never varies. django-csp's middleware rebuilt it for every answer, about a fifth of the CPU of
a `match[id]` GET (0.49 against 0.39 ms; docs/benchmarks.md, 3i). The web pages keep django-csp's middleware
(nonces, per-view policies)."""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.utils import build_policy
from django.core.signals import setting_changed
from django.dispatch import receiver


@functools.cache
def _headers() -> tuple[tuple[str, str], ...]:
    built = ((HEADER, build_policy()), (HEADER_REPORT_ONLY, build_policy(report_only=True)))
    return tuple((name, value) for name, value in built if value)


@receiver(setting_changed)
def _policy_changed(*, setting, **kwargs):
    # Settings change at run time only in tests (override_settings); the policy follows them.
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _headers.cache_clear()


class ApiContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in _headers():
            if name not in response:
                response[name] = value
        return response
