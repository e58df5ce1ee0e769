"""hypothesis strategies for the property tests of the STIX layer: arbitrary JSON values, STIX-shaped objects
built from the validator's own tables, and timestamps."""

import string
from datetime import UTC, datetime

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from hotline.stix import EnvelopeError, dumps, loads
from hotline.stix.schema import SPECS

# Bounded and reproducible: no example database on disk, no deadline on a loaded machine.
PROPERTY = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

SAFE_INTEGER = 2**53 - 1
# Text without lone surrogates (JSON text must be valid Unicode); any other code point, astral ones included.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
integers = st.integers(min_value=-SAFE_INTEGER, max_value=SAFE_INTEGER)
floats = st.floats(allow_nan=False, allow_infinity=False)
scalars = st.none() | st.booleans() | integers | floats | text


def json_values(leaves=scalars, max_leaves: int = 25):
    """Any JSON value (objects with any keys, arrays, numbers, strings, true/false/null)."""
    return st.recursive(
        leaves,
        lambda children: st.lists(children, max_size=5) | st.dictionaries(text, children, max_size=5),
        max_leaves=max_leaves,
    )


def accepted(value):
    """The value as the node's strict parser reads it from the wire; None (for assume) if it refuses it."""
    try:
        return loads(dumps(value)), True
    except EnvelopeError:
        return None, False


def json_without_floats():
    return json_values(st.none() | st.booleans() | integers | text)


aware_datetimes = st.datetimes(
    min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59, 999999), timezones=st.just(UTC)
)


@st.composite
def timestamp_texts(draw) -> str:
    """Strings of the STIX timestamp shape, valid dates or not, with 0 to 12 fractional digits."""
    digits = lambda n: draw(st.text(string.digits, min_size=n, max_size=n))  # noqa: E731
    fraction = draw(st.text(string.digits, max_size=12))
    return (
        f"{digits(4)}-{digits(2)}-{digits(2)}T{digits(2)}:{digits(2)}:{digits(2)}"
        + (f".{fraction}" if fraction else "")
        + "Z"
    )


PROPERTY_NAMES = sorted(
    {"type", "id", "spec_version", "created", "modified", "pattern", "pattern_type", "valid_from", "name",
     "object_marking_refs", "created_by_ref", "granular_markings", "extensions", "hashes", "labels",
     "external_references", "confidence", "lang", "revoked", "value", "object_refs", "source_ref",
     "target_ref"}
    | {name for spec in SPECS.values() for name in spec.props}
)  # fmt: skip


@st.composite
def stix_shaped_objects(draw) -> dict:
    """A dict with the `type` of a STIX type the validator knows and a mix of its own and common property
    names, each holding a plausible value (a STIX id, a timestamp, a pattern) or any JSON at all."""
    type_name = draw(st.sampled_from(sorted(SPECS)))
    plausible = (
        st.just(f"{type_name}--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
        | st.just("2024-01-01T00:00:00.000Z")
        | timestamp_texts()
        | st.just("[file:name = 'x.exe']")
        | st.just("stix")
        | st.just("2.1")
        | st.lists(st.just("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"), max_size=2)
        | json_values(max_leaves=8)
    )
    names = draw(st.lists(st.sampled_from(PROPERTY_NAMES) | text, max_size=10))
    obj = {name: draw(plausible) for name in names}
    obj["type"] = type_name
    return obj
