"""The partner-links pages speak Indonesian, Vietnamese and English."""

import pytest

from tests.signin import signed_in_client

PAGES = {
    "/partners/": {
        "en": ["<h1>Partner links</h1>", "Quarantined", "Replays"],
        "id": ["<h1>Tautan mitra</h1>", "Dikarantina", "Pemutaran ulang"],
        "vi": ["<h1>Kết nối đối tác</h1>", "Bị cách ly", "Gửi lặp lại"],
    },
    "/partners/quarantine/": {
        "en": ["<h1>Quarantine</h1>", "Reason", ">Release</button>", "1 time by push"],
        "id": ["<h1>Karantina</h1>", "Alasan", ">Lepaskan</button>", "1 kali melalui push"],
        "vi": ["<h1>Cách ly</h1>", "Lý do", ">Cho qua</button>", "1 lần qua push"],
    },
}


@pytest.mark.parametrize("language", ["en", "id", "vi"])
@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_in_each_language(admin, quarantined, path, language):
    page = signed_in_client(admin, language).get(path).content.decode()
    for text in PAGES[path][language]:
        assert text in page, text
