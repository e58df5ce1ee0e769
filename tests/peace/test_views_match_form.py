"""The match form: a file, a text or a URL; the matches listed with bank, signal and distance; bad input
gets a clear error."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hotline.peace import indexing, services
from tests.peace import media
from tests.signin import signed_in_client


def test_an_uploaded_copy_is_matched(coordinator, reviewer, bank):
    entry = services.add_content(
        coordinator, bank, media.image(51), services.Labels(organisation="Synthetic")
    )
    indexing.rebuild()
    upload = SimpleUploadedFile("copy.jpg", media.reencoded(media.image(51)), content_type="image/jpeg")
    response = signed_in_client(reviewer).post(reverse("peace:match"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("peace:entry", args=[entry.pk]) in page and "DEMO_BANK" in page and "pdq" in page


def test_no_match_is_said(reviewer, bank):
    indexing.rebuild()
    response = signed_in_client(reviewer).post(reverse("peace:match"), {"text": media.TEXT_ID})
    assert 'class="no-match"' in response.content.decode()


def test_bad_input_is_refused_with_a_message(reviewer):
    client = signed_in_client(reviewer)
    assert client.post(reverse("peace:match"), {}).status_code == 400
    response = client.post(reverse("peace:match"), {"url": "javascript:alert(1)"})
    assert response.status_code == 400 and "not an http(s) URL" in response.content.decode()
