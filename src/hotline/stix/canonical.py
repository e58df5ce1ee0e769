"""RFC 8785 (JSON Canonicalization Scheme) serialisation, for hashing and signing STIX objects."""

from typing import Any

import rfc8785

from .errors import StixError

__all__ = ["canonical_json"]


def canonical_json(obj: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of ``obj`` (sorted keys, ES6 number format, no spaces)."""
    try:
        return rfc8785.dumps(obj)
    except rfc8785.CanonicalizationError as exc:
        raise StixError(f"cannot canonicalise JSON: {exc}") from None
