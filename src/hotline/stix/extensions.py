"""STIX 2.1 extension definitions: building ours, registering them, and reading what an object declares.

Project types (Hotline messages, receipts, hash-bank entries...) are STIX objects whose ``type`` is not
in the standard, declared by an ``extension-definition``. A feature registers its definition here with
:func:`register_extension` (and, optionally, a function that checks the properties its extension
defines); :func:`hotline.stix.validate_object` then accepts objects of that type and runs the check.
"""

import uuid
from collections.abc import Callable
from datetime import datetime

from .errors import StixError
from .timestamps import format_timestamp

__all__ = [
    "EXTENSION_TYPES",
    "NEW_OBJECT_EXTENSION_TYPES",
    "PROJECT_EXTENSIONS",
    "EXTENSION_CHECKS",
    "make_extension_definition",
    "register_extension",
    "declared_extension_type",
    "declared_extension_id",
    "PROJECT_NAMESPACE",
    "PROJECT_IDENTITY",
    "project_id",
]

EXTENSION_TYPES = ("new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension")
NEW_OBJECT_EXTENSION_TYPES = frozenset({"new-sdo", "new-sco", "new-sro"})

# extension-definition id -> the extension-definition object (ours; empty until features register).
PROJECT_EXTENSIONS: dict[str, dict] = {}
# extension-definition id -> function(obj) -> list of problems, run on every object that uses it.
EXTENSION_CHECKS: dict[str, Callable[[dict], list[str]]] = {}

_EXT_PREFIX = "extension-definition--"


def make_extension_definition(
    *,
    id: str,  # noqa: A002 - the STIX property is called id
    name: str,
    description: str,
    schema_url: str,
    version: str,
    extension_types: list[str] | tuple[str, ...],
    created_by_ref: str,
    created: str | datetime,
) -> dict:
    """A valid STIX 2.1 ``extension-definition`` object (``modified`` = ``created``); StixError if not."""
    if isinstance(created, datetime):
        created = format_timestamp(created)
    definition = {
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": id,
        "created_by_ref": created_by_ref,
        "created": created,
        "modified": created,
        "name": name,
        "description": description,
        "schema": schema_url,
        "version": version,
        "extension_types": list(extension_types),
    }
    from .validate import validate_object  # here: validate imports this module

    problems = validate_object(definition)
    if problems:
        raise StixError("invalid extension definition: " + "; ".join(problems))
    return definition


def register_extension(definition: dict, check: Callable[[dict], list[str]] | None = None) -> None:
    """Make an extension definition known to this node, with an optional check of the objects using it."""
    from .validate import validate_object

    problems = validate_object(definition)
    if definition.get("type") != "extension-definition" or problems:
        raise StixError("cannot register an invalid extension definition: " + "; ".join(problems))
    PROJECT_EXTENSIONS[definition["id"]] = definition
    if check is not None:
        EXTENSION_CHECKS[definition["id"]] = check


def declared_extension_id(obj: dict) -> str | None:
    """The extension-definition id under which ``obj`` declares itself a new SDO, SCO or SRO, if any."""
    extensions = obj.get("extensions") if isinstance(obj, dict) else None
    if not isinstance(extensions, dict):
        return None
    for key, value in extensions.items():
        if (
            isinstance(key, str)
            and key.startswith(_EXT_PREFIX)
            and isinstance(value, dict)
            and type(value.get("extension_type")) is str
            and value["extension_type"] in NEW_OBJECT_EXTENSION_TYPES
        ):
            return key
    return None


def declared_extension_type(obj: dict) -> str | None:
    """ "new-sdo", "new-sco" or "new-sro" when ``obj``'s extensions declare its type, else None."""
    key = declared_extension_id(obj)
    return None if key is None else obj["extensions"][key]["extension_type"]


# --- the Hotline project as the author of its extension definitions ----------------------------------------

# Ids of the project's own objects (extension definitions, its identity) are UUIDv5 names in this namespace,
# so every node derives the same id for the same definition.
PROJECT_NAMESPACE = uuid.UUID("5b0c4a8e-3f1d-4e7a-9c2b-6d8e1f0a7b3c")


def project_id(type_name: str, name: str) -> str:
    """A fixed STIX id for a project object: ``project_id("extension-definition", "hotline-message")``."""
    return f"{type_name}--{uuid.uuid5(PROJECT_NAMESPACE, f'{type_name}/{name}')}"


# The identity that authors the project's extension definitions (their ``created_by_ref``).
PROJECT_IDENTITY = {
    "type": "identity",
    "spec_version": "2.1",
    "id": project_id("identity", "hotline-project"),
    "created": "2025-06-18T00:00:00.000Z",
    "modified": "2025-06-18T00:00:00.000Z",
    "name": "Hotline project",
    "description": "The software of the Indonesia-Viet Nam Joint Working Group on Counter-Terrorism; "
    "author of the Hotline STIX extension definitions.",
    "identity_class": "system",
}
