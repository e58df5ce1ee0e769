"""A signature is not part of an object's content: the signed copy of a stored version is the same version
(no conflict, no second row), and the stored body takes the signature so that what travels is signed."""

from hotline import stix
from hotline.intel import services as intel
from hotline.intel.models import Collection, StixObject
from hotline.stix import signatures
from tests.factories import sco, sdo

KEY = signatures.generate_private_key()


def test_signed_copy_of_a_stored_version_is_the_same_version(db):
    a, b = Collection.objects.create(alias="a", title="a"), Collection.objects.create(alias="b", title="b")
    obj, artifact = sdo("campaign"), sco()
    intel.add_objects(a, [obj, artifact])

    result = intel.add_objects(b, [signatures.sign(obj, KEY), signatures.sign(artifact, KEY)])

    assert not result.failures
    assert StixObject.objects.filter(stix_id=obj["id"]).count() == 1
    assert StixObject.objects.filter(stix_id=artifact["id"]).count() == 1
    stored = stix.loads(StixObject.objects.get(stix_id=obj["id"]).body)
    assert signatures.verify(stored, {signatures.key_id(KEY.public_key()): KEY.public_key()}).valid


def test_a_stored_signature_is_never_replaced_and_altered_content_still_conflicts(db):
    a = Collection.objects.create(alias="a", title="a")
    obj = sdo("campaign")
    first = signatures.sign(obj, KEY)
    intel.add_objects(a, [first])

    other_key = signatures.generate_private_key()
    assert not intel.add_objects(a, [signatures.sign(obj, other_key)]).failures
    assert stix.loads(StixObject.objects.get(stix_id=obj["id"]).body) == first
    (failure,) = intel.add_objects(a, [signatures.sign({**obj, "name": "changed"}, KEY)]).failures
    assert "newer 'modified'" in failure.message
