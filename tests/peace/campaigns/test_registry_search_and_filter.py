"""Search by name without case or diacritics (as the desk's search), and filters by province, region,
language, skill, cohort and whether active."""

from hotline.peace.campaigns import csv_import, registry
from tests.peace.campaigns.registry_data import sample_bytes

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]


def _ids(found) -> list[str]:
    return sorted(a.external_id for a in found)


def _imported(coordinator):
    csv_import.import_ambassadors(coordinator, sample_bytes())


def test_names_are_found_without_case_or_diacritics(coordinator, sample_cohorts):
    _imported(coordinator)

    assert _ids(registry.search(coordinator, "nguyen van")) == ["DD-0011"]
    assert _ids(registry.search(coordinator, "ĐẶNG")) == ["DD-0017"]
    assert _ids(registry.search(coordinator, "dang long")) == ["DD-0017"]
    assert _ids(registry.search(coordinator, "Siregar")) == ["DD-0020"]
    assert _ids(registry.search(coordinator, "dd-0003")) == ["DD-0003"]
    assert _ids(registry.search(coordinator, "nobody here")) == []
    assert len(registry.search(coordinator, "")) == 20


def test_filters_combine(coordinator, sample_cohorts):
    _imported(coordinator)

    assert _ids(registry.search(coordinator, province="ha noi")) == ["DD-0011"]
    assert _ids(registry.search(coordinator, province="Sumatera Utara")) == ["DD-0001", "DD-0002"]
    assert _ids(registry.search(coordinator, region="java")) == ["DD-0004", "DD-0005", "DD-0006", "DD-0019"]
    assert _ids(registry.search(coordinator, language="jv")) == ["DD-0004", "DD-0019"]
    assert _ids(registry.search(coordinator, skill="it")) == ["DD-0004", "DD-0010", "DD-0013", "DD-0018"]
    assert _ids(registry.search(coordinator, skill="it", cohort="2025-danang")) == ["DD-0013", "DD-0018"]
    assert _ids(registry.search(coordinator, active="no")) == ["DD-0007", "DD-0016"]
    assert len(registry.search(coordinator, active="yes")) == 18
    assert _ids(registry.search(coordinator, "a", skill="video", language="vi", active="yes")) == [
        "DD-0011",
        "DD-0015",
        "DD-0017",
    ]


def test_an_unknown_filter_value_is_ignored_not_an_error(coordinator, sample_cohorts):
    _imported(coordinator)

    assert len(registry.search(coordinator, skill="cooking", language="xx", active="maybe")) == 20
    assert len(registry.search(coordinator, cohort="no-such-bootcamp")) == 0
