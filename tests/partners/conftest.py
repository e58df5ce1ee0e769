import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.federation import receive
from hotline.federation.services import Link, create_partner
from hotline.stix import signatures
from tests.actors import PASSWORD
from tests.desk.conftest import partner_message

MPS_KEY = signatures.generate_private_key()


@pytest.fixture
def admin(actors):
    return create_user("dana", roles.ADMIN, PASSWORD)


@pytest.fixture
def mps(actors):
    key = signatures.public_key_to_text(MPS_KEY.public_key())
    return create_partner(
        "mps", "Ministry of Public Security", account=actors["bob"], link=Link(public_keys=[key])
    )


@pytest.fixture
def quarantined(mps):
    """An unsigned message from mps, in quarantine."""
    message = partner_message(subject="Unsigned but genuine")
    result = receive.receive(mps, [message], via="push")
    assert result.failures and result.failures[0].message.startswith("quarantined: ")
    return mps.quarantined.get()
