"""Two live federated nodes: an entry of a bank bnpt shares with mps is edited, then revoked, at bnpt. The new
labels, then the revocation (the STIX object with `revoked: true`), reach mps through federation; the entry
stops matching at both nodes, and mps keeps it as a revoked tombstone."""

import pytest
import requests

from hotline.peace import signals
from tests.actors import PASSWORD
from tests.federation.support import federate, run_python, stop_all, wait_for
from tests.live import hotline
from tests.peace import media

pytestmark = pytest.mark.live
SEED = 84

SETUP = f"""
import json
from django.contrib.auth import get_user_model
from hotline.peace import services
from hotline.federation.models import Partner
from tests.peace import media
user = get_user_model().objects.get(username="coordinator")
bank = services.create_bank(user, "REVOKED_BANK", tlp="amber")
entry = services.add_content(user, bank, media.image({SEED}), services.Labels(behaviour="recruitment"))
services.add_url(user, bank, "https://example.invalid/kept", services.Labels())
services.share_bank(user, bank, Partner.objects.get(name="mps"))
print(json.dumps(entry.pk))
"""

CHANGE = """
import json
from django.contrib.auth import get_user_model
from hotline.peace import services
from hotline.peace.models import BankEntry
user = get_user_model().objects.get(username="coordinator")
entry = BankEntry.objects.select_related("bank").get(pk={pk})
result = services.{verb}
print(json.dumps(result.refused))
"""

COPY = """
import json
from hotline.peace.models import BankEntry
print(json.dumps(sorted(
    [e.content_type, e.behaviour, e.revoked]
    for e in BankEntry.objects.filter(bank__name="BNPT__REVOKED_BANK")
)))
"""


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    linked = federate(tmp_path_factory.mktemp("peace-revoke"), env={"HOTLINE_PEACE_INDEX_INTERVAL": "1"})
    for node in linked.values():
        hotline(node.data_dir, "user", "add", "coordinator", "--role", "coordinator",
                env={**node.env, "HOTLINE_PASSWORD": PASSWORD})  # fmt: skip
    yield linked
    stop_all(linked)


def _lookup(node, pdq: str) -> list[str]:
    response = requests.get(
        f"{node.url}/hma/m/lookup", params={"signal_type": "pdq", "signal": pdq},
        headers=node.auth("coordinator"), timeout=30,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


def _copy_is(mps, expected):
    return wait_for(
        lambda: run_python(mps, COPY) == expected, timeout=90, what=f"mps's copy to be {expected}"
    )


def test_an_edit_then_a_revocation_reach_the_partner_and_the_entry_stops_matching_at_both(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]
    pk = run_python(bnpt, SETUP)
    pdq = signals.pdq_from_bytes(media.image(SEED)).hash
    _copy_is(mps, [["image", "recruitment", False], ["url", "", False]])
    assert wait_for(lambda: _lookup(mps, pdq), timeout=60, what="a match at mps") == ["BNPT__REVOKED_BANK"]
    assert wait_for(lambda: _lookup(bnpt, pdq), timeout=60, what="a match at bnpt") == ["REVOKED_BANK"]

    edit = "edit_entry(user, entry, services.Labels(behaviour='threat'))"
    assert run_python(bnpt, CHANGE.format(pk=pk, verb=edit)) == []
    _copy_is(mps, [["image", "threat", False], ["url", "", False]])

    revoke = "revoke_entry(user, entry, 'a news photo, not propaganda')"
    assert run_python(bnpt, CHANGE.format(pk=pk, verb=revoke)) == []
    assert _lookup(bnpt, pdq) == []  # at once at the owner
    _copy_is(mps, [["image", "threat", True], ["url", "", False]])
    assert _lookup(mps, pdq) == []
