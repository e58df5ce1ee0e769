"""A file with bad rows is refused whole: a message per bad row, naming line and column; nothing imported."""

import pytest

from hotline.audit.models import Record
from hotline.peace.campaigns import csv_import
from hotline.peace.campaigns.models import Ambassador
from hotline.peace.errors import ImportRefused, PeaceError
from tests.peace.campaigns.registry_data import HEADER

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]

GOOD = "DD-0001,Siti Nurhaliza,siti@example.org,Sumatera Utara,Sumatra,id en,writing,2025-medan,,yes,\n"


def _refused(coordinator, text: str, encoding: str = "utf-8") -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        csv_import.import_ambassadors(coordinator, text.encode(encoding), filename="bad.csv")
    return refused.value.problems


def test_each_bad_row_is_named_with_its_line_and_column_and_nothing_is_imported(coordinator, sample_cohorts):
    text = (
        HEADER
        + GOOD
        + (
            "DD-0002,Rizky,rizky@example,Sumatera Utara,,id,video,,,yes,\n"  # line 3: e-mail
            "DD-0003,Putri,,Jawa Barrat,,id,writing,,,yes,\n"  # line 4: province
            "DD-0004,Fajar,,Jawa Tengah,,id xx,cooking,,,yes,\n"  # line 5: language and skill
            "DD-0005,Dewi,,Bali,,id,writing,2030-mars,,yes,\n"  # line 6: cohort
            "DD-0006,Iqbal,,Bali,,id,writing,,ftp://iqbal.example.org,maybe,31/02/2025\n"  # line 7: three
            ",,,,,,,,,,\n"  # an empty row is skipped, not an error
            "DD-0001,Siti again,,Aceh,,id,writing,,,yes,\n"  # line 9: the same external id as line 2
            ",No Id,,Aceh,,,writing,,,,\n"  # line 10: external_id and languages required
        )
    )
    problems = _refused(coordinator, text)

    assert [p.split(":")[0] for p in problems] == [f"line {n}" for n in (3, 4, 5, 6, 7, 9, 10)]
    assert "column email: 'rizky@example' is not an e-mail address" in problems[0]
    assert "column province: 'Jawa Barrat' is not a province of Indonesia or Vietnam" in problems[1]
    assert (
        "column languages: 'xx' not language codes" in problems[2]
        and "column skills: 'cooking'" in problems[2]
    )
    assert "column cohort: '2030-mars' is not a bootcamp code (known: 2025-danang, 2025-medan)" in problems[3]
    assert "column channels: 'ftp://iqbal.example.org' is not a web address" in problems[4]
    assert "column active: 'maybe' is not yes or no" in problems[4]
    assert "column active_since: '31/02/2025' is not a date" in problems[4]
    assert "column external_id: 'DD-0001' is on line 2 already" in problems[5]
    assert "column external_id: is required" in problems[6] and "column languages: is required" in problems[6]
    assert Ambassador.objects.count() == 0
    refusal = Record.objects.get(action="campaigns.ambassadors.import_refused")
    assert refusal.detail["problems"] == 7 and refusal.target == "bad.csv"


def test_a_header_without_a_required_column_is_refused_with_the_columns_listed(coordinator):
    with pytest.raises(PeaceError) as refused:
        csv_import.import_ambassadors(
            coordinator, b"external_id,name,province,languages,colour\nDD-1,A,Aceh,id,red\n"
        )

    message = str(refused.value)
    assert message.startswith("line 1 (the header): missing column(s) skills; unknown column(s) colour")
    assert "external_id, name, email, province" in message
    assert Ambassador.objects.count() == 0


def test_a_file_not_in_utf8_gets_a_clear_message(coordinator):
    text = HEADER + "DD-0001,André Señoret,,Bali,,id en,writing,,,yes,\n"  # as Excel saves it on Windows
    with pytest.raises(PeaceError) as refused:
        csv_import.import_ambassadors(coordinator, text.encode("cp1252"))

    assert "is not UTF-8 text (line 2" in str(refused.value) and "CSV UTF-8" in str(refused.value)
    assert Ambassador.objects.count() == 0


def test_a_row_with_more_cells_than_columns_says_to_quote(coordinator, sample_cohorts):
    text = HEADER + GOOD + "DD-0002,Rizky, Jr,,Aceh,,id,video,,,yes,\n"
    problems = _refused(coordinator, text)

    assert problems == [
        "line 3: 12 cells for 11 columns (a ',' in a cell must be inside double quotes \"…\")"
    ]
    assert Ambassador.objects.count() == 0


def test_an_empty_file_and_a_header_alone_are_refused(coordinator):
    for data, message in ((b"", "the file is empty"), (HEADER.encode(), "the file has a header but no rows")):
        with pytest.raises(PeaceError, match=message):
            csv_import.import_ambassadors(coordinator, data)
    assert Ambassador.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_reading(coordinator, settings):
    data = HEADER.encode() + GOOD.encode() * (csv_import.MAX_BYTES // len(GOOD) + 1)
    with pytest.raises(PeaceError, match="larger than 5 MB"):
        csv_import.import_ambassadors(coordinator, data)
    assert Ambassador.objects.count() == 0
