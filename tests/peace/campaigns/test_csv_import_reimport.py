"""Re-importing a file updates by external_id and never duplicates; the counts say what happened."""

from hotline.peace.campaigns import csv_import
from hotline.peace.campaigns.models import Ambassador
from tests.peace.campaigns.registry_data import sample_bytes

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]


def test_the_same_file_twice_changes_nothing(coordinator, sample_cohorts):
    csv_import.import_ambassadors(coordinator, sample_bytes())
    before = {a.external_id: a.updated_at for a in Ambassador.objects.all()}

    again = csv_import.import_ambassadors(coordinator, sample_bytes())

    assert (again.created, again.updated, again.unchanged) == (0, 0, 20)
    assert again.summary() == "20 row(s): 0 created, 0 updated, 20 unchanged"
    assert {a.external_id: a.updated_at for a in Ambassador.objects.all()} == before


def test_a_changed_file_updates_the_changed_rows_and_adds_the_new(coordinator, sample_cohorts):
    csv_import.import_ambassadors(coordinator, sample_bytes())
    linked = Ambassador.objects.get(external_id="DD-0001")
    lines = sample_bytes().decode().splitlines()
    lines[1] = lines[1].replace("Sumatera Utara", "Aceh").replace(",yes,", ",no,")
    lines[12] = lines[12].replace("writing", "writing it")
    lines.append("DD-0021,Ayu Kartika,,Lampung,Sumatra,id,writing,2025-medan,,yes,2025-03-13")

    result = csv_import.import_ambassadors(coordinator, ("\n".join(lines) + "\n").encode())

    assert (result.created, result.updated, result.unchanged) == (1, 2, 18)
    assert Ambassador.objects.count() == 21
    siti = Ambassador.objects.get(external_id="DD-0001")
    assert siti.pk == linked.pk and siti.province == "Aceh" and not siti.active
    assert Ambassador.objects.get(external_id="DD-0012").skills == ["writing", "it"]


def test_a_reimport_keeps_the_linked_account(coordinator, ambassador, danang_bootcamp):
    csv_import.import_ambassadors(coordinator, sample_bytes())

    ambassador.refresh_from_db()
    assert ambassador.user.username == "ambassador" and ambassador.name == "Siti Nurhaliza"
    assert Ambassador.objects.filter(external_id="DD-0001").count() == 1
