"""The registry's demo data on BNPT's node: two bootcamps, the sample's twenty ambassadors with attendance,
and the demo user `ambassador` linked to a record; running the seed twice changes nothing; MPS gets none."""

from hotline.access import policy, roles
from hotline.access.services import create_user
from hotline.peace.campaigns import registry, registry_demo
from hotline.peace.campaigns.models import Ambassador, Attendance, Bootcamp
from tests.actors import PASSWORD


def test_the_bnpt_demo_has_a_registry_and_a_linked_ambassador(coordinator):
    demo_ambassador = create_user("ambassador", roles.AMBASSADOR, PASSWORD)

    registry_demo.seed("bnpt")
    registry_demo.seed("bnpt")

    assert sorted(Bootcamp.objects.values_list("code", flat=True)) == ["2025-danang", "2025-medan"]
    assert Ambassador.objects.count() == 20
    assert Attendance.objects.count() == 18  # the two without a cohort took part in neither
    medan = Bootcamp.objects.get(code="2025-medan")
    assert registry.attendance_summary(medan) == {
        "participants": 10, "completed": 8, "days": 38, "possible_days": 40,
    }  # fmt: skip
    demo_ambassador.refresh_from_db()
    assert demo_ambassador.ambassador.external_id == "DD-0001" and policy.can_contribute(demo_ambassador)
    assert registry.figures(coordinator)["active"] == 18


def test_the_mps_demo_has_no_registry(coordinator):
    registry_demo.seed("mps")
    assert not Bootcamp.objects.exists() and not Ambassador.objects.exists()
