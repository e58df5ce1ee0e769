"""A clean CSV file (the repository's sample) is imported whole, in the registry's spellings, and audited."""

import datetime

import pytest

from hotline.audit.models import Record
from hotline.peace.campaigns import csv_import
from hotline.peace.campaigns.models import Ambassador
from hotline.peace.errors import ImportRefused
from tests.peace.campaigns.registry_data import HEADER, sample_bytes

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]


def test_the_sample_file_is_imported_whole(coordinator, sample_cohorts):
    result = csv_import.import_ambassadors(coordinator, sample_bytes(), filename="ambassadors.csv")

    assert (result.created, result.updated, result.unchanged) == (20, 0, 0)
    assert Ambassador.objects.count() == 20
    an = Ambassador.objects.get(external_id="DD-0011")
    assert an.name == "Nguyễn Văn An" and an.province == "Hà Nội" and an.region == "Red River Delta"
    assert an.languages == ["vi", "en"] and an.skills == ["video", "visual_design"]
    assert an.cohort.code == "2025-danang" and an.active and an.active_since == datetime.date(2025, 8, 22)
    assert an.channels == [{"platform": "youtube", "url": "https://www.youtube.com/@an.example"}]
    rizky = Ambassador.objects.get(external_id="DD-0002")
    assert [c["platform"] for c in rizky.channels] == ["youtube", "tiktok"]
    assert not Ambassador.objects.get(external_id="DD-0007").active
    assert Ambassador.objects.get(external_id="DD-0019").cohort is None


def test_the_import_is_audited_with_its_counts(coordinator, sample_cohorts):
    csv_import.import_ambassadors(coordinator, sample_bytes(), filename="ambassadors.csv")

    record = Record.objects.get(action="campaigns.ambassadors.import")
    assert record.actor == "coordinator" and record.target == "ambassadors.csv"
    assert record.detail == {"created": 20, "updated": 0, "unchanged": 0}


def test_cells_are_read_in_the_ways_a_center_writes_them(coordinator, sample_cohorts):
    data = HEADER + (
        'DD-0100,Budi Santoso,,jawa barat,,"ID, EN",Writing;Video,2025-MEDAN,'
        "https://budi.example.org | https://instagram.com/budi.example,Ya,13/03/2025\n"
        "DD-0101,Nguyễn Thị Thu,,TP. Hồ Chí Minh,,vi,it,,,,\n"
        "DD-0102,Trần Văn Bình,,ha noi,,vi|en,visual_design,,,không,\n"
    )
    csv_import.import_ambassadors(coordinator, data.encode())

    budi = Ambassador.objects.get(external_id="DD-0100")
    assert (
        budi.province == "Jawa Barat"
        and budi.languages == ["id", "en"]
        and budi.skills == ["writing", "video"]
    )
    assert (
        budi.cohort.code == "2025-medan" and budi.active and budi.active_since == datetime.date(2025, 3, 13)
    )
    assert [c["platform"] for c in budi.channels] == ["web", "instagram"]
    thu = Ambassador.objects.get(external_id="DD-0101")
    assert thu.province == "Hồ Chí Minh" and thu.active and thu.channels == [] and thu.email == ""
    assert Ambassador.objects.get(external_id="DD-0102").province == "Hà Nội"
    assert not Ambassador.objects.get(external_id="DD-0102").active


def test_a_semicolon_file_from_excel_with_a_byte_order_mark_is_read(coordinator, sample_cohorts):
    excel = (
        "\ufeffexternal_id;name;province;languages;skills;cohort\r\nDD-0200;Siti Aminah;Aceh;id;writing;\r\n"
    )
    result = csv_import.import_ambassadors(coordinator, excel.encode("utf-8"))

    assert result.created == 1
    assert Ambassador.objects.get(external_id="DD-0200").name == "Siti Aminah"


def test_a_utf16_file_is_read(coordinator, sample_cohorts):
    text = "external_id\tname\tprovince\tlanguages\tskills\nDD-0300\tĐỗ Thị Hạnh\tĐà Nẵng\tvi\tvideo\n"
    result = csv_import.import_ambassadors(coordinator, text.encode("utf-16"))

    assert result.created == 1
    assert Ambassador.objects.get(external_id="DD-0300").name == "Đỗ Thị Hạnh"


def test_excel_sep_line_and_a_cell_over_two_lines(coordinator, sample_cohorts):
    text = (
        'sep=;\nexternal_id;name;province;languages;skills;region\nDD-0400;"Ayu\nKartika";Bali;id;video;x\n'
    )
    text += "DD-0401;Wayan;Bali;id;nope;\n"
    with pytest.raises(ImportRefused) as refused:
        csv_import.import_ambassadors(coordinator, text.encode())
    # The bad row starts on line 5: the sep= line, the header, and a row over lines 3 and 4 come first.
    assert refused.value.problems == [
        "line 5: column skills: 'nope' not skills (writing, visual_design, video, it)"
    ]

    csv_import.import_ambassadors(coordinator, text.replace("nope", "it").encode())
    assert Ambassador.objects.get(external_id="DD-0400").name == "Ayu\nKartika"
