import pytest

from hotline.access import roles
from hotline.access.services import create_user
from tests.actors import PASSWORD


@pytest.fixture
def coordinator(actors):
    return create_user("coordinator", roles.COORDINATOR, PASSWORD)


@pytest.fixture
def reviewer(actors):
    return create_user("reviewer", roles.REVIEWER, PASSWORD)


@pytest.fixture
def bank(coordinator):
    from hotline.peace import services

    return services.create_bank(coordinator, "DEMO_BANK", description="Synthetic test bank", tlp="amber")


@pytest.fixture(autouse=True)
def _peace_files(settings, tmp_path):
    # Encrypted originals and index files of in-process tests go to a throwaway folder.
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.DATA_DIR = tmp_path
