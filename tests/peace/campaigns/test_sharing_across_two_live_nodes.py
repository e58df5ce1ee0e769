"""A campaign shared with the partner travels over federation as STIX (a hotline-counter-campaign and a note
per approved library item, signed, through the partner's outbound collection): the partner files a read-only
copy whose origin is us, with its key messages in three languages and its library; an item approved later
follows; a change of the campaign updates the copy. Two live federated nodes."""

import pytest

from tests.actors import PASSWORD
from tests.federation.support import federate, run_python, stop_all, wait_for
from tests.live import hotline

pytestmark = pytest.mark.live

SETUP = """
import json
from datetime import date
from django.contrib.auth import get_user_model
from hotline.federation.models import Partner
from hotline.peace.campaigns import sharing
from tests.peace.campaigns.reach_fixtures import make_ambassador, make_campaign, make_publication
user = get_user_model().objects.get(username="coordinator")
campaign = make_campaign("Damai itu indah", regions=["Aceh", "Bali"], goal_reach=5000, audiences="students")
ayu = make_ambassador("A-1", "Ayu", "Aceh")
make_publication(campaign, ayu, "https://a.example/1", kind="article")
make_publication(campaign, ayu, "https://a.example/2", kind="video")
make_publication(campaign, ayu, "https://a.example/3", kind="video", approved=False)
result = sharing.share_campaign(user, campaign, Partner.objects.get(name="mps"))
print(json.dumps({"items": result.items, "refused": result.refused}))
"""

COPY = """
import json
from hotline.peace.campaigns.models import Campaign
campaign = Campaign.objects.filter(origin__name="bnpt").first()
print(json.dumps(None if campaign is None else {
    "title": campaign.title, "read_only": campaign.read_only, "theme": campaign.theme,
    "messages": [campaign.key_message_id, campaign.key_message_vi, campaign.key_message_en],
    "regions": campaign.regions, "goal_reach": campaign.goal_reach, "audiences": campaign.audiences,
    "library": sorted([i.kind, i.title, i.origin.name, i.language] for i in campaign.library.all()),
}))
"""

LATER = """
from datetime import date
from hotline.peace.campaigns.models import Ambassador, Campaign
from tests.peace.campaigns.reach_fixtures import make_publication
campaign = Campaign.objects.get(title="Damai itu indah")
campaign.key_message_en = "Peace is beautiful, and ours"
campaign.save()
ayu = Ambassador.objects.get(external_id="A-1")
make_publication(campaign, ayu, "https://a.example/4", kind="infographic")
print("{}")
"""

PASS_ON = """
import json
from django.contrib.auth import get_user_model
from hotline.federation.models import Partner
from hotline.peace.campaigns import sharing
from hotline.peace.campaigns.models import Campaign
from hotline.peace.campaigns.reach_errors import ReachError
user = get_user_model().objects.get(username="coordinator")
copy = Campaign.objects.get(origin__name="bnpt")
try:
    sharing.share_campaign(user, copy, Partner.objects.get(name="bnpt"))
    print(json.dumps("shared"))
except ReachError as exc:
    print(json.dumps(str(exc)))
"""


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    linked = federate(tmp_path_factory.mktemp("campaign-share"))
    for node in linked.values():
        hotline(node.data_dir, "user", "add", "coordinator", "--role", "coordinator",
                env={**node.env, "HOTLINE_PASSWORD": PASSWORD})  # fmt: skip
    yield linked
    stop_all(linked)


def test_a_shared_campaign_arrives_read_only_with_its_library_and_later_items_follow(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    assert run_python(bnpt, SETUP) == {"items": 2, "refused": []}

    copy = wait_for(lambda: (c := run_python(mps, COPY)) and len(c["library"]) == 2 and c, timeout=60,
                    what="the shared campaign at mps")  # fmt: skip
    assert copy == {
        "title": "Damai itu indah", "read_only": True, "theme": "recruitment",
        "messages": ["Damai itu indah", "Hòa bình là đẹp", "Peace is beautiful"],
        "regions": ["Aceh", "Bali"], "goal_reach": 5000, "audiences": "students",
        "library": [["article", "article for Ayu", "bnpt", "id"], ["video", "video for Ayu", "bnpt", "id"]],
    }  # fmt: skip

    run_python(bnpt, LATER)
    copy = wait_for(lambda: (c := run_python(mps, COPY)) and len(c["library"]) == 3 and c, timeout=60,
                    what="the later item at mps")  # fmt: skip
    assert ["infographic", "infographic for Ayu", "bnpt", "id"] in copy["library"]
    assert copy["messages"][2] == "Peace is beautiful, and ours"


def test_the_copy_is_not_passed_on(nodes):
    mps = nodes["mps"]
    refused = run_python(
        mps,
        PASS_ON,
    )
    assert "came from bnpt; it is not passed on" in refused
