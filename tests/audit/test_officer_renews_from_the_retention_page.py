"""Officers see, on the retention page, the personal data they may read that is about to be purged, and renew
it with a button (recorded in the trail). Objects they may not read are not listed; the other actors and the
auditor are refused. The page speaks three languages."""

import uuid

import pytest

from hotline import stix
from hotline.audit.models import Renewal, RetentionRule
from hotline.intel import services as intel
from hotline.intel.services import create_collection
from tests.audit.conftest import records
from tests.signin import signed_in_client

TITLE = {"en": "Retention", "id": "Retensi", "vi": "Lưu giữ"}


def person(name: str) -> dict:
    return stix.mark(
        {"type": "identity", "spec_version": "2.1", "id": f"identity--{uuid.uuid4()}", "name": name,
         "created": "2024-01-01T00:00:00.000Z", "modified": "2024-01-01T00:00:00.000Z",
         "identity_class": "individual"},
        "amber",
    )  # fmt: skip


@pytest.fixture
def expiring(actors):
    RetentionRule.objects.filter(name="individuals").update(keep_days=10)
    visible, hidden = person("Budi Santoso"), person("Informant K")
    intel.add_objects(create_collection("intel", "Intelligence"), [visible])
    intel.add_objects(create_collection("case-17", "Case 17 (no grants)"), [hidden])
    return {"visible": visible["id"], "hidden": hidden["id"]}


def test_an_officer_sees_only_what_she_may_read(actors, expiring):
    page = signed_in_client(actors["alice"]).get("/audit/retention/").content.decode()

    assert "Budi Santoso" in page
    assert "Informant K" not in page and expiring["hidden"] not in page


def test_the_renew_button_keeps_the_object_and_is_recorded(actors, expiring):
    browser = signed_in_client(actors["alice"])

    response = browser.post(
        "/audit/retention/renew/", {"stix_id": expiring["visible"], "note": "case open"}, follow=True
    )

    assert "Renewed: kept until" in response.content.decode()
    assert Renewal.objects.get(stix_id=expiring["visible"]).renewed_by == "alice"
    (renew,) = records("retention.renew")
    assert (renew.actor, renew.entry_point, renew.target, renew.ip) == (
        "alice", "web", expiring["visible"], "127.0.0.1"
    )  # fmt: skip


def test_renewing_what_she_may_not_read_is_refused_and_changes_nothing(actors, expiring):
    response = signed_in_client(actors["alice"]).post(
        "/audit/retention/renew/", {"stix_id": expiring["hidden"]}, follow=True
    )

    assert "This object cannot be renewed by you." in response.content.decode()
    assert not Renewal.objects.exists() and records("retention.renew") == []


@pytest.mark.parametrize("actor", ["bob", "charlie", "dave"])
def test_the_others_are_refused(actors, dave, expiring, actor):
    browser = signed_in_client({**actors, "dave": dave}[actor])

    assert browser.get("/audit/retention/").status_code == 403
    assert browser.post("/audit/retention/renew/", {"stix_id": expiring["visible"]}).status_code == 403
    assert not Renewal.objects.exists()


@pytest.mark.parametrize("language", list(TITLE))
def test_the_page_is_in_three_languages(actors, expiring, language):
    page = signed_in_client(actors["alice"], language).get("/audit/retention/").content.decode()

    assert f"<h1>{TITLE[language]}</h1>" in page
