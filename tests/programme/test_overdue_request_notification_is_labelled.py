"""The notification an overdue cooperation request raises is shown with its label in the reader's language,
never as the raw event name; only people the desk lets in see the notifications board."""

from datetime import UTC, datetime, timedelta

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.programme import escalation, services
from tests.actors import PASSWORD
from tests.signin import signed_in_client

T0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
LABELS = {
    "en": "Cooperation request overdue",
    "id": "Permintaan kerja sama melewati tenggat",
    "vi": "Yêu cầu hợp tác quá hạn",
}


@pytest.fixture
def supervisor_told(seeded, secretary, settings):
    settings.HOTLINE_SUPERVISOR_AFTER_MINUTES = 15
    supervisor = create_user("sup", roles.SUPERVISOR, PASSWORD)
    request = services.create_request(
        secretary, "evidence", "Evidence for a border case", requesting_side="indonesia",
        requested_side="vietnam", deadline=T0 + timedelta(hours=1), now=T0,
    )  # fmt: skip
    escalation.check_deadlines(request.deadline)
    escalation.check_deadlines(request.deadline + timedelta(minutes=16))
    return supervisor


@pytest.mark.parametrize("language", ["en", "id", "vi"])
def test_the_label_is_shown_in_three_languages(supervisor_told, language):
    page = signed_in_client(supervisor_told, language).get("/desk/dashboard/")
    assert page.status_code == 200
    text = page.content.decode()
    assert LABELS[language] in text and "Evidence for a border case" in text
    assert ">request_overdue<" not in text


def test_officers_are_not_told_and_outsiders_see_no_board(supervisor_told, actors):
    alice = signed_in_client(actors["alice"]).get("/desk/dashboard/").content.decode()
    assert LABELS["en"] not in alice  # an officer is neither secretariat nor supervisor
    charlie = signed_in_client(actors["charlie"]).get("/desk/dashboard/")
    assert charlie.status_code in (302, 403, 404) and LABELS["en"] not in charlie.content.decode()
