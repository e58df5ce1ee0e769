"""What the server returns is valid STIX 2.1 by the official validator (stix2-validator), not only by ours."""

import pytest
from stix2validator import ValidationOptions, validate_instance

from tests.taxii.support import CREATED, envelope, identity, indicator, ipv4, malware, relationship, stix_id

OPTIONS = ValidationOptions(version="2.1")


def _assert_valid(obj: dict) -> None:
    result = validate_instance(obj, OPTIONS)
    assert result.is_valid, [str(e) for e in result.errors]


@pytest.fixture(scope="module")
def sample(intel):
    author = identity()
    ind = indicator(
        created_by_ref=author["id"], indicator_types=["malicious-activity"], labels=["propaganda"]
    )
    mal = malware(created_by_ref=author["id"], malware_types=["dropper"])
    rel = relationship(ind["id"], mal["id"])
    sco = ipv4("203.0.113.50")
    report = {
        "type": "report",
        "spec_version": "2.1",
        "id": stix_id("report"),
        "created": CREATED,
        "modified": CREATED,
        "name": "Laporan mingguan / Báo cáo hàng tuần",
        "published": CREATED,
        "report_types": ["threat-report"],
        "object_refs": [ind["id"], mal["id"], rel["id"]],
        "created_by_ref": author["id"],
    }
    objects = [author, ind, mal, rel, sco, report]
    intel.add_objects(envelope(*objects))
    return objects


def test_get_objects_returns_valid_stix(intel, sample):
    served = intel.get_objects(id=[o["id"] for o in sample])["objects"]
    assert len(served) == len(sample)
    for obj in served:
        _assert_valid(obj)


def test_get_object_and_versions_return_valid_stix(intel, sample):
    for obj in sample:
        for served in intel.get_object(obj["id"], version="all")["objects"]:
            _assert_valid(served)


def test_the_tlp_marking_definitions_served_to_everyone_are_valid(node, client):
    public = client(node, "charlie", "public")
    markings = public.get_objects(type="marking-definition")["objects"]
    assert len(markings) >= 4
    for marking in markings:
        _assert_valid(marking)
