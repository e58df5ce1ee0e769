"""The banks, entry and match pages speak English, Indonesian and Vietnamese."""

import pytest
from django.urls import reverse

from hotline.peace import services
from tests.peace import media
from tests.signin import signed_in_client

EXPECTED = {
    "en": ("Banks of known propaganda", "The content is blurred", "Match content against the banks"),
    "id": ("Bank propaganda yang dikenal", "Konten dikaburkan", "Cocokkan konten dengan bank"),
    "vi": (
        "Ngân hàng nội dung tuyên truyền đã biết",
        "Nội dung được làm mờ",
        "Đối sánh nội dung với các ngân hàng",
    ),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_pages_in_each_language(coordinator, bank, language):
    entry = services.add_content(coordinator, bank, media.image(121), services.Labels(), keep_content=True)
    client = signed_in_client(coordinator, language)
    banks_title, blurred, match_title = EXPECTED[language]
    assert banks_title in client.get(reverse("peace:banks")).content.decode()
    assert blurred in client.get(reverse("peace:entry", args=[entry.pk])).content.decode()
    page = client.get(reverse("peace:match")).content.decode()
    assert match_title in page and f'lang="{language}"' in page
