"""Getting the objects out of a STIX bundle or a TAXII 2.1 envelope, and making bundles."""

import re
import uuid
from typing import Any

from .errors import EnvelopeError

__all__ = ["extract_objects", "make_bundle"]

_BUNDLE_ID_RE = re.compile(
    r"bundle--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}\Z"
)
# What a TAXII 2.1 envelope may hold (TAXII 2.1 section 3.7); every member is optional.
_ENVELOPE_KEYS = frozenset({"more", "next", "objects"})


def extract_objects(payload: Any) -> list:
    """The ``objects`` list of a STIX 2.1 bundle or a TAXII 2.1 envelope.

    An envelope or bundle without ``objects`` holds nothing and gives ``[]``. The items are returned
    as they are (not checked): validate each one with :func:`hotline.stix.validate_object`.
    """
    if not isinstance(payload, dict):
        raise EnvelopeError(
            f"expected a STIX bundle or a TAXII envelope (a JSON object), not a JSON {_json_kind(payload)}"
        )
    kind = payload.get("type")
    if kind is not None:
        if kind != "bundle":
            raise EnvelopeError(
                f"expected a STIX bundle or a TAXII envelope, got a single object of type {kind!r}"
            )
        bundle_id = payload.get("id")
        if not isinstance(bundle_id, str) or not _BUNDLE_ID_RE.match(bundle_id):
            raise EnvelopeError(f"bundle: 'id' must be 'bundle--<uuid>', got {bundle_id!r}")
    elif not payload.keys() <= _ENVELOPE_KEYS:
        unknown = sorted(k for k in payload if k not in _ENVELOPE_KEYS)[:5]
        raise EnvelopeError(
            "expected a STIX bundle (type 'bundle') or a TAXII envelope (objects, more, next); "
            f"found neither ('type' is missing, unexpected keys {unknown})"
        )
    if "objects" not in payload:
        return []
    objects = payload["objects"]
    if not isinstance(objects, list):
        raise EnvelopeError(f"'objects' must be a list, not a JSON {_json_kind(objects)}")
    return objects


def make_bundle(objects: list[dict]) -> dict:
    """A STIX 2.1 bundle of ``objects`` with a fresh ``bundle--<uuid4>`` id."""
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": list(objects)}


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
