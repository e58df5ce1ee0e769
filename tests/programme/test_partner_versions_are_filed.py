"""What the partner sends of a jointly-owned record is filed as federation announces it: a newer version is
applied and kept in the history with who and which node; an older one (a concurrent edit that lost) is kept,
marked superseded, and changes nothing; the same version twice is one; an invalid object is not filed; the
partner's point never overwrites a point internal to this node."""

from datetime import timedelta

import pytest

from hotline import stix
from hotline.federation.services import create_partner, node_identity_id
from hotline.programme import joint, services
from hotline.programme.models import AgreedPoint, JointVersion


@pytest.fixture
def mps(actors):
    return create_partner("mps", "Ministry of Public Security (Viet Nam)", account=actors["bob"])


def _their_version(point, shift: timedelta, **changes) -> dict:
    body = dict(joint.history(point)[-1].body)
    modified = stix.parse_timestamp(body["modified"]) + shift
    return {**body, **changes, "modified": stix.format_timestamp(modified), "edited_by": "lan",
            "edited_by_ref": node_identity_id("mps")}  # fmt: skip


def test_newer_applies_older_is_kept_superseded_and_replays_are_one(seeded, secretary, mps):
    point = AgreedPoint.objects.filter(internal_to="").order_by("number").first()
    status = "blocked" if point.status != "blocked" else "in_progress"
    newer = _their_version(point, timedelta(seconds=5), responsible_unit="MPS unit", status=status)
    assert joint.receive_objects([newer], partner=mps) == 1
    assert joint.receive_objects([newer], partner=mps) == 0  # the same version again
    point.refresh_from_db()
    assert (point.responsible_unit, point.status) == ("MPS unit", status)
    assert point.history.filter(by_name="lan (mps)", new_status=status).count() == 1
    older = _their_version(point, -timedelta(seconds=2), responsible_unit="Stale unit")
    older["modified"] = stix.format_timestamp(stix.parse_timestamp(newer["modified"]) - timedelta(seconds=1))
    assert joint.receive_objects([older], partner=mps) == 1
    point.refresh_from_db()
    assert point.responsible_unit == "MPS unit"
    kept = JointVersion.objects.get(stix_id=older["id"], body__responsible_unit="Stale unit")
    assert kept.superseded and kept.node == "mps" and kept.by_name == "lan"


def test_invalid_objects_and_internal_points_are_not_filed(seeded, secretary, mps):
    point = AgreedPoint.objects.filter(internal_to="").order_by("number").first()
    count = JointVersion.objects.count()
    bad = _their_version(point, timedelta(seconds=5), status="forgotten")
    assert joint.receive_objects([bad, {"type": "hotline-agreed-point"}], partner=mps) == 0
    internal = services.create_point(secretary, point.meeting, 42, text_en="ours", text_id="ours",
                                     text_vi="ours", internal_to=services.home_side())  # fmt: skip
    theirs = _their_version(point, timedelta(seconds=5), number=42, text_en="theirs",
                            id=f"hotline-agreed-point--{internal.uid}")  # fmt: skip
    assert joint.receive_objects([theirs], partner=mps) == 0
    internal.refresh_from_db()
    assert internal.text_en == "ours" and JointVersion.objects.count() == count
