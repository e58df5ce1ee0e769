"""A bank shared with a partner travels as STIX (hotline-bank-entry objects, signed, through the partner's
outbound collection and federation); the partner's copy is read-only, shows its origin and matches there; the
partner's feedback (a STIX opinion) travels back to the owner. Two live federated nodes."""

import io

import pytest
import requests

from hotline.peace import signals
from tests.actors import PASSWORD
from tests.federation.support import federate, run_python, stop_all, wait_for
from tests.live import hotline
from tests.peace import media

pytestmark = pytest.mark.live

SETUP = """
import json
from django.contrib.auth import get_user_model
from hotline.peace import services
from hotline.federation.models import Partner
from tests.peace import media
user = get_user_model().objects.get(username="coordinator")
bank = services.create_bank(user, "SHARED_BANK", description="Synthetic shared bank", tlp="amber")
services.add_content(user, bank, media.image(81), services.Labels(organisation="Synthetic Front",
                     behaviour="recruitment", tags=["poster"]))
services.add_text(user, bank, media.TEXT_ID, services.Labels(behaviour="glorification"))
services.add_content(user, bank, media.image(82), services.Labels(tlp="red"))
result = services.share_bank(user, bank, Partner.objects.get(name="mps"))
print(json.dumps({"shared": result.shared, "refused": result.refused}))
"""

COPY = """
import json
from hotline.peace.models import Bank
bank = Bank.objects.filter(owner__name="bnpt").first()
print(json.dumps(None if bank is None else {
    "name": bank.name, "remote": bank.remote_name, "read_only": bank.read_only,
    "description": bank.description,
    "entries": sorted([e.content_type, e.organisation, e.behaviour, e.tags, e.source.name, e.tlp]
                      for e in bank.entries.all()),
}))
"""


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    linked = federate(tmp_path_factory.mktemp("peace-share"), env={"HOTLINE_PEACE_INDEX_INTERVAL": "1"})
    for node in linked.values():
        hotline(node.data_dir, "user", "add", "coordinator", "--role", "coordinator",
                env={**node.env, "HOTLINE_PASSWORD": PASSWORD})  # fmt: skip
    yield linked
    stop_all(linked)


def test_a_shared_bank_arrives_read_only_matches_and_feedback_returns(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    shared = run_python(bnpt, SETUP)
    assert shared["shared"] == 2 and len(shared["refused"]) == 1 and "TLP:RED" in shared["refused"][0]

    copy = wait_for(lambda: (c := run_python(mps, COPY)) and len(c["entries"]) == 2 and c, timeout=60,
                    what="the shared bank at mps")  # fmt: skip
    assert copy["name"] == "BNPT__SHARED_BANK" and copy["remote"] == "SHARED_BANK" and copy["read_only"]
    assert copy["description"] == "Synthetic shared bank"
    assert copy["entries"] == [
        ["image", "Synthetic Front", "recruitment", ["poster"], "bnpt", "amber"],
        ["text", "", "glorification", [], "bnpt", "amber"],
    ]

    # It matches at the partner (its worker rebuilds the index) ...
    pdq = signals.pdq_from_bytes(media.image(81)).hash

    def looked_up():
        response = requests.get(
            f"{mps.url}/hma/m/lookup", params={"signal_type": "pdq", "signal": pdq},
            headers=mps.auth("coordinator"), timeout=30,
        )  # fmt: skip
        return response.json()

    assert wait_for(looked_up, timeout=60, what="a match at mps") == ["BNPT__SHARED_BANK"]
    # ... and is read-only there.
    refused = requests.post(
        f"{mps.url}/hma/c/bank/BNPT__SHARED_BANK/content", headers=mps.auth("coordinator"), timeout=30,
        files={"photo": ("p.png", io.BytesIO(media.image(83)), "image/png")},
    )  # fmt: skip
    assert refused.status_code == 400 and "read-only" in refused.json()["message"]

    # The partner disagrees with a label; the owner receives the feedback.
    run_python(
        mps,
        "import json\nfrom django.contrib.auth import get_user_model\nfrom hotline.peace import services\n"
        "from hotline.peace.models import BankEntry\n"
        "user = get_user_model().objects.get(username='coordinator')\n"
        "entry = BankEntry.objects.get(content_type='image')\n"
        "services.give_feedback(user, entry, 'disagree', 'Not recruitment: glorification')\nprint('{}')",
    )
    feedback = wait_for(
        lambda: run_python(
            bnpt,
            "import json\nfrom hotline.peace.models import Feedback\nprint(json.dumps(list(Feedback.objects"
            ".values_list('partner__name', 'verdict', 'comment', 'entry__content_type'))))",
        ),
        timeout=60, what="the feedback at bnpt",
    )  # fmt: skip
    assert feedback == [["mps", "disagree", "Not recruitment: glorification", "image"]]


def test_entries_added_later_to_a_shared_bank_follow(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    run_python(
        bnpt,
        "from django.contrib.auth import get_user_model\nfrom hotline.peace import services\n"
        "from hotline.federation.models import Partner\n"
        "user = get_user_model().objects.get(username='coordinator')\n"
        "bank = services.create_bank(user, 'LATER_BANK')\n"
        "services.share_bank(user, bank, Partner.objects.get(name='mps'))\n"
        "services.add_url(user, bank, 'https://example.invalid/later', services.Labels(behaviour='threat'))\n"
        "print('{}')",
    )
    urls = wait_for(
        lambda: run_python(
            mps,
            "import json\nfrom hotline.peace.models import BankEntry\nprint(json.dumps(list(BankEntry.objects"
            ".filter(bank__name='BNPT__LATER_BANK').values_list('url', 'behaviour'))))",
        ),
        timeout=60, what="the later entry at mps",
    )  # fmt: skip
    assert urls == [["https://example.invalid/later", "threat"]]
