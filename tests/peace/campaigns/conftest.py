"""Shared fixtures of the campaigns tests (ambassadors, campaigns, reach).

From tests/conftest.py and tests/peace/conftest.py: `actors` (alice home officer, bob partner officer,
charlie no clearance, see tests/actors.py), `coordinator` (role coordinator: reads and manages the campaigns,
reviews), `reviewer` (role reviewer: reads, reviews). Here: a bootcamp (the cohort), `ambassador_user` (an
account with the ambassador role linked to the registry record `ambassador`), and a second ambassador with
an account of their own (`second_ambassador`, `second_ambassador_user`). Each engineer's own factories and
fixtures live in their own `<name>_fixtures.py` modules, loaded from their test files.
"""

import datetime

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.peace.campaigns.models import Ambassador, Bootcamp
from tests.actors import PASSWORD


@pytest.fixture
def bootcamp(db):
    return Bootcamp.objects.create(
        code="2025-medan",
        name="Bootcamp Medan 2025",
        place="Medan",
        province="Sumatera Utara",
        starts_on=datetime.date(2025, 3, 10),
        ends_on=datetime.date(2025, 3, 13),
        trainers="Rina Siregar\nAgus Pratama",
    )


@pytest.fixture
def ambassador_user(actors):
    return create_user("ambassador", roles.AMBASSADOR, PASSWORD)


@pytest.fixture
def ambassador(ambassador_user, bootcamp):
    """The registry record of `ambassador_user`: a writer in Medan who writes in Indonesian and English."""
    return Ambassador.objects.create(
        external_id="DD-0001",
        name="Siti Nurhaliza",
        email="siti@example.org",
        province="Sumatera Utara",
        region="Sumatra",
        languages=["id", "en"],
        skills=["writing"],
        cohort=bootcamp,
        channels=[{"platform": "blog", "url": "https://siti.example.org"}],
        active=True,
        active_since=datetime.date(2025, 3, 13),
        user=ambassador_user,
    )


@pytest.fixture
def second_ambassador_user(actors):
    return create_user("ambassador2", roles.AMBASSADOR, PASSWORD)


@pytest.fixture
def second_ambassador(second_ambassador_user, bootcamp):
    """Another ambassador, with an account of their own: a video maker in Hanoi who speaks Vietnamese."""
    return Ambassador.objects.create(
        external_id="DD-0002",
        name="Nguyễn Văn An",
        email="an@example.org",
        province="Hà Nội",
        region="Red River Delta",
        languages=["vi", "en"],
        skills=["video", "visual_design"],
        cohort=bootcamp,
        channels=[{"platform": "youtube", "url": "https://www.youtube.com/@an.example"}],
        active=True,
        active_since=datetime.date(2025, 3, 13),
        user=second_ambassador_user,
    )
