"""Bank entries (hotline-bank-entry, a registered project type) and feedback (the standard opinion SDO) are
valid STIX 2.1 for our validator with the extension's checks and for the OASIS stix2-validator; a bad entry
is refused by the check."""

from datetime import UTC, datetime

import pytest
from stix2validator import ValidationOptions, validate_instance

from hotline import stix
from hotline.peace import services, stix_types
from hotline.stix.extensions import PROJECT_EXTENSIONS, PROJECT_IDENTITY
from tests.peace import media

OPTIONS = ValidationOptions(version="2.1")


def _theirs(obj: dict) -> list[str]:
    return [str(e) for e in validate_instance(obj, OPTIONS).errors]


def test_the_entry_type_is_declared_by_a_registered_extension_definition():
    definition = PROJECT_EXTENSIONS[stix_types.EXTENSION_ID]
    assert definition["name"] == "hotline-bank-entry" and definition["extension_types"] == ["new-sdo"]
    assert definition["created_by_ref"] == PROJECT_IDENTITY["id"]
    assert stix.validate_object(definition) == [] and _theirs(definition) == []


def test_entries_of_every_kind_are_valid(coordinator, bank):
    entries = [
        services.add_content(
            coordinator,
            bank,
            media.image(91),
            services.Labels(
                organisation="Synthetic", behaviour="instruction", tags=["a", "b"], notes="n", tlp="green"
            ),
        ),  # fmt: skip
        services.add_text(coordinator, bank, media.TEXT_VI, services.Labels()),
        services.add_url(coordinator, bank, "https://example.invalid/v", services.Labels(tlp="clear")),
    ]
    for entry in entries:
        obj = services.entry_object(entry)
        assert stix.validate_object(obj) == [], obj
        assert _theirs(obj) == [], obj
        assert stix.tlp_level(obj) == entry.tlp
    image = services.entry_object(entries[0])
    assert image["labels"] == ["a", "b"] and image["pdq"] == entries[0].pdq and image["bank"] == "DEMO_BANK"


def test_feedback_is_a_valid_opinion():
    obj = stix_types.opinion_object(
        stix_id="opinion--6b7c9d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e", created=datetime(2025, 6, 18, tzinfo=UTC),
        created_by_ref=PROJECT_IDENTITY["id"],
        entry_id="hotline-bank-entry--7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f",
        verdict="disagree", comment="Glorification, not recruitment", tlp="amber",
    )  # fmt: skip
    assert stix.validate_object(obj) == [] and _theirs(obj) == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"pdq": "XYZ"}, "'pdq' must be lower-case hex"),
        ({"content_type": "audio"}, "'content_type' must be one of"),
        ({"behaviour": "hate"}, "'behaviour' must be one of"),
        ({"bank": "lower"}, "UPPER_WITH_UNDERSCORE"),
        ({"pdq_quality": 101}, "0-100"),
    ],
)
def test_a_bad_entry_is_refused_by_the_check(coordinator, bank, change, problem):
    entry = services.add_content(coordinator, bank, media.image(92), services.Labels())
    obj = {**services.entry_object(entry), **change}
    assert any(problem in p for p in stix.validate_object(obj))


def test_an_entry_without_signals_is_refused(coordinator, bank):
    entry = services.add_url(coordinator, bank, "https://example.invalid/w", services.Labels())
    obj = {k: v for k, v in services.entry_object(entry).items() if k != "url"}
    assert any("at least one signal" in p for p in stix.validate_object(obj))
