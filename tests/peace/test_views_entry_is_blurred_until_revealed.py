"""An entry's page shows a blurred preview, never the original, until a reviewer asks (POST reveal)."""

import base64

from django.urls import reverse

from hotline.peace import services
from tests.peace import media
from tests.signin import signed_in_client


def test_the_entry_page_shows_only_the_blurred_preview(coordinator, reviewer, bank):
    data = media.image(41)
    entry = services.add_content(coordinator, bank, data, services.Labels(), keep_content=True)
    client = signed_in_client(reviewer)
    page = client.get(reverse("peace:entry", args=[entry.pk])).content.decode()
    assert reverse("peace:entry-preview", args=[entry.pk]) in page
    assert base64.b64encode(data).decode()[:200] not in page
    preview = client.get(reverse("peace:entry-preview", args=[entry.pk]))
    assert preview["Content-Type"] == "image/png" and preview.content != data


def test_revealing_shows_the_original(coordinator, reviewer, bank):
    data = media.image(42)
    entry = services.add_content(coordinator, bank, data, services.Labels(), keep_content=True)
    response = signed_in_client(reviewer).post(reverse("peace:entry-reveal", args=[entry.pk]))
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert base64.b64encode(data).decode() in response.content.decode()


def test_revealing_is_a_post(coordinator, reviewer, bank):
    entry = services.add_content(coordinator, bank, media.image(43), services.Labels(), keep_content=True)
    assert signed_in_client(reviewer).get(reverse("peace:entry-reveal", args=[entry.pk])).status_code == 405


def test_a_text_entry_is_blurred_until_revealed(coordinator, reviewer, bank):
    entry = services.add_text(coordinator, bank, media.TEXT_ID, services.Labels(), keep_content=True)
    client = signed_in_client(reviewer)
    page = client.get(reverse("peace:entry", args=[entry.pk])).content.decode()
    assert "filter: blur" in page
    revealed = client.post(reverse("peace:entry-reveal", args=[entry.pk])).content.decode()
    assert media.TEXT_ID[:60] in revealed and 'class="revealed"' in revealed
