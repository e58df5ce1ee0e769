"""An unexpected failure in a view answers a clean 500: a page in the user's language (or, under /taxii2/, a
TAXII error message) with no traceback, exception text or settings; the exception goes to the log."""

import json

import pytest
from django.test import Client

from hotline.taxii.http import TAXII_MEDIA_TYPE
from tests.signin import signed_in_client

pytestmark = pytest.mark.django_db

LEAKS = ("Traceback", "SECRET-INTERNAL-DETAIL", "DeliberateFailure", "settings.py", "DEBUG")


@pytest.fixture(autouse=True)
def _failing_views(settings):
    settings.ROOT_URLCONF = "tests.web.failing_urls"
    assert settings.DEBUG is False


@pytest.mark.parametrize(
    ("language", "title"),
    [("en", "Internal error"), ("id", "Kesalahan internal"), ("vi", "Lỗi nội bộ")],
)
def test_a_page_that_fails_answers_a_clean_500_in_the_users_language(actors, language, title, caplog):
    client = signed_in_client(actors["alice"], language, raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert f"<h1>{title}</h1>" in page
    for leak in LEAKS:
        assert leak not in page
    assert "SECRET-INTERNAL-DETAIL" in caplog.text  # the administrators find it in the log


def test_a_taxii_address_that_fails_answers_a_taxii_error_message():
    response = Client(raise_request_exception=False).get("/taxii2/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == TAXII_MEDIA_TYPE
    body = json.loads(response.content)
    assert body == {
        "title": "Internal error",
        "description": "The server could not complete the request",
        "http_status": "500",
    }
