import pytest

from tests.access import matrix
from tests.desk.conftest import _files_in_tmp, desk  # noqa: F401 - the desk's fixtures, for tests here


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    return matrix.build()
