import pytest

from tests.access import matrix


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return matrix.build()
