"""Fixtures of the registry and CSV import tests, loaded with `pytest_plugins` by the test modules that
use them: the second bootcamp of the sample file, and the sample file."""

import datetime

import pytest

from hotline.peace.campaigns.models import Bootcamp


@pytest.fixture
def danang_bootcamp(db):
    return Bootcamp.objects.create(
        code="2025-danang",
        name="Bootcamp Đà Nẵng 2025",
        place="Đà Nẵng",
        province="Đà Nẵng",
        starts_on=datetime.date(2025, 8, 19),
        ends_on=datetime.date(2025, 8, 22),
        trainers="Nguyễn Thị Hương",
    )


@pytest.fixture
def sample_cohorts(bootcamp, danang_bootcamp):
    """The two bootcamps the sample file's cohort column names."""
    return bootcamp, danang_bootcamp
