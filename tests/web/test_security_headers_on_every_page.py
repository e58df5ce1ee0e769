"""Every address of the node a user can GET (each URL pattern, signed in or not, whatever the answer: a page,
a redirect, a 403/404/405, TAXII JSON) carries the security headers: a content security policy without
'unsafe-inline' that forbids framing, X-Frame-Options DENY, a referrer policy and nosniff. HSTS is
tested over TLS (test_security_hsts_behind_tls.py), static files on a live node
(test_security_headers_on_a_live_node.py)."""

import pytest
from django.test import Client

from tests.signin import signed_in_client
from tests.web.security_support import desk_fixtures, page_addresses

desk, _files_in_tmp = desk_fixtures.desk, desk_fixtures._files_in_tmp  # the desk's fixtures, used here too

pytestmark = pytest.mark.django_db


def assert_security_headers(response, what: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives.get("default-src") == ["'none'"], f"{what}: {csp!r}"
    assert directives.get("script-src") == ["'self'"], f"{what}: {csp!r}"
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp, f"{what}: {csp!r}"
    assert directives.get("frame-ancestors") == ["'none'"], f"{what}: {csp!r}"
    assert directives.get("object-src") == ["'none'"], f"{what}: {csp!r}"
    assert response.headers.get("X-Frame-Options") == "DENY", what
    assert response.headers.get("X-Content-Type-Options") == "nosniff", what
    assert response.headers.get("Referrer-Policy") == "same-origin", what
    assert "Strict-Transport-Security" not in response.headers, f"{what}: HSTS on plain HTTP"


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", None])
def test_every_page_carries_the_security_headers(desk, who):
    client = signed_in_client(getattr(desk, who)) if who else Client()
    pages = page_addresses(desk)
    assert len(pages) > 40  # the desk, TAXII, the web pages and the admin's lists are all there
    for page in pages:
        response = client.get(page.address)
        assert_security_headers(response, f"{who} GET {page.address} ({page.name}) -> {response.status_code}")


def test_the_signed_in_pages_really_are_pages(desk):
    """The addresses are not all refusals: alice gets most of them."""
    client = signed_in_client(desk.alice)
    answers = {page.name: client.get(page.address).status_code for page in page_addresses(desk)}
    for name in ("web:home", "desk:dashboard", "desk:inbox", "desk:compose", "desk:message", "desk:roster"):
        assert answers[name] == 200, (name, answers[name])
    assert answers["desk:attachment"] == 200
    assert answers["taxii:collection"] == 200


def test_error_answers_carry_the_security_headers(desk, client):
    for address in ("/no/such/page/", "/taxii2/api/collections/"):  # a 404 page; a TAXII 401
        response = client.get(address)
        assert response.status_code in (401, 404)
        assert_security_headers(response, address)
