"""Hotline's STIX 2.1 layer: plain Python, no Django.

Strict JSON, RFC 8785 canonical JSON, timestamps, bundles and TAXII envelopes, fast validation of
STIX 2.1 objects, TLP 2.0 markings and the project's extension definitions.
"""

from . import signatures
from .canonical import canonical_json
from .envelope import extract_objects, make_bundle
from .errors import EnvelopeError, StixError
from .extensions import (
    PROJECT_EXTENSIONS,
    declared_extension_type,
    make_extension_definition,
    register_extension,
)
from .jsonio import dumps, loads
from .markings import TLP_BY_ID, TLP_LEVELS, TLP_MARKINGS, mark, marking_id, tlp_level
from .nul import NUL, contains_nul, escape_nul
from .schema import SCO_TYPES, SDO_TYPES, SRO_TYPES
from .timestamps import format_timestamp, now_utc, parse_timestamp
from .validate import is_valid, object_version, validate_object

__all__ = [
    "signatures",
    "StixError",
    "EnvelopeError",
    "loads",
    "dumps",
    "canonical_json",
    "parse_timestamp",
    "format_timestamp",
    "now_utc",
    "extract_objects",
    "make_bundle",
    "validate_object",
    "is_valid",
    "object_version",
    "SDO_TYPES",
    "SRO_TYPES",
    "SCO_TYPES",
    "TLP_LEVELS",
    "TLP_MARKINGS",
    "TLP_BY_ID",
    "tlp_level",
    "marking_id",
    "mark",
    "make_extension_definition",
    "register_extension",
    "PROJECT_EXTENSIONS",
    "declared_extension_type",
    "NUL",
    "contains_nul",
    "escape_nul",
]
