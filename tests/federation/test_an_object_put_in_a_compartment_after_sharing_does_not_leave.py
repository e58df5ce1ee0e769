"""An object shared with a partner and then put in a compartment before it left (here in the same
transaction, so the push that follows the share already sees the compartment) is neither pushed nor
pulled: a compartment's objects do not exist outside it. What was shared with it still goes."""

import pytest

from tests.federation.support import link, run_python, wait_for

pytestmark = pytest.mark.live

SHARE_THEN_COMPARTMENT = """
import json
from django.db import transaction
from hotline import stix
from hotline.access.models import Compartment, CompartmentObject
from hotline.federation import services as federation
from tests.factories import sdo
hidden, shown = stix.mark(sdo("campaign", name="Case Batam"), "green"), stix.mark(sdo("campaign"), "green")
with transaction.atomic():
    federation.share(federation.get_partner("mps"), [hidden, shown])
    case = Compartment.objects.create(name="case-batam-handoff")
    CompartmentObject.objects.create(compartment=case, stix_id=hidden["id"])
print(json.dumps([hidden["id"], shown["id"]]))
"""

INBOUND = """
import json
from hotline.intel.models import CollectionEntry
print(json.dumps(list(CollectionEntry.objects.filter(collection__alias="inbound-bnpt", stix_id__in=%r)
                      .values_list("stix_id", flat=True))))
"""


def test_the_compartments_object_stays_and_the_rest_goes(linked):
    bnpt, mps = linked["bnpt"], linked["mps"]
    hidden, shown = run_python(bnpt, SHARE_THEN_COMPARTMENT)

    wait_for(lambda: run_python(mps, INBOUND % [shown]), timeout=30, what="the other object's arrival")
    wait_for(lambda: link(bnpt, "mps")["push"]["queue"] == 0, timeout=30, what="an empty queue")

    assert run_python(mps, INBOUND % [hidden, shown]) == [shown]
