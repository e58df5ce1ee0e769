"""The desk's pages speak Indonesian, Vietnamese and English: headings, labels, buttons, codes (states,
kinds, priorities) and the countdown wording follow the user's language."""

import pytest
from django.conf import settings

from tests.desk.views_support import client_for, incoming

PAGES = {
    "/desk/dashboard/": {
        "en": ["<h1>Hotline desk</h1>", "Waiting for acknowledgement", "left</time>", ">Inbox</a>"],
        "id": ["<h1>Meja hotline</h1>", "Menunggu konfirmasi", "lagi</time>", ">Kotak masuk</a>"],
        "vi": ["<h1>Bàn trực hotline</h1>", "Chờ xác nhận", 'role="timer">còn ', ">Hộp thư đến</a>"],
    },
    "/desk/compose/": {
        "en": ["<h1>Compose a message</h1>", "Addressee", "Handling code", "Send the message"],
        "id": ["<h1>Tulis pesan</h1>", "Penerima", "Kode penanganan", "Kirim pesan"],
        "vi": ["<h1>Soạn tin nhắn</h1>", "Người nhận", "Mã xử lý", "Gửi tin nhắn"],
    },
    "/desk/inbox/": {
        "en": ["<h1>Inbox</h1>", "request for information", ">urgent</span>", ">received</span>"],
        "id": ["<h1>Kotak masuk</h1>", "permintaan informasi", ">mendesak</span>", ">diterima</span>"],
        "vi": ["<h1>Hộp thư đến</h1>", "yêu cầu thông tin", ">khẩn</span>", ">đã nhận</span>"],
    },
    "/desk/roster/": {
        "en": ["<h1>Duty roster</h1>", "On duty now"],
        "id": ["<h1>Jadwal piket</h1>", "Bertugas sekarang"],
        "vi": ["<h1>Lịch trực</h1>", "Đang trực"],
    },
    "/desk/report/": {
        "en": ["<h1>Service levels</h1>", "share in time"],
        "id": ["<h1>Tingkat layanan</h1>", "porsi tepat waktu"],
        "vi": ["<h1>Mức độ dịch vụ</h1>", "tỷ lệ đúng hạn"],
    },
}


@pytest.mark.parametrize("language", ["en", "id", "vi"])
@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_in_each_language(desk, path, language):
    incoming(desk)  # an urgent RFI from MPS, waiting for acknowledgement
    client = client_for(desk.alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.get(path).content.decode()

    assert f'<html lang="{language}">' in page
    for text in PAGES[path][language]:
        assert text in page, text


@pytest.mark.parametrize(
    ("language", "text"),
    [("id", "Pesan ini tidak dapat dikonfirmasi"), ("vi", "Không thể xác nhận tin nhắn này")],
)
def test_a_refused_step_is_explained_in_the_users_language(desk, language, text):
    message = incoming(desk)
    client = client_for(desk.alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.post(f"/desk/messages/{message.stix_id}/acknowledge/")

    response = client.post(f"/desk/messages/{message.stix_id}/acknowledge/", follow=True)

    assert text in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"), [("id", "Bidang ini tidak boleh kosong."), ("vi", "Trường này là bắt buộc.")]
)
def test_form_errors_in_the_users_language(desk, language, text):
    client = client_for(desk.alice)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    page = client.post("/desk/compose/", {"new-TOTAL_FORMS": "0", "new-INITIAL_FORMS": "0"}).content.decode()

    assert text in page
