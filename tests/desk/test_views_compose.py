"""The compose page sends alerts, RFIs and notices (to a partner or internal) with every field of the
message, several attachments, intelligence picked from the store and intelligence created in the form.
Errors are shown next to their field and nothing is sent."""

from django.core.files.uploadedfile import SimpleUploadedFile

from hotline import stix
from hotline.desk.models import Attachment, Message
from hotline.intel import queries as store
from hotline.intel import services as intel
from hotline.intel.models import Collection
from tests.desk.views_support import client_for
from tests.factories import sdo

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def form(**changes) -> dict:
    values = {
        "kind": "alert",
        "to": "internal",
        "priority": "flash",
        "subject": "Planned attack on a ferry terminal",
        "body": "A cell is preparing an attack on the ferry terminal in Batam this week.",
        "body_format": "text",
        "language": "",
        "tlp": "amber",
        "handling_code": "H0",
        "handling_text": "",
        "source_reliability": "",
        "information_credibility": "",
        "intel_query": "",
        "intel_type": "",
        "new-TOTAL_FORMS": "1",
        "new-INITIAL_FORMS": "0",
        "new-MIN_NUM_FORMS": "0",
        "new-MAX_NUM_FORMS": "10",
        "new-0-type": "",
        "new-0-name": "",
        "new-0-description": "",
        "new-0-pattern": "",
        "new-0-country": "",
        "new-0-identity_class": "organization",
    }
    values.update(changes)
    return values


def field_html(page: str, name: str) -> str:
    """The field's block (label, input, help, errors) as web/field.html renders it."""
    start = page.rindex('<div class="field', 0, page.index(f'name="{name}"'))
    return page[start : page.index("</div>\n", page.index(f'name="{name}"')) + 300]


def test_the_page_has_every_field(desk):
    page = client_for(desk.alice).get("/desk/compose/").content.decode()

    for name in (
        "kind", "to", "priority", "subject", "body", "body_format", "language", "tlp", "handling_code",
        "handling_text", "source_reliability", "information_credibility", "recipients", "attachments",
        "intel_query", "intel_type", "new-0-type", "new-0-name", "new-0-description", "new-0-pattern",
    ):  # fmt: skip
        assert f'name="{name}"' in page, name
    assert '<option value="mps">Ministry of Public Security (Viet Nam)</option>' in page
    assert 'enctype="multipart/form-data"' in page and "multiple" in field_html(page, "attachments")
    assert "/static/web/compose.js" in page


def test_an_internal_flash_alert_with_two_attachments(desk):
    client = client_for(desk.alice)

    response = client.post(
        "/desk/compose/",
        form(
            attachments=[
                SimpleUploadedFile("note.txt", b"Ferry schedule attached\n"),
                SimpleUploadedFile("photo.png", PNG),
            ],
            body="**Urgent**: cell in Batam",
            body_format="markdown",
        ),
    )

    message = Message.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/desk/messages/{message.stix_id}/"
    assert (message.direction, message.kind, message.priority, message.state) == (
        "internal", "alert", "flash", "received",
    )  # fmt: skip
    assert sorted(Attachment.objects.values_list("name", "mime_type")) == [
        ("note.txt", "text/plain"), ("photo.png", "image/png"),
    ]  # fmt: skip
    page = client.get(response["Location"]).content.decode()
    assert "The message has been sent." in page and "<strong>Urgent</strong>" in page
    assert "note.txt" in page and "photo.png" in page


def test_to_a_partner_with_handling_code_and_evaluation(desk):
    client_for(desk.alice).post(
        "/desk/compose/",
        form(
            to="mps",
            kind="rfi",
            priority="urgent",
            tlp="amber+strict",
            handling_code="H3",
            handling_text="Not to be shared with third countries",
            source_reliability="B",
            information_credibility="2",
            language="vi",
        ),
    )

    message = Message.objects.get()
    assert (message.direction, message.partner, message.tlp, message.language) == (
        "outgoing", desk.mps, "amber+strict", "vi",
    )  # fmt: skip
    assert (message.handling_code, message.handling_text) == ("H3", "Not to be shared with third countries")
    assert (message.source_reliability, message.information_credibility) == ("B", 2)


def test_the_language_is_detected_unless_chosen(desk):
    client = client_for(desk.alice)
    client.post(
        "/desk/compose/",
        form(
            subject="Peringatan serangan",
            body="Sel teroris sedang mempersiapkan serangan di pelabuhan Batam.",
        ),
    )

    assert Message.objects.get().language == "id"
    detected = client.post("/desk/compose/language/", {"text": "Cảnh báo khẩn cấp về một vụ tấn công"}).json()
    assert detected == {"language": "vi", "label": "Vietnamese"}


