"""The desk's fixtures: the three actors plus a supervisor (sam) and an analyst (ana), partner `mps` (whose
node's account here is bob), alice on duty around T0, and a clock the tests control."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from hotline.access import roles
from hotline.access.services import create_user
from hotline.desk import roster, stix_types
from hotline.desk.services import Draft
from hotline.federation.services import create_partner, node_identity_id
from tests.actors import PASSWORD

T0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"


@pytest.fixture
def desk(actors):
    mps = create_partner("mps", "Ministry of Public Security (Viet Nam)", account=actors["bob"])
    sam = create_user("sam", roles.SUPERVISOR, PASSWORD)
    ana = create_user("ana", roles.ANALYST, PASSWORD)
    roster.add_shift(sam, actors["alice"], T0 - timedelta(hours=1), T0 + timedelta(hours=23))
    return SimpleNamespace(**actors, sam=sam, ana=ana, mps=mps)


def draft(**changes) -> Draft:
    values = {
        "to": "mps",
        "kind": "alert",
        "priority": "flash",
        "subject": "Planned attack on a ferry terminal",
        "body": "A cell is preparing an attack on the ferry terminal in Batam this week.",
    }
    values.update(changes)
    return Draft(**values)


def partner_message(*, created: datetime = T0, **changes) -> dict:
    """A hotline-message as partner mps's node would send it to this node."""
    values = {
        "created": created,
        "created_by_ref": node_identity_id("mps"),
        "kind": "rfi",
        "subject": "Request: travel history of a suspect",
        "body": "Please send the travel history of the person named in the attached report.",
        "priority": "urgent",
        "tlp": "amber",
        "addressee_ref": node_identity_id(),
    }
    values.update(changes)
    return stix_types.message_object(**values)
