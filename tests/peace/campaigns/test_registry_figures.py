"""The figures the programme reports at a glance, against the known sample: active ambassadors, provinces
covered, by skill, language and cohort."""

from hotline.peace.campaigns import csv_import, registry
from tests.peace.campaigns.registry_data import sample_bytes

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]


def test_the_figures_of_the_sample(coordinator, sample_cohorts):
    csv_import.import_ambassadors(coordinator, sample_bytes())

    figures = registry.figures(coordinator)

    assert figures["total"] == 20 and figures["active"] == 18
    # Active ones: Bali (DD-0007) and Huế (DD-0016) are inactive; Sumatera Utara counts once.
    assert (figures["provinces"], figures["provinces_indonesia"], figures["provinces_vietnam"]) == (17, 10, 7)
    assert figures["by_skill"] == [("writing", 8), ("visual_design", 5), ("video", 7), ("it", 4)]
    assert dict(figures["by_language"]) == {"id": 11, "vi": 7, "en": 8, "jv": 2, "su": 1, "ms": 2, "ar": 1}
    assert figures["by_cohort"] == [
        ("2025-medan", "Bootcamp Medan 2025", 9),
        ("2025-danang", "Bootcamp Đà Nẵng 2025", 7),
        ("", "", 2),
    ]


def test_the_figures_follow_a_search(coordinator, sample_cohorts):
    csv_import.import_ambassadors(coordinator, sample_bytes())

    figures = registry.figures(coordinator, registry.search(coordinator, cohort="2025-danang"))

    assert (figures["total"], figures["active"], figures["provinces"]) == (8, 7, 7)
    assert figures["by_cohort"] == [("2025-danang", "Bootcamp Đà Nẵng 2025", 7)]


def test_an_empty_registry_has_zero_figures(coordinator):
    figures = registry.figures(coordinator)

    assert (figures["total"], figures["active"], figures["provinces"]) == (0, 0, 0)
    assert figures["by_skill"] == [("writing", 0), ("visual_design", 0), ("video", 0), ("it", 0)]
