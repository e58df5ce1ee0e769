"""Property test: damaged corpus objects are never valid for us yet invalid for stix2-validator.

Each case deletes properties, sets them to values of the wrong kind, adds custom properties or changes the
type. Whenever we call the result valid, stix2-validator must agree (when it does not crash: it has a few
crashes of its own on such input, e.g. an SCO with ``external_references``). Nothing may make us raise.
"""

import copy
import random

import pytest
from stix2validator import ValidationOptions, validate_instance

from hotline.stix import validate_object
from tests.stix.corpus import valid_objects

OPTIONS = ValidationOptions(version="2.1")
CORPUS = valid_objects()
IDENTITY = "identity--311b2d2d-f010-4473-83ec-1edf84858f4c"
MARKING = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
VALUES = [
    None,
    [],
    "",
    "x",
    0,
    -1,
    101,
    5,
    True,
    False,
    {},
    {"a": 1},
    ["x"],
    [1],
    [""],
    1.5,
    "2.0",
    "2.1",
    "bad--id",
    "2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00.000Z",
    "2000-01-01T00:00:00.000Z",
    IDENTITY,
    MARKING,
    [IDENTITY],
    {"MD5": "abc"},
    {"SHA-256": "a" * 64},
    "aGVsbG8=",
    "0a",
    [{"source_name": "x"}],
    [{"selectors": ["name"], "marking_ref": MARKING}],
]
NAMES = [
    "x_ok",
    "Bad",
    "ab",
    "severity",
    "x_data_bin",
    "x_flags_hex",
    "name",
    "description",
    "labels",
    "confidence",
    "lang",
    "revoked",
    "created_by_ref",
    "object_marking_refs",
    "granular_markings",
    "extensions",
    "external_references",
    "value",
    "hashes",
    "spec_version",
    "id",
    "created",
    "modified",
    "type",
]


def damaged(rng: random.Random) -> dict:
    obj = copy.deepcopy(rng.choice(CORPUS))
    for _ in range(rng.randint(1, 2)):
        roll, keys = rng.random(), list(obj)
        if roll < 0.3:
            del obj[rng.choice(keys)]
        elif roll < 0.7:
            obj[rng.choice(keys)] = copy.deepcopy(rng.choice(VALUES))
        elif roll < 0.9:
            obj[rng.choice(NAMES)] = copy.deepcopy(rng.choice(VALUES))
        else:
            obj["type"] = rng.choice(CORPUS)["type"]
    return obj


def theirs(obj: dict) -> bool | None:
    try:
        return validate_instance(obj, OPTIONS).is_valid
    except Exception:  # stix2-validator crashed: no verdict
        return None


@pytest.mark.parametrize("seed", range(4))
def test_damaged_objects(seed):
    rng = random.Random(seed)
    accepted = 0
    for _ in range(1000):
        obj = damaged(rng)
        problems = validate_object(obj)
        assert not any("could not be validated" in p for p in problems), (problems, obj)
        if not problems:
            accepted += 1
            assert theirs(obj) is not False, obj
    assert accepted > 50  # enough damage is harmless (e.g. a valid custom property) to test something