def test_errors_are_shown_next_to_their_field_and_nothing_is_sent(desk):
    response = client_for(desk.alice).post(
        "/desk/compose/", form(subject="", handling_code="H3", priority="sometimes")
    )

    page = response.content.decode()
    assert response.status_code == 400 and not Message.objects.exists()
    assert "The message was not sent" in page
    assert "This field is required." in field_html(page, "subject")
    assert "Handling code H3 needs the restriction in words." in field_html(page, "handling_text")
    assert "Select a valid choice." in field_html(page, "priority")
    assert 'aria-invalid="true"' in field_html(page, "subject")
    assert "This field is required." not in field_html(page, "body")


def test_a_file_of_a_refused_type_is_named_next_to_the_field(desk):
    response = client_for(desk.alice).post(
        "/desk/compose/",
        form(attachments=[SimpleUploadedFile("tool.exe", b"MZ\x90\x00\x03" + b"\x00" * 300)]),
    )

    assert "tool.exe: files of this type are not accepted" in field_html(
        response.content.decode(), "attachments"
    )
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused(desk, settings):
    settings.HOTLINE_ATTACHMENT_MAX_BYTES = 10
    response = client_for(desk.alice).post(
        "/desk/compose/", form(attachments=[SimpleUploadedFile("big.txt", b"x" * 11)])
    )

    assert "big.txt is too large" in field_html(response.content.decode(), "attachments")
    assert not Message.objects.exists()


def test_intelligence_picked_from_the_store_is_attached(desk):
    actor = sdo("threat-actor", name="Jamaah Ansharut Daulah")
    intel.add_objects(Collection.objects.get(alias="intel"), [actor])

    client_for(desk.alice).post("/desk/compose/", form(intel_refs=[actor["id"]]))

    message = Message.objects.get()
    assert message.object_refs == [actor["id"]]
    assert "jamaah ansharut daulah" in message.search_text


def test_intelligence_the_user_may_not_read_is_refused_next_to_the_picker(desk):
    hidden = sdo("threat-actor", name="Hidden")
    intel.add_objects(intel.create_collection("closed", "No grants"), [hidden])

    response = client_for(desk.alice).post("/desk/compose/", form(intel_refs=[hidden["id"]]))

    page = response.content.decode()
    picker = page[page.index('id="intel-picker"') :]
    assert "no such intelligence you may read" in picker[: picker.index("</fieldset>")]
    assert not Message.objects.exists()


def test_new_intelligence_is_created_with_the_message(desk):
    actor = sdo("threat-actor", name="Cell Batam")
    intel.add_objects(Collection.objects.get(alias="intel"), [actor])

    client_for(desk.alice).post(
        "/desk/compose/",
        form(
            intel_refs=[actor["id"]],
            tlp="green",
            **{
                "new-TOTAL_FORMS": "3",
                "new-0-type": "indicator",
                "new-0-name": "Propaganda domain",
                "new-0-pattern": "[domain-name:value = 'propaganda.example']",
                "new-1-type": "location",
                "new-1-name": "Batam",
                "new-1-country": "id",
                "new-2-type": "report",
                "new-2-name": "Batam cell overview",
                "new-2-description": "What we know",
            },
        ),
    )

    message = Message.objects.get()
    created = store.latest_objects(message.object_refs)
    types = [created[ref]["type"] for ref in message.object_refs]
    assert types == ["threat-actor", "indicator", "location", "report"]
    indicator, location, report = (created[ref] for ref in message.object_refs[1:])
    assert indicator["pattern"] == "[domain-name:value = 'propaganda.example']"
    assert location["country"] == "ID" and stix.tlp_level(location) == "green"
    assert set(report["object_refs"]) == {actor["id"], indicator["id"], location["id"]}
    assert not stix.validate_object(report)


def test_a_bad_pattern_is_shown_next_to_the_pattern(desk):
    response = client_for(desk.alice).post(
        "/desk/compose/",
        form(**{"new-0-type": "indicator", "new-0-name": "Bad", "new-0-pattern": "domain = example"}),
    )

    assert "Not valid STIX" in field_html(response.content.decode(), "new-0-pattern")
    assert not Message.objects.exists()


def test_the_analyst_and_the_others_may_not_send(desk):
    for user in (desk.ana, desk.bob, desk.charlie):
        assert client_for(user).post("/desk/compose/", form()).status_code == 403
    assert not Message.objects.exists()
