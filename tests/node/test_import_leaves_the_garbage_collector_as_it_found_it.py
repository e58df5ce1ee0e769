"""`hotline import` pauses the cyclic garbage collector while it parses the file and freezes what it parsed
while it stores it (both for speed); afterwards the collector is as it was, whether the file was stored,
partly refused or unusable."""

import gc
import json

import pytest

from hotline.intel import services as intel
from hotline.node.transfer import import_file
from tests.factories import sdo


@pytest.fixture
def collector_on():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def _bundle(tmp_path, objects) -> object:
    path = tmp_path / "in.json"
    path.write_text(
        json.dumps(
            {"type": "bundle", "id": "bundle--6b1f1a0e-33b1-4c59-9b5a-2d4c0a4f6b1e", "objects": objects}
        )
    )
    return path


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("valid", 0),
        ("one invalid", 1),
        ("not json", 2),
    ],
)
def test_the_collector_is_enabled_and_nothing_frozen_after_an_import(
    db, tmp_path, collector_on, content, code
):
    collection = intel.create_collection("intel", "Intel")
    bad = sdo("indicator")
    del bad["pattern"]
    if content == "not json":
        path = tmp_path / "in.json"
        path.write_text('{"type": "bundle", "objects": [')
    else:
        path = _bundle(
            tmp_path, [sdo("campaign"), sdo("indicator")] + ([bad] if content == "one invalid" else [])
        )

    assert import_file(path, collection, quiet=True) == code

    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_turned_off_by_the_caller_stays_off(db, tmp_path):
    collection = intel.create_collection("intel", "Intel")
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        assert import_file(_bundle(tmp_path, [sdo("campaign")]), collection, quiet=True) == 0
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()
