"""The import from the web: a coordinator uploads the CSV file and sees the counts, or every bad row with its
line and column (nothing imported); a file over the size limit or in another encoding gets a clear message."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hotline.audit.models import Record
from hotline.peace.campaigns import csv_import
from hotline.peace.campaigns.models import Ambassador
from tests.peace.campaigns.registry_data import HEADER, sample_bytes
from tests.signin import signed_in_client

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]
URL = "campaigns:ambassadors-import"


def _upload(client, data: bytes, name: str = "ambassadors.csv"):
    return client.post(reverse(URL), {"file": SimpleUploadedFile(name, data, content_type="text/csv")})


def test_a_good_file_is_imported_and_counted_then_reimported(coordinator, sample_cohorts):
    client = signed_in_client(coordinator)
    assert "CSV file" in client.get(reverse(URL)).content.decode()

    first = _upload(client, sample_bytes())
    assert first.status_code == 200
    assert "Imported 20 rows: 20 created, 0 updated, 0 unchanged." in first.content.decode()
    again = _upload(client, sample_bytes())
    assert "Imported 20 rows: 0 created, 0 updated, 20 unchanged." in again.content.decode()
    assert Ambassador.objects.count() == 20
    record = Record.objects.filter(action="campaigns.ambassadors.import").order_by("seq").last()
    assert record.entry_point == "web" and record.actor == "coordinator"


def test_bad_rows_are_listed_and_nothing_is_imported(coordinator, sample_cohorts):
    client = signed_in_client(coordinator)
    bad = HEADER + "DD-1,Ayu,,Lampung,,id,writing,,,yes,\n" + "DD-2,Budi,,Narnia,,id,writing,,,yes,\n"
    bad += "DD-3,C,,Bali,,,it,,,yes,\n"

    page = _upload(client, bad.encode())

    text = page.content.decode()
    assert page.status_code == 400
    assert "Nothing was imported: 2 rows are wrong." in text
    assert "line 3: column province: &#x27;Narnia&#x27; is not a province of Indonesia or Vietnam" in text
    assert "line 4: column languages: is required" in text
    assert Ambassador.objects.count() == 0


def test_a_file_in_another_encoding_gets_a_clear_message(coordinator):
    client = signed_in_client(coordinator)

    page = _upload(client, (HEADER + "DD-1,José,,Bali,,id,writing,,,yes,\n").encode("cp1252"))

    assert page.status_code == 400
    assert "Nothing was imported: the file is not UTF-8 text (line 2" in page.content.decode()
    assert Ambassador.objects.count() == 0


def test_a_file_over_the_limit_is_refused(coordinator, monkeypatch):
    monkeypatch.setattr(csv_import, "MAX_BYTES", 1024 * 1024)
    client = signed_in_client(coordinator)
    big = HEADER.encode() + b"DD-1,A,,Bali,,id,writing,,,yes,\n" * 40_000

    page = _upload(client, big)

    assert page.status_code == 400 and "The file is larger than 1 MB; split it." in page.content.decode()
    assert Ambassador.objects.count() == 0


def test_no_file_chosen(coordinator):
    page = signed_in_client(coordinator).post(reverse(URL), {})
    assert page.status_code == 400 and "Choose a CSV file." in page.content.decode()


def test_the_page_in_indonesian_and_vietnamese(coordinator, sample_cohorts):
    for language, expected in (("id", "Impor duta"), ("vi", "Nhập đại sứ")):
        page = signed_in_client(coordinator, language).get(reverse(URL))
        assert expected in page.content.decode(), language
