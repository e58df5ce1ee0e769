"""Meetings, agreed points and activities are jointly owned: the same records on both nodes, travelling over
federation as STIX objects of project types. An edit at either node reaches the other; when both edited
while apart, the newer version wins at both and the history at both keeps both versions (who, which node,
when). A point internal to one side stays at its node. Two live federated nodes."""

import pytest

from tests.actors import PASSWORD
from tests.federation.support import federate, run_python, stop_all, wait_for
from tests.live import hotline

pytestmark = pytest.mark.live

CREATE = """
import json
from datetime import date
from django.contrib.auth import get_user_model
from hotline.programme import services
dina = get_user_model().objects.get(username="dina")
meeting = services.create_meeting(dina, "JWG-9", "Ninth meeting", place="Bali", host_side="indonesia",
    date=date(2026, 3, 1), delegations={"indonesia": ("Head ID", "a, b"), "vietnam": ("Head VN", "c")})
point = services.create_point(dina, meeting, 1, text_en="Exchange lists", text_id="Bertukar daftar",
    text_vi="Trao doi danh sach", responsible_unit="Directorate 1", due_date=date(2026, 9, 1))
services.create_activity(dina, point, "workshop", "Workshop on lists", theme="Lists", place="Jakarta",
    participants_indonesia=12, participants_vietnam=8)
services.create_point(dina, meeting, 2, text_en="Internal", text_id="Internal", text_vi="Internal",
    internal_to="indonesia")
print(json.dumps(str(point.uid)))
"""

STATE = """
import json
from hotline.programme import joint
from hotline.programme.models import AgreedPoint, Meeting
meeting = Meeting.objects.filter(code="JWG-9").first()
point = AgreedPoint.objects.filter(meeting__code="JWG-9", number=1).first()
print(json.dumps(None if point is None else {
    "uid": str(point.uid),
    "meeting": [meeting.title, meeting.place, sorted((d.side, d.head) for d in meeting.delegations.all())],
    "points": sorted(p.number for p in AgreedPoint.objects.filter(meeting__code="JWG-9")),
    "unit": point.responsible_unit, "status": point.status,
    "activities": [[a.title, a.theme, a.participants_indonesia] for a in point.activities.all()],
    "status_history": [[c.old_status, c.new_status, c.by_name] for c in point.history.all()],
    "versions": [[v.node, v.by_name, v.body.get("responsible_unit"), v.superseded, v.modified.isoformat()]
                 for v in joint.history(point)],
}))
"""

EDIT = """
import json
from django.contrib.auth import get_user_model
from hotline.programme import services
from hotline.programme.models import AgreedPoint
dina = get_user_model().objects.get(username="dina")
point = AgreedPoint.objects.get(meeting__code="JWG-9", number=1)
services.update_point(dina, point, responsible_unit=%r, note="unit changed")
%s
print(json.dumps(True))
"""


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    linked = federate(tmp_path_factory.mktemp("programme-joint"))
    for node in linked.values():
        hotline(node.data_dir, "user", "add", "dina", "--role", "secretariat",
                env={**node.env, "HOTLINE_PASSWORD": PASSWORD})  # fmt: skip
    yield linked
    stop_all(linked)


def _state(node):
    return run_python(node, STATE)


def test_joint_records_travel_and_both_edits_converge(nodes):
    bnpt, mps = nodes["bnpt"], nodes["mps"]

    # Created at BNPT -> the same records (same ids) at MPS; the internal point stays home.
    uid = run_python(bnpt, CREATE)
    there = wait_for(
        lambda: (s := _state(mps)) and s["activities"] and s, timeout=60, what="the point at mps"
    )
    assert there["uid"] == uid
    assert there["meeting"] == ["Ninth meeting", "Bali", [["indonesia", "Head ID"], ["vietnam", "Head VN"]]]
    assert there["points"] == [1]
    assert there["unit"] == "Directorate 1" and there["status"] == "agreed"
    assert there["activities"] == [["Workshop on lists", "Lists", 12]]
    assert [v[:3] for v in there["versions"]] == [["bnpt", "dina", "Directorate 1"]]
    assert _state(bnpt)["points"] == [1, 2]

    # Edited at MPS (unit and status) -> BNPT shows it, with who and where in the history.
    run_python(mps, EDIT % ("Directorate 2", 'services.set_point_status(dina, point, "in_progress", '
                                            'note="started")'))  # fmt: skip
    here = wait_for(lambda: (s := _state(bnpt)) and s["status"] == "in_progress" and s, timeout=60,
                    what="the edit from mps at bnpt")  # fmt: skip
    assert here["unit"] == "Directorate 2"
    assert here["status_history"][-1] == ["agreed", "in_progress", "dina (mps)"]
    assert [v[:3] for v in here["versions"]] == [
        ["bnpt", "dina", "Directorate 1"],
        ["mps", "dina", "Directorate 2"],
        ["mps", "dina", "Directorate 2"],
    ]

    # Concurrent edits: MPS is down while BNPT edits, then MPS edits (later) before it comes back.
    mps.stop()
    run_python(bnpt, EDIT % ("Unit from BNPT", ""))
    run_python(mps, EDIT % ("Unit from MPS", ""))
    mps.start()

    def converged():
        both = {name: _state(node) for name, node in nodes.items()}
        units = [v[2] for v in both["bnpt"]["versions"]]
        if all(s["unit"] == "Unit from MPS" for s in both.values()) and "Unit from MPS" in units:
            return both
        return None

    both = wait_for(converged, timeout=90, what="both nodes on the newer edit")
    for name, state in both.items():
        versions = state["versions"]
        assert len(versions) == 5, (name, versions)
        assert [v[:3] for v in versions[-2:]] == [
            ["bnpt", "dina", "Unit from BNPT"],
            ["mps", "dina", "Unit from MPS"],
        ]
        assert versions[-2][4] < versions[-1][4]  # the newer `modified` is the one in force
    # At MPS, BNPT's older edit arrived after its own newer one: kept, marked superseded, not applied.
    assert both["mps"]["versions"][-2][3] is True
    assert both["bnpt"]["versions"][-2][3] is False  # BNPT held its own edit until the newer one came
