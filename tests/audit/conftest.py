"""The audit tests' fixtures: the three actors plus dave, an auditor."""

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.audit.models import Record
from tests.actors import PASSWORD


@pytest.fixture
def dave(actors):
    return create_user("dave", roles.AUDITOR, PASSWORD)


def records(action: str, **filters) -> list[Record]:
    return list(Record.objects.filter(action=action, **filters).order_by("seq"))
