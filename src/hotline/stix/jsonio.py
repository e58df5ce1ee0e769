"""Strict JSON in and compact JSON out.

``loads`` accepts only interoperable JSON (RFC 8259, I-JSON RFC 7493): UTF-8 text, no NaN or
Infinity, no number that overflows to infinity, no integer beyond +-(2**53 - 1) (so every value can
be canonicalised with RFC 8785), no other number that RFC 8785 would write as such an integer (1e16), no
duplicate keys within an object, no lone UTF-16 surrogate, and no
nesting deeper than ``max_depth``. Anything else raises :class:`EnvelopeError` with a message a
person can act on.
"""

import json
import math
import re
from typing import Any

from .errors import EnvelopeError, StixError

__all__ = ["loads", "dumps"]

# An escape that denotes a UTF-16 surrogate; only then can a lone surrogate appear after decoding.
_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_MAX_SAFE_INTEGER = 2**53 - 1


def _reject_constant(name: str) -> Any:
    raise EnvelopeError(f"invalid JSON: {name} is not allowed (JSON has no NaN or Infinity)")


# RFC 8785 writes a number below 1e21 without an exponent or a fraction when it is whole, and every double
# beyond 2**53 is whole: 1e16 would be stored as the integer 10000000000000000, which this parser refuses.
_EXPONENT_FORM = 1e21


def _parse_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise EnvelopeError(f"invalid JSON: number {text[:40]} is out of range")
    if _MAX_SAFE_INTEGER < abs(value) < _EXPONENT_FORM:
        raise EnvelopeError(
            f"invalid JSON: number {text[:40]} is beyond +-(2**53 - 1), the interoperable range "
            "(write numbers of this size as strings)"
        )
    return value


def _parse_int(text: str) -> int:
    value = int(text)
    if -_MAX_SAFE_INTEGER <= value <= _MAX_SAFE_INTEGER:
        return value
    raise EnvelopeError(f"invalid JSON: integer {text[:40]} is beyond +-(2**53 - 1), the interoperable range")


def _object_pairs(pairs: list) -> dict:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen = set()
        for key, _ in pairs:
            if key in seen:
                raise EnvelopeError(f"invalid JSON: duplicate key {key!r} in an object")
            seen.add(key)
    return obj


_DECODER = json.JSONDecoder(
    object_pairs_hook=_object_pairs,
    parse_constant=_reject_constant,
    parse_float=_parse_float,
    parse_int=_parse_int,
)


def _deeper_than(value: Any, limit: int) -> bool:
    """Whether containers in ``value`` nest more than ``limit`` levels (a container alone is level 1)."""
    if type(value) is not dict and type(value) is not list:
        return False
    stack = [(value, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        container, depth = pop()
        if depth > limit:
            return True
        for item in container.values() if type(container) is dict else container:
            kind = type(item)
            if kind is dict or kind is list:
                push((item, depth + 1))
    return False


def _has_lone_surrogate(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE_RE.search(item):
                return True
        elif isinstance(item, dict):
            for key, sub in item.items():
                if _SURROGATE_RE.search(key):
                    return True
                stack.append(sub)
        elif isinstance(item, list):
            stack.extend(item)
    return False


def loads(raw: bytes | bytearray | memoryview | str, *, max_depth: int = 64) -> Any:
    """Parse strict JSON; raise :class:`EnvelopeError` saying what is wrong and where."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        try:
            text = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EnvelopeError(
                f"invalid JSON: the payload is not valid UTF-8 (byte offset {exc.start}: {exc.reason})"
            ) from None
    elif isinstance(raw, str):
        text = raw
    else:
        raise EnvelopeError(f"invalid JSON: expected bytes or str, not {type(raw).__name__}")
    if text.startswith("\ufeff"):  # RFC 8259 section 8.1: a parser MAY ignore a byte order mark
        text = text[1:]
    if isinstance(raw, str) and _SURROGATE_RE.search(text):
        raise EnvelopeError("invalid JSON: the text contains a lone UTF-16 surrogate")
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise EnvelopeError(f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:  # the C parser stops at Python's recursion limit (about 1,000 levels)
        raise EnvelopeError(f"invalid JSON: nesting is deeper than {max_depth} levels") from None
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        if isinstance(exc, EnvelopeError):
            raise
        raise EnvelopeError(f"invalid JSON: {exc}") from None
    if _deeper_than(value, max_depth):
        raise EnvelopeError(f"invalid JSON: nesting is deeper than {max_depth} levels")
    if _SURROGATE_ESCAPE_RE.search(text) and _has_lone_surrogate(value):
        raise EnvelopeError(
            "invalid JSON: a string contains a lone UTF-16 surrogate (\\uD800-\\uDFFF escape)"
        )
    return value


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON (no spaces, non-ASCII kept as is); NaN and Infinity are refused."""
    try:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    except ValueError as exc:
        raise StixError(f"cannot write JSON: {exc}") from None
