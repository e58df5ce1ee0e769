"""The demo prints how its users sign in: the password and each user's authenticator secret (the same on
both nodes). A code computed from the printed secret completes the web sign-in; `hotline demo-codes`
prints the codes of the moment."""

import base64
import re
import subprocess
import sys

import requests
from django_otp.oath import TOTP

from hotline.node.demo import DEMO_USERS
from tests.node.conftest import DEMO_PASSWORD


def _sign_in(url: str, username: str, code: str) -> str:
    session = requests.Session()
    csrf = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', session.get(url + "/login/", timeout=30).text
    )
    form = {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": csrf.group(1)}
    step = session.post(url + "/login/", data=form, headers={"Referer": url + "/login/"}, timeout=30)
    assert "/account/verify/" in step.url
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', step.text)
    done = session.post(
        step.url, data={"code": code, "csrfmiddlewaretoken": csrf.group(1)}, headers={"Referer": step.url},
        timeout=30,
    )  # fmt: skip
    return done.text


def test_each_demo_user_signs_in_with_the_printed_secret_on_both_nodes(demo):
    secret = re.search(r"^ +officer +secret ([A-Z2-7]+)$", demo.output, re.M).group(1)
    code = f"{TOTP(base64.b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"

    for url in demo.urls:
        page = _sign_in(url, "officer", code)
        assert '<form class="logout"' in page and "<span>officer</span>" in page


def test_demo_codes_prints_the_codes_of_the_moment(demo):
    printed = subprocess.run(
        [sys.executable, "-m", "hotline.cli", "demo-codes", "--data-dir", str(demo.data_dir)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip

    codes = dict(line.split() for line in printed.splitlines())
    assert set(codes) == {username for username, _ in DEMO_USERS}
    page = _sign_in(demo.urls[0], "analyst", codes["analyst"])
    assert "<span>analyst</span>" in page
