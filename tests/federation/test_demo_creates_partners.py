"""The demo makes each node the other's partner (bnpt knows mps and mps bnpt) and puts an officer on duty."""

import pytest

from hotline.desk import roster
from hotline.federation.models import Partner
from hotline.federation.services import home_identity, node_identity_id
from hotline.node import demo, demo_data
from hotline.node.services import create_defaults


@pytest.mark.parametrize(("node", "other"), [("bnpt", "mps"), ("mps", "bnpt")])
def test_seed_adds_the_other_node_as_partner(db, settings, node, other):
    settings.NODE_NAME = node
    create_defaults()

    demo.seed("demo-password-1")
    demo.seed("demo-password-1")  # twice: nothing new

    (partner,) = Partner.objects.all()
    assert partner.name == other and partner.identity_id == demo_data.AGENCIES[other]["id"]
    assert node_identity_id() == demo_data.AGENCIES[node]["id"] == home_identity()["id"]
    assert home_identity()["name"] == demo_data.AGENCIES[node]["name"]  # the demo's own, richer identity
    assert partner.outbound.entries.filter(stix_id=demo_data.AGENCIES[node]["id"]).exists()
    assert roster.on_duty().officer.username == "officer"
