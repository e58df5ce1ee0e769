"""`add_objects(..., identities=)`: a caller that already serialised each object without its signature (the
federation receiver, for the signature) passes that text; the stored content identity is the same as when
intel computes it, None entries are computed, and a list of the wrong length is refused before anything is
stored."""

import pytest

from hotline import stix
from hotline.intel import services
from hotline.intel.models import StixObject
from hotline.stix import signatures
from tests.factories import sdo

KEY = signatures.generate_private_key()


def test_passed_identities_give_the_same_content_hash_as_computed_ones(db):
    computed, passed = services.create_collection("a", "A"), services.create_collection("b", "B")
    objects = [signatures.sign(sdo(name=f"object {n}"), KEY) for n in range(3)]
    texts = [stix.canonical_json(signatures.unsigned(o)).decode("utf-8") for o in objects]

    services.add_objects(computed, objects)
    first = dict(StixObject.objects.values_list("stix_id", "content_hash"))
    result = services.add_objects(passed, objects, identities=[texts[0], None, texts[2]])

    assert not result.failures and len(result.successes) == 3
    assert dict(StixObject.objects.values_list("stix_id", "content_hash")) == first  # no new version
    assert passed.entries.count() == 3


def test_identities_of_the_wrong_length_are_refused_and_nothing_is_stored(db):
    collection = services.create_collection("c", "C")
    before = StixObject.objects.count()

    with pytest.raises(ValueError, match="one entry per object"):
        services.add_objects(collection, [sdo(), sdo()], identities=[None])

    assert StixObject.objects.count() == before and collection.entries.count() == 0
