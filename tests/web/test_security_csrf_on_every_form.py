"""Every form that POSTs, on every page an authorised user sees, carries the CSRF token; the same POST
without it is refused (403, the "form has expired" page) and changes nothing. Checked with Django's CSRF
checks on, for alice (officer), sam (supervisor: the roster's forms), and a visitor (the login page)."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from hotline.desk import roster
from tests.signin import signed_in_client
from tests.web.security_support import desk_fixtures, page_addresses

desk, _files_in_tmp = desk_fixtures.desk, desk_fixtures._files_in_tmp  # the desk's fixtures, used here too

pytestmark = pytest.mark.django_db


class Forms(HTMLParser):
    """The forms of a page: method, action, and their fields' names and values."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action"),
                    "fields": {},
                }
            )
        elif tag in ("input", "select", "textarea", "button") and self.forms and attrs.get("name"):
            self.forms[-1]["fields"].setdefault(attrs["name"], attrs.get("value") or "")


def post_forms(client, address):
    response = client.get(address)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    parser = Forms()
    parser.feed(response.content.decode())
    # A form without an action posts to its own page.
    return [
        dict(form, page=address, action=form["action"] or address)
        for form in parser.forms
        if form["method"] == "post"
    ]


# Records of the requests themselves (sessions, audit trail, login attempts) may grow; nothing else may.
RECORDS = {"sessions", "audit", "axes"}


def database_state() -> dict:
    """How many rows each model of the node holds, and how many notifications are unread."""
    state = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label not in RECORDS}
    state["unread"] = apps.get_model("desk", "Notification").objects.filter(read_at__isnull=True).count()
    return state


@pytest.fixture
def clients(desk):
    now = timezone.now()
    roster.add_shift(
        desk.sam, desk.alice, now - timedelta(hours=1), now + timedelta(hours=8)
    )  # on the roster
    return {
        "alice": signed_in_client(desk.alice, enforce_csrf_checks=True),
        "sam": signed_in_client(desk.sam, enforce_csrf_checks=True),
        "visitor": Client(enforce_csrf_checks=True),
    }


def all_post_forms(desk, clients) -> list[dict]:
    found = []
    pages = page_addresses(desk)
    for who, client in clients.items():
        for page in pages:
            found += [dict(form, who=who) for form in post_forms(client, page.address)]
    return found


def test_every_post_form_carries_the_csrf_token(desk, clients):
    forms = all_post_forms(desk, clients)
    actions = {form["action"] for form in forms}
    # The forms are really there: language, log out, log in, compose, reply, the steps, the roster's.
    assert {"/i18n/setlang/", "/logout/", "/desk/compose/", "/login/"} <= actions
    assert any(a.endswith("/reply/") for a in actions) and any(a.endswith("/acknowledge/") for a in actions)
    assert any(a.endswith("/handover/") for a in actions) and any(a.endswith("/remove/") for a in actions)
    for form in forms:
        token = form["fields"].get("csrfmiddlewaretoken")
        assert token, (
            f"{form['who']}: the form posting to {form['action']} on {form['page']} has no CSRF token"
        )


def test_a_post_without_the_token_is_refused_and_changes_nothing(desk, clients):
    forms = all_post_forms(desk, clients)
    before = database_state()
    for form in forms:
        fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
        response = clients[form["who"]].post(form["action"], fields)
        assert response.status_code == 403, (form["who"], form["action"], response.status_code)
        assert "The form has expired" in response.content.decode()
    assert database_state() == before


def test_the_same_post_with_the_token_is_accepted(desk, clients):
    """The refusal above is the missing token, not the form: with it, the language form works."""
    form = next(f for f in post_forms(clients["alice"], "/") if f["action"] == "/i18n/setlang/")
    fields = dict(form["fields"], language="vi", next="/")
    response = clients["alice"].post(form["action"], fields)
    assert response.status_code == 302
