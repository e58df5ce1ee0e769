"""The access matrix on a live node read with the real TAXII client (taxii2-client): the three actors get
exactly the markings of the table in tests/access/matrix.py, in objects and manifest, and an object they may
not see is a 404 for them."""

import json
import uuid

import pytest
from requests import HTTPError
from taxii2client.common import TokenAuth
from taxii2client.v21 import Collection

from tests.access import matrix
from tests.taxii.conftest import on_node

pytestmark = pytest.mark.live

_SETUP = """
import json
from django.contrib.auth import get_user_model
from hotline import stix
from hotline.access.models import Compartment, CompartmentObject
from hotline.access.services import create_token, grant
from hotline.intel.services import add_objects, create_collection
from tests.factories import sdo

people = {u.username: u for u in get_user_model().objects.filter(username__in=["alice", "bob", "charlie"])}
collection = create_collection(ALIAS, "Access matrix")
for user in people.values():
    grant(collection, user=user, read=True)
objects = {}
for marking in MARKINGS:
    objects[marking] = stix.mark(sdo("campaign"), "green" if marking == "compartment" else marking)
assert not add_objects(collection, list(objects.values())).failures
case = Compartment.objects.create(name=ALIAS)
case.members.add(people["alice"])
CompartmentObject.objects.create(compartment=case, stix_id=objects["compartment"]["id"])
tokens = {name: create_token(user, ALIAS)[1] for name, user in people.items()}
ids = {m: o["id"] for m, o in objects.items()}
print(json.dumps({"id": str(collection.id), "objects": ids, "tokens": tokens}))
"""


@pytest.fixture(scope="module")
def setup(live_node):
    alias = f"t-matrix-{uuid.uuid4().hex[:10]}"  # "t-": the shared node's test collections
    code = f"ALIAS = {alias!r}\nMARKINGS = {list(matrix.MARKINGS)!r}\n" + _SETUP
    return json.loads(on_node(live_node, code).strip().splitlines()[-1])


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_the_taxii_client_gets_exactly_the_markings_of_the_table(live_node, setup, who):
    url = f"{live_node.api_root}collections/{setup['id']}/"
    collection = Collection(url, auth=TokenAuth(setup["tokens"][who]))
    by_id = {stix_id: marking for marking, stix_id in setup["objects"].items()}
    want = matrix.expected("taxii", who)

    got = {by_id[o["id"]] for o in collection.get_objects().get("objects", [])}
    listed = {by_id[o["id"]] for o in collection.get_manifest().get("objects", [])}

    assert got == listed == want
    for marking in set(matrix.MARKINGS) - want:
        with pytest.raises(HTTPError, match="404 Client Error"):
            collection.get_object(setup["objects"][marking])
