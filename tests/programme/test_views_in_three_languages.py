"""The programme's pages speak Indonesian, Vietnamese and English, and show the agreed points' own texts in
the reader's language."""

import pytest

from hotline.programme.models import AgreedPoint
from tests.signin import signed_in_client


@pytest.mark.parametrize(
    ("language", "heading", "point_text"),
    [
        ("en", "Agreed points by status", "Capacity building through training and joint research."),
        (
            "id",
            "Butir kesepakatan menurut status",
            "Peningkatan kapasitas melalui pelatihan dan riset bersama.",
        ),
        (
            "vi",
            "Các điểm đã thống nhất theo trạng thái",
            "Nâng cao năng lực thông qua đào tạo và nghiên cứu chung.",
        ),
    ],
)
def test_dashboard_and_point_in_each_language(seeded, secretary, language, heading, point_text):
    client = signed_in_client(secretary, language)
    assert heading in client.get("/programme/").content.decode()
    point = AgreedPoint.objects.get(number=3)
    assert point_text in client.get(f"/programme/points/{point.pk}/").content.decode()
