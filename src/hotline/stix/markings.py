"""TLP 2.0 marking definitions (and recognition of the TLP 1.0 ones).

STIX 2.1 predefines only TLP 1.0 (white, green, amber, red). TLP 2.0 is published by the OASIS CTI TC
in ``cti-stix-common-objects`` as five marking-definition objects that use the property extension
``extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d`` (created by CISA). The objects below
are those published objects, byte for byte in content: same ids, same ``created``, same name, and — as
published — no ``created_by_ref``, so a partner comparing or hashing them gets the same result.
"""

import copy

from .errors import StixError

__all__ = [
    "TLP_LEVELS",
    "TLP2_EXTENSION_ID",
    "TLP2_EXTENSION_DEFINITION",
    "TLP_MARKINGS",
    "TLP1_IDS",
    "TLP1_MARKINGS",
    "TLP_BY_ID",
    "tlp_level",
    "marking_id",
    "mark",
]

TLP_LEVELS = ("clear", "green", "amber", "amber+strict", "red")  # least to most restrictive
_RANK = {level: rank for rank, level in enumerate(TLP_LEVELS)}

TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
TLP2_CREATED = "2022-10-01T00:00:00.000Z"

_TLP2_IDS = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}

# The extension definition itself, as published by OASIS (created by CISA's identity).
TLP2_EXTENSION_DEFINITION = {
    "type": "extension-definition",
    "spec_version": "2.1",
    "id": TLP2_EXTENSION_ID,
    "name": "TLP 2.0",
    "description": "This defines TLP 2.0 as a STIX extension",
    "created": TLP2_CREATED,
    "modified": TLP2_CREATED,
    "created_by_ref": "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01",
    "schema": "https://github.com/oasis-open/cti-stix-common-objects/tree/master/"
    "extension-definition-specifications/tlp-2.0",
    "version": "1.0.0",
    "extension_types": ["property-extension"],
}

TLP_MARKINGS = {
    level: {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": marking,
        "created": TLP2_CREATED,
        "name": f"TLP:{level.upper()}",
        "extensions": {TLP2_EXTENSION_ID: {"extension_type": "property-extension", "tlp_2_0": level}},
    }
    for level, marking in _TLP2_IDS.items()
}

# The four TLP 1.0 marking definitions predefined by STIX 2.1 (as in stix2.v21.TLP_*), level -> id.
TLP1_IDS = {
    "white": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
    "green": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
    "amber": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
    "red": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}
TLP1_CREATED = "2017-01-20T00:00:00.000Z"
# The predefined objects themselves (STIX 2.1 section 7.2.1.4): they are used as they are, never changed.
TLP1_MARKINGS = {
    level: {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": marking,
        "created": TLP1_CREATED,
        "definition_type": "tlp",
        "name": f"TLP:{level.upper()}",
        "definition": {"tlp": level},
    }
    for level, marking in TLP1_IDS.items()
}

# Every TLP marking id we recognise -> TLP 2.0 level (TLP 1.0 white is TLP 2.0 clear).
TLP_BY_ID = {marking: level for level, marking in _TLP2_IDS.items()}
TLP_BY_ID.update({marking: "clear" if level == "white" else level for level, marking in TLP1_IDS.items()})


def tlp_level(obj: dict) -> str | None:
    """The most restrictive TLP level among ``obj``'s ``object_marking_refs``, or None."""
    refs = obj.get("object_marking_refs") if isinstance(obj, dict) else None
    if not isinstance(refs, list):
        return None
    best = None
    for ref in refs:
        level = TLP_BY_ID.get(ref) if isinstance(ref, str) else None
        if level is not None and (best is None or _RANK[level] > _RANK[best]):
            best = level
    return best


def marking_id(level: str) -> str:
    """The id of the TLP 2.0 marking definition for ``level`` (e.g. "amber+strict")."""
    try:
        return _TLP2_IDS[level]
    except (KeyError, TypeError):
        raise StixError(f"unknown TLP level {level!r}; expected one of {', '.join(TLP_LEVELS)}") from None


def mark(obj: dict, level: str) -> dict:
    """A deep copy of ``obj`` with the TLP 2.0 marking for ``level`` added to ``object_marking_refs``.

    Existing markings are kept (so an object never becomes less restricted by being marked). The
    object's ``modified`` is not touched: for an SDO, re-marking is a new version and is the caller's
    decision.
    """
    ref = marking_id(level)
    marked = copy.deepcopy(obj)
    refs = marked.get("object_marking_refs")
    if not isinstance(refs, list):
        refs = []
    if ref not in refs:
        refs = [*refs, ref]
    marked["object_marking_refs"] = refs
    return marked
