"""The access matrix through `hotline export --as USER`: the bundle holds exactly the markings the table
says the user sees; a user whose role may not export is refused and nothing is written."""

import json

import pytest

from hotline.node import transfer
from tests.access import matrix


@pytest.mark.parametrize("who", matrix.EVERYONE)
def test_export_holds_exactly_what_the_user_may_see(world, who, tmp_path):
    out = tmp_path / "bundle.json"
    user = world.people[who]

    if who not in matrix.ENTRY_POINTS["export"]:
        with pytest.raises(transfer.ExportRefused, match="may not export"):
            transfer.export_bundle(out, world.collection, user=user)
        assert not out.exists() and not list(tmp_path.iterdir())
        return
    count = transfer.export_bundle(out, world.collection, user=user)
    ids = [o["id"] for o in json.loads(out.read_text())["objects"]]

    assert matrix.markings_of(world, ids) == matrix.expected("export", who)
    assert count == len(ids)


@pytest.mark.parametrize("who", sorted(matrix.ENTRY_POINTS["export"]))
def test_an_export_of_every_collection_holds_nothing_more(world, who, tmp_path):
    out = tmp_path / "all.json"

    transfer.export_bundle(out, None, user=world.people[who])
    ids = [o["id"] for o in json.loads(out.read_text())["objects"]]

    assert matrix.markings_of(world, ids) == matrix.expected("export", who)
