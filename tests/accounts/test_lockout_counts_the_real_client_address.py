"""The lockout counts by the client's address: REMOTE_ADDR, or behind HOTLINE_TRUSTED_PROXIES proxies the
address the outermost trusted proxy saw. A client cannot escape a lockout by sending X-Forwarded-For.
(charlie, an ambassador: HTTP Basic is for roles without a second factor.)"""

import base64

from django.test import Client

from tests.actors import PASSWORD

TAXII = "application/taxii+json;version=2.1"


def _get(password: str, forwarded: str | None = None):
    headers = {
        "accept": TAXII,
        "authorization": "Basic " + base64.b64encode(f"charlie:{password}".encode()).decode(),
    }
    if forwarded:
        headers["x-forwarded-for"] = forwarded
    return Client(REMOTE_ADDR="10.0.0.1").get("/taxii2/api/collections/", headers=headers)


def test_without_a_trusted_proxy_a_forged_header_changes_nothing(actors):
    for n in range(5):
        _get("wrong", forwarded=f"198.51.100.{n}")

    assert _get(PASSWORD, forwarded="198.51.100.99").status_code == 429


def test_behind_one_proxy_each_client_address_counts_apart(actors, settings):
    settings.HOTLINE_TRUSTED_PROXIES = 1
    for _ in range(5):
        _get("wrong", forwarded="203.0.113.5")

    assert _get(PASSWORD, forwarded="203.0.113.5").status_code == 429
    assert _get(PASSWORD, forwarded="203.0.113.6").status_code == 200
    # A client's own X-Forwarded-For comes first; the proxy appends the address it saw, which is what counts.
    assert _get(PASSWORD, forwarded="203.0.113.6, 203.0.113.5").status_code == 429
