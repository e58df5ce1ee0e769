"""The error pages of the web (404, 403 for a refused form, 413 for a request too large) are the node's own,
in the user's language, with no technical detail; under /taxii2/ the same errors are TAXII error messages."""

import json

import pytest
from django.test import Client

from hotline.taxii.http import TAXII_MEDIA_TYPE
from tests.signin import signed_in_client

pytestmark = pytest.mark.django_db

TITLES = {
    "en": ("Page not found", "The form has expired", "Request too large"),
    "id": ("Halaman tidak ditemukan", "Formulir sudah kedaluwarsa", "Permintaan terlalu besar"),
    "vi": ("Không tìm thấy trang", "Biểu mẫu đã hết hạn", "Yêu cầu quá lớn"),
}


@pytest.mark.parametrize("language", ["en", "id", "vi"])
def test_not_found_page(language):
    response = Client(headers={"accept-language": language}).get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{TITLES[language][0]}</h1>" in page
    assert f'<html lang="{language}">' in page
    assert "urlpatterns" not in page and "Django" not in page  # not Django's debug page


@pytest.mark.parametrize("language", ["en", "id", "vi"])
def test_refused_form_page(language):
    client = Client(headers={"accept-language": language}, enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "alice", "password": "x"})
    assert response.status_code == 403
    assert f"<h1>{TITLES[language][1]}</h1>" in response.content.decode()
    assert "CSRF" not in response.content.decode()


@pytest.mark.parametrize("language", ["en", "id", "vi"])
def test_request_too_large_page(language, settings):
    settings.WEB_MAX_REQUEST_BYTES = 1000
    client = Client(headers={"accept-language": language})
    response = client.post("/login/", {"username": "alice", "password": "x" * 2000})
    assert response.status_code == 413
    assert f"<h1>{TITLES[language][2]}</h1>" in response.content.decode()


def test_taxii_errors_are_taxii_error_messages(actors):
    for client, address, status in (
        (signed_in_client(actors["alice"]), "/taxii2/api/nothing/here/", 404),
        (Client(), "/taxii2/api/collections/", 401),
    ):
        response = client.get(address)
        assert response.status_code == status
        assert response["Content-Type"] == TAXII_MEDIA_TYPE
        body = json.loads(response.content)
        assert body["http_status"] == str(status) and body["title"]
