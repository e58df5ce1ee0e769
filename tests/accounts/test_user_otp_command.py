"""`hotline user otp USER`: a new authenticator whose secret (and otpauth:// URI) is printed, so the
operator can hand it over; a code computed from it is accepted; `--reset` makes the user enrol again."""

import base64
import re
import subprocess
import sys

import pytest
from django_otp.oath import TOTP

from tests.live import REPOSITORY, SETTINGS, hotline, node_environment

PASSWORD = "tram-lantern-orbit-9"


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    path = tmp_path_factory.mktemp("otp") / "bnpt"
    hotline(path, "init", "--node", "bnpt", "--title", "BNPT")
    hotline(path, "user", "add", "duty1", "--role", "officer", env={"HOTLINE_PASSWORD": PASSWORD})
    return path


CHECK = """
import django; django.setup()
from django.contrib.auth import get_user_model
from hotline.access import second_factor
user = get_user_model().objects.get(username="duty1")
print(second_factor.has_authenticator(user))
from django_otp import match_token
print(match_token(user, "{code}") is not None)
"""


def _on_node(node, code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPOSITORY,
        env=node_environment(node, {"DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    return done.stdout.split()


def test_the_printed_secret_gives_codes_the_node_accepts(node):
    done = hotline(node, "user", "otp", "duty1", "--recovery-codes")

    secret = re.search(r"^secret +([A-Z2-7]+)$", done.stdout, re.M).group(1)
    assert re.search(rf"^uri +otpauth://totp/Hotline%20BNPT%3Aduty1\?secret={secret}&", done.stdout, re.M)
    assert (
        len(re.search(r"recovery codes \(each works once\): (.*)$", done.stdout, re.M).group(1).split()) == 10
    )
    code = f"{TOTP(base64.b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"
    assert _on_node(node, CHECK.replace("{code}", code)) == ["True", "True"]


def test_reset_removes_the_devices(node):
    hotline(node, "user", "otp", "duty1")

    done = hotline(node, "user", "otp", "duty1", "--reset")

    assert "removed" in done.stdout
    assert _on_node(node, CHECK.replace("{code}", "000000")) == ["False", "False"]


def test_an_unknown_user_is_refused(node):
    done = hotline(node, "user", "otp", "nobody", check=False)

    assert done.returncode != 0 and "no user 'nobody'" in done.stderr
