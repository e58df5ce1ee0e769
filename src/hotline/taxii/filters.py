"""Parsing a TAXII 2.1 request's URL parameters into a store query; a malformed one is a 400 that says why."""

import base64
import binascii
from datetime import datetime

from django.conf import settings
from django.http import QueryDict

from hotline import stix
from hotline.intel.queries import ALL, FIRST, LAST, EntryFilter
from hotline.taxii.http import TaxiiError

OBJECTS_FILTERS = frozenset({"id", "type", "version", "spec_version"})
OBJECT_FILTERS = frozenset({"version", "spec_version"})
VERSIONS_FILTERS = frozenset({"spec_version"})


def _bad(description: str) -> TaxiiError:
    return TaxiiError(400, "Malformed filter", description)


def _timestamp(name: str, value: str) -> datetime:
    try:
        return stix.parse_timestamp(value)
    except (stix.StixError, ValueError) as exc:
        raise _bad(
            f"{name}: {value!r} is not a STIX timestamp such as 2025-06-18T09:00:00.000Z ({exc})"
        ) from None


def _values(query: QueryDict, name: str) -> tuple[str, ...]:
    values = []
    for raw in query.getlist(name):
        values.extend(v.strip() for v in raw.split(","))
    if any(not v for v in values):
        raise _bad(f"{name} has an empty value")
    return tuple(values)


def encode_cursor(date_added: datetime) -> str:
    return (
        base64.urlsafe_b64encode(stix.format_timestamp(date_added).encode("ascii"))
        .decode("ascii")
        .rstrip("=")
    )


def decode_cursor(token: str) -> datetime:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("ascii")
        return stix.parse_timestamp(text)
    except (binascii.Error, UnicodeDecodeError, ValueError, stix.StixError):
        raise _bad(f"next: {token!r} is not a value this server gave") from None


def parse_limit(query: QueryDict) -> int:
    raw = query.get("limit")
    if raw is None or raw == "":
        return min(settings.TAXII_DEFAULT_PAGE_SIZE, settings.TAXII_MAX_PAGE_SIZE)
    if not raw.isdigit() or int(raw) < 1:
        raise _bad(f"limit must be a positive integer, not {raw!r}")
    return min(int(raw), settings.TAXII_MAX_PAGE_SIZE)


def parse_filter(
    query: QueryDict, allowed: frozenset, *, default_version: str = LAST, paged: bool = True
) -> EntryFilter:
    """`paged=False` for DELETE, which takes match[...] filters only (TAXII 2.1 section 5.7)."""
    for key in query:
        if key.startswith("match[") and key.endswith("]") and key[6:-1] not in allowed:
            supported = ", ".join(f"match[{f}]" for f in sorted(allowed)) or "none"
            raise _bad(f"{key} is not supported here (supported: {supported})")
        if key in ("added_after", "limit", "next") and not paged:
            raise _bad(f"{key} is not supported here (only match[...] filters)")
        if key not in ("added_after", "limit", "next") and not key.startswith("match["):
            raise _bad(f"unknown parameter {key!r}")

    added_after = _timestamp("added_after", query["added_after"]) if query.get("added_after") else None
    after = decode_cursor(query["next"]) if query.get("next") else None

    versions: list = []
    for value in _values(query, "match[version]"):
        versions.append(value if value in (FIRST, LAST, ALL) else _timestamp("match[version]", value))
    spec_versions = _values(query, "match[spec_version]")
    for value in spec_versions:
        if value not in ("2.0", "2.1"):
            raise _bad(f"match[spec_version]: {value!r} is not a STIX version (2.0 or 2.1)")
    return EntryFilter(
        added_after=added_after,
        ids=_values(query, "match[id]"),
        types=_values(query, "match[type]"),
        spec_versions=spec_versions,
        versions=tuple(versions) or (default_version,),
        after=after,
    )
