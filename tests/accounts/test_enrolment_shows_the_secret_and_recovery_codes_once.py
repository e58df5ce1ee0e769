"""Enrolment: the page shows the secret, its otpauth:// URI and a QR code (SVG made on the server); a wrong
code confirms nothing; the right one confirms the device, signs the session in and shows ten recovery codes
once."""

import base64
import re

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.actors import PASSWORD


def _enrol_page(client):
    page = client.get("/account/two-factor/?next=/desk/inbox/").content.decode()
    secret = re.search(r'<code id="totp-secret">([A-Z2-7]+)</code>', page).group(1)
    return page, secret


def _code(secret: str, offset: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time += offset * 30
    return f"{totp.token():06d}"


def test_the_page_shows_secret_uri_and_a_server_made_qr_code(actors):
    client = Client()
    client.post("/login/", {"username": "alice", "password": PASSWORD})

    page, secret = _enrol_page(client)

    assert f"otpauth://totp/Hotline%20hotline%3Aalice?secret={secret}" in page.replace("&amp;", "&")
    assert "<svg" in page and "<path" in page
    assert _enrol_page(client)[1] == secret  # a reload shows the same secret


def test_a_wrong_code_confirms_nothing(actors):
    client = Client()
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    _, secret = _enrol_page(client)

    response = client.post("/account/two-factor/", {"code": _code(secret, offset=10)})

    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=actors["alice"], confirmed=True).exists()
    assert client.get("/")["Location"].startswith("/account/two-factor/")


def test_the_right_code_confirms_signs_in_and_shows_recovery_codes_once(actors):
    client = Client()
    client.post("/login/", {"username": "alice", "password": PASSWORD})
    _, secret = _enrol_page(client)

    response = client.post("/account/two-factor/", {"code": _code(secret), "next": "/desk/inbox/"})

    page = response.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=actors["alice"]).values_list("token", flat=True)
    )
    assert 'href="/desk/inbox/"' in page
    assert client.get("/desk/inbox/").status_code == 200
    account = client.get("/account/").content.decode()
    assert "10 recovery codes are left" in account and codes[0] not in account
