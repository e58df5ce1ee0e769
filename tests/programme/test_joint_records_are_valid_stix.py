"""The programme's jointly-owned records (meetings, agreed points, activities) become STIX objects of
registered project types, valid for our validator (with the extensions' checks) and for the OASIS
stix2-validator; each edit is a new version of the same object, kept in the record's history and in the
`programme` collection; a bad object is refused by the check; internal points make no object."""

import pytest
from stix2validator import ValidationOptions, validate_instance

from hotline import stix
from hotline.intel.models import CollectionEntry
from hotline.programme import joint, services, stix_types
from hotline.programme.errors import NotAllowed
from hotline.programme.models import JointVersion
from hotline.stix.extensions import PROJECT_EXTENSIONS, PROJECT_IDENTITY

OPTIONS = ValidationOptions(version="2.1")


def _theirs(obj: dict) -> list[str]:
    return [str(e) for e in validate_instance(obj, OPTIONS).errors]


def test_the_types_are_declared_by_registered_extension_definitions():
    for name in stix_types.TYPES:
        definition = PROJECT_EXTENSIONS[stix_types.EXTENSION_IDS[name]]
        assert definition["name"] == name and definition["extension_types"] == ["new-sdo"]
        assert definition["created_by_ref"] == PROJECT_IDENTITY["id"]
        assert stix.validate_object(definition) == [] and _theirs(definition) == []


def test_seeded_records_are_valid_versions_with_their_history(seeded, secretary):
    objects = [v.body for v in JointVersion.objects.all()]
    kinds = {obj["type"] for obj in objects}
    assert kinds == set(stix_types.TYPES)
    for obj in objects:
        assert stix.validate_object(obj) == [], obj
        assert _theirs(obj) == [], obj
    point = seeded.points.order_by("number").first()
    before = len(joint.history(point))
    services.update_point(secretary, point, responsible_unit="Unit X", note="moved")
    versions = joint.history(point)
    assert len(versions) == before + 1
    newest = versions[-1]
    assert newest.body["responsible_unit"] == "Unit X" and newest.by_name == "dina" and newest.note == "moved"
    assert newest.body["id"] == versions[0].body["id"] and newest.modified > versions[-2].modified
    assert CollectionEntry.objects.filter(
        collection__alias="programme", stix_id=newest.stix_id
    ).count() == len(versions)


def test_the_check_refuses_a_bad_point(seeded, secretary):
    point = services.visible_points(secretary).first()
    obj = dict(joint.history(point)[-1].body, status="forgotten", number=0)
    problems = " ".join(stix.validate_object(obj))
    assert "'status'" in problems and "'number'" in problems


def test_an_internal_point_makes_no_object_and_bad_edits_change_nothing(seeded, secretary, actors):
    meeting = services.visible_points(secretary).first().meeting
    internal = services.create_point(secretary, meeting, 99, text_en="x", text_id="x", text_vi="x",
                                     internal_to=services.home_side())  # fmt: skip
    assert joint.history(internal) == []
    point = services.visible_points(secretary).exclude(pk=internal.pk).first()
    count = JointVersion.objects.count()
    with pytest.raises(NotAllowed):
        services.update_point(actors["charlie"], point, responsible_unit="charlie's")
    with pytest.raises(services.ProgrammeError):
        services.update_point(secretary, point, text_en="  ")
    point.refresh_from_db()
    assert point.responsible_unit != "charlie's" and point.text_en.strip()
    assert JointVersion.objects.count() == count
