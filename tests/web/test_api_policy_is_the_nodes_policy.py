"""The credentialed API's content security policy (web/api_policy.py, built once per process) is the one
django-csp builds from the node's settings, and follows them when they change."""

from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from hotline.web.api_policy import ApiContentSecurityPolicyMiddleware


def _answer(response=None):
    middleware = ApiContentSecurityPolicyMiddleware(lambda request: response or HttpResponse("{}"))
    return middleware(RequestFactory().get("/taxii2/"))


def test_an_api_answer_carries_the_policy_django_csp_builds():
    answer = _answer()

    assert answer["Content-Security-Policy"] == build_policy()
    assert "Content-Security-Policy-Report-Only" not in answer


def test_the_policy_follows_a_changed_setting():
    _answer()
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'none'"]}}):
        assert _answer()["Content-Security-Policy"] == "default-src 'none'"
    assert _answer()["Content-Security-Policy"] == build_policy()


def test_a_policy_the_view_set_is_left_as_it_is():
    own = HttpResponse("{}")
    own["Content-Security-Policy"] = "sandbox"

    assert _answer(own)["Content-Security-Policy"] == "sandbox"
