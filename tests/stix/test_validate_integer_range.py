"""STIX 2.1 section 2.16: integers are signed 54-bit values (so RFC 8785 can canonicalise every object)."""

from hotline.stix import canonical_json, validate_object
from tests.stix.objects import domain, threat_actor


def test_integers_are_54_bit():
    assert validate_object(domain(x_count=2**53 - 2)) == []
    assert validate_object(domain(x_count=2**53)) == [
        "domain-name: property 'x_count' is beyond the 54-bit integers STIX allows"
    ]
    assert validate_object(threat_actor(x_size=-(2**60))) != []


def test_integer_properties_too():
    asn = {
        "type": "autonomous-system",
        "spec_version": "2.1",
        "id": "autonomous-system--f720c34b-98ae-597f-ade5-27ef187e5ee9",
    }
    assert validate_object({**asn, "number": 64500}) == []
    assert validate_object({**asn, "number": 2**53})[0].startswith(
        "autonomous-system: property 'number' must be an integer >= 0"
    )


def test_a_valid_object_can_always_be_canonicalised():
    obj = domain(x_count=2**53 - 2)
    assert validate_object(obj) == [] and canonical_json(obj)
