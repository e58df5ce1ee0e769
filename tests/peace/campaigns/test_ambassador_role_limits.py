"""An ambassador sees their assignments, briefs and results — nothing of the hotline or the intelligence."""

from django.urls import reverse

from hotline.access import policy
from hotline.web import navigation
from tests.peace.campaigns.workflow_fixtures import *  # noqa: F403
from tests.signin import signed_in_client


def test_the_hotline_intelligence_and_registry_are_closed_to_an_ambassador(ambassador, ambassador_user):
    client = signed_in_client(ambassador_user)
    registry = reverse("campaigns:ambassadors") if _has("campaigns:ambassadors") else None
    closed = [
        reverse("desk:inbox"), reverse("desk:compose"), reverse("peace:banks"), reverse("peace:match"),
        reverse("programme:dashboard"), registry, reverse("campaigns:reviews"),
        reverse("campaigns:campaign-new"),
    ]  # fmt: skip
    for url in filter(None, closed):
        assert client.get(url).status_code in (403, 404), url
    # Intelligence: of the TAXII collections, at most the public one (TLP:CLEAR markings), as for any user.
    assert {c.alias for c in policy.readable_collections(ambassador_user)} <= {"public"}
    assert policy.clearance(ambassador_user) == "clear"
    assert not (policy.can_read_desk(ambassador_user) or policy.can_read_banks(ambassador_user))


def test_the_menu_offers_an_ambassador_only_their_assignments_and_the_library(ambassador, ambassador_user):
    client = signed_in_client(ambassador_user)
    page = client.get(reverse("campaigns:mine")).content.decode()
    labels = {str(label) for url_name, label, allowed in navigation.ENTRIES if allowed(ambassador_user)}
    assert "My assignments" in labels
    assert not labels & {"Inbox", "Desk", "Banks", "Programme", "Campaigns", "Ambassadors", "Audit trail"}
    assert reverse("campaigns:library") in page
    assert reverse("desk:inbox") not in page


def test_an_ambassador_reads_the_library(submitted, reviewer, ambassador_user):
    from hotline.peace.campaigns import workflow

    workflow.review(reviewer, submitted, "approve")
    page = (
        signed_in_client(ambassador_user).get(reverse("campaigns:library"), {"q": "gaming"}).content.decode()
    )
    assert "An article on friendship online" in page


def _has(url_name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(url_name)
    except NoReverseMatch:
        return False
    return True
