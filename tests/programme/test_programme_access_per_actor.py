"""Who may read and change the programme: the secretariat changes it; alice (an officer) reads it; bob (a
partner node's account) and charlie (an ambassador) see nothing. A point internal to the other side is not
seen at this node, and cannot be made here."""

import pytest

from hotline.programme import services
from hotline.programme.errors import NotAllowed, ProgrammeError
from hotline.programme.models import AgreedPoint, Meeting


def test_readers_per_actor(seeded, actors, secretary):
    assert services.visible_points(secretary).count() == 5
    assert services.visible_points(actors["alice"]).count() == 5
    assert services.visible_points(actors["bob"]).count() == 0
    assert services.visible_points(actors["charlie"]).count() == 0
    assert services.visible_activities(actors["charlie"]).count() == 0
    assert services.visible_requests(actors["bob"]).count() == 0


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_only_the_secretariat_changes_it(seeded, actors, who):
    point = AgreedPoint.objects.get(number=2)
    with pytest.raises(NotAllowed):
        services.set_point_status(actors[who], point, "done")
    with pytest.raises(NotAllowed):
        services.add_evidence(actors[who], point, "document", "x", "y")
    assert AgreedPoint.objects.get(pk=point.pk).status == "in_progress"
    assert point.evidence.count() == 0


def test_a_point_internal_to_one_side_is_seen_only_at_that_node(seeded, secretary, settings):
    jwg2 = Meeting.objects.get(code="JWG-2")
    settings.NODE_NAME = "bnpt"
    internal = services.create_point(
        secretary, jwg2, 6, text_en="BNPT internal follow-up", text_id="Tindak lanjut internal BNPT",
        text_vi="Theo dõi nội bộ của BNPT", owner_side="indonesia", internal_to="indonesia",
    )  # fmt: skip
    assert internal in services.visible_points(secretary)
    settings.NODE_NAME = "mps"  # the same records read at a Vietnamese node
    assert internal not in services.visible_points(secretary)
    assert services.visible_points(secretary).count() == 5
    with pytest.raises(ProgrammeError, match="other side"):
        services.create_point(
            secretary, jwg2, 7, text_en="x", text_id="x", text_vi="x", internal_to="indonesia"
        )
