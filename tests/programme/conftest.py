import pytest

from hotline.access import roles
from hotline.access.services import create_user
from tests.actors import PASSWORD


@pytest.fixture
def secretary(actors):
    """dina: the JWG secretariat at this node (the role that runs the programme)."""
    return create_user("dina", roles.SECRETARIAT, PASSWORD)


@pytest.fixture
def seeded(secretary):
    from hotline.programme import seed

    return seed.seed()
