"""The language of a message is detected (Indonesian, Vietnamese, English) unless the sender sets it."""

import pytest

from hotline.desk import inbound, services
from hotline.desk.errors import DeskError
from hotline.desk.language import detect_language
from tests.desk.conftest import T0, draft, partner_message


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Peringatan: kelompok teroris merencanakan serangan di pelabuhan Batam minggu ini.", "id"),
        ("Cảnh báo: nhóm khủng bố đang lên kế hoạch tấn công bến phà trong tuần này.", "vi"),
        ("Warning: a terrorist cell is planning an attack on the ferry terminal this week.", "en"),
    ],
)
def test_detects_the_three_languages(text, language):
    assert detect_language(text) == language


def test_nothing_is_guessed_from_nothing():
    assert detect_language("") == "" and detect_language("   ") == ""


def test_a_sent_message_gets_the_detected_language(desk):
    message = services.send(
        desk.alice,
        draft(subject="Permintaan informasi", body="Mohon kirimkan riwayat perjalanan tersangka."),
        now=T0,
    )

    assert message.language == "id"


def test_the_sender_may_set_it(desk):
    message = services.send(desk.alice, draft(body="Ferry terminal", language="vi"), now=T0)

    assert message.language == "vi"


def test_only_the_desk_languages_may_be_set(desk):
    with pytest.raises(DeskError, match="language must be one of en, id, vi") as refused:
        services.send(desk.alice, draft(language="fr"), now=T0)

    assert refused.value.field == "language"


def test_the_language_of_a_received_message_is_the_senders(desk):
    obj = partner_message(lang="vi", subject="Yêu cầu thông tin", body="Xin gửi lịch sử đi lại.")

    assert inbound.receive_message(obj, partner=desk.mps, now=T0).language == "vi"
