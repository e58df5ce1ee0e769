"""Property checks: small functions ``check(value) -> None | str`` used by the type tables.

A check returns None when the value is acceptable, else the end of a sentence that starts with the
property name ("must be a string"). The engine in ``validate.py`` adds the object type and property.
Everything here is precompiled and allocation-light: it runs on every property of every object.
"""

import ipaddress
import re
from collections.abc import Callable
from datetime import datetime

from .extensions import EXTENSION_TYPES

Check = Callable[[object], str | None]

UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}"
TYPE_NAME = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
TYPE_NAME_RE = re.compile(TYPE_NAME + r"\Z")
UUID_RE = re.compile(UUID + r"\Z")
IDENTIFIER_RE = re.compile(rf"({TYPE_NAME})--{UUID}\Z")
# STIX 2.1 section 3.1 / 11.1: a-z, 0-9 and _, 3 to 250 characters; like stix2 and stix2-validator
# we also require the first character to be a letter.
PROPERTY_NAME_RE = re.compile(r"[a-z][a-z0-9_]{2,249}\Z")
RESERVED_PROPERTIES = frozenset({"severity", "action", "username", "phone_numbers"})
_TIMESTAMP_RE = re.compile(
    r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.(\d+))?Z\Z",
    re.ASCII,
)
_BASE64_RE = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)\Z")
_HEX_RE = re.compile(r"(?:[a-fA-F0-9]{2})+\Z")
_LANG_RE = re.compile(r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*\Z")  # primary subtag: ISO 639 code
# RFC 3986 section 3 (URI), ASCII only; an IP-literal host is checked with ipaddress afterwards.
_PCT = r"%[0-9A-Fa-f]{2}"
_PCHAR = rf"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|{_PCT})"
_SEGMENT_NZ = rf"{_PCHAR}+"
_URI_RE = re.compile(
    rf"[A-Za-z][A-Za-z0-9+.\-]*:"  # scheme
    rf"(?:(?://(?:(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|{_PCT})*@)?"  # authority: userinfo
    rf"(?P<host>\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|{_PCT})*)"  # host
    rf"(?::[0-9]*)?(?:/{_PCHAR}*)*)"  # port, path-abempty
    rf"|/(?:{_SEGMENT_NZ}(?:/{_PCHAR}*)*)?"  # path-absolute
    rf"|{_SEGMENT_NZ}(?:/{_PCHAR}*)*"  # path-rootless
    rf"|)"  # path-empty
    rf"(?:\?(?:{_PCHAR}|[/?])*)?(?:#(?:{_PCHAR}|[/?])*)?\Z"
)
_SELECTOR_RE = re.compile(r"(?:[a-z0-9_-]{3,249}(?:\.(?:\[\d+\]|[a-z0-9_-]{1,250}))*|id)\Z", re.ASCII)
_EXT_SUFFIX_RE = re.compile(TYPE_NAME + r"-ext\Z")
_EXT_DEFINITION_RE = re.compile(rf"extension-definition--{UUID}\Z")
_DICT_KEY_RE = re.compile(r"[a-zA-Z0-9_-]{1,250}\Z")
_HASH_KEY_RE = re.compile(r"[a-zA-Z0-9_-]{3,250}\Z")
_HASH_VALUE_RES = {
    "MD5": re.compile(r"[a-fA-F0-9]{32}\Z"),
    "SHA-1": re.compile(r"[a-fA-F0-9]{40}\Z"),
    "SHA-256": re.compile(r"[a-fA-F0-9]{64}\Z"),
    "SHA-512": re.compile(r"[a-fA-F0-9]{128}\Z"),
    "SHA3-256": re.compile(r"[a-fA-F0-9]{64}\Z"),
    "SHA3-512": re.compile(r"[a-fA-F0-9]{128}\Z"),
    "SSDEEP": re.compile(r"[a-zA-Z0-9/+:.]{1,128}\Z"),
    "TLSH": re.compile(r"[a-zA-Z0-9]{70}\Z"),
}
_CVE_RE = re.compile(r"CVE-\d{4}-(?:0\d{3}|[1-9]\d{3,})\Z", re.ASCII)
_CAPEC_RE = re.compile(r"CAPEC-\d+\Z", re.ASCII)


def short(value: object) -> str:
    """A value quoted for a message, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- timestamps -----------------------------------------------------------------------------------


def is_timestamp(value: object) -> bool:
    if type(value) is not str:
        return False
    if _TIMESTAMP_RE.match(value) is None:
        return False
    if value[8:10] > "28" or value.startswith("0000"):  # only then can the date itself be impossible
        try:
            datetime(int(value[:4]), int(value[5:7]), int(value[8:10]))
        except ValueError:
            return False
    return True


def timestamp(value: object) -> str | None:
    if is_timestamp(value):
        return None
    return f"must be a timestamp YYYY-MM-DDTHH:MM:SS[.s+]Z (UTC), got {short(value)}"


def timestamp_ms(value: object) -> str | None:
    """created / modified: STIX 2.1 requires them precise to at least the millisecond."""
    if is_timestamp(value) and len(value) >= 24:
        return None
    return (
        f"must be a timestamp precise to the millisecond, YYYY-MM-DDTHH:MM:SS.sss[s...]Z, got {short(value)}"
    )


def timestamp_order(first: str, second: str) -> int:
    """-1, 0 or 1 as ``first`` is before, equal to or after ``second`` (both valid timestamps)."""
    if len(first) != len(second) and first[:19] == second[:19]:
        # Same second, fractions of different widths: compare the fractions padded with zeros.
        a, b = first[20:-1], second[20:-1]
        width = max(len(a), len(b))
        first, second = a.ljust(width, "0"), b.ljust(width, "0")
    elif len(first) != len(second):
        first, second = first[:19], second[:19]  # fixed width: the text orders like the time
    return (first > second) - (first < second)


# -- scalars --------------------------------------------------------------------------------------


def anything(value: object) -> None:
    return None


def string(value: object) -> str | None:
    return None if type(value) is str else f"must be a string, got {short(value)}"


def nonempty_string(value: object) -> str | None:
    return None if type(value) is str and value else f"must be a non-empty string, got {short(value)}"


def boolean(value: object) -> str | None:
    return None if type(value) is bool else f"must be true or false, got {short(value)}"


# STIX 2.1 section 2.16: integers are signed 54-bit values.
MIN_INTEGER, MAX_INTEGER = -(2**53) + 2, 2**53 - 2


def integer(low: int | None = None, high: int | None = None) -> Check:
    lo = MIN_INTEGER if low is None else low
    hi = MAX_INTEGER if high is None else high
    if low is None and high is None:
        what = "must be an integer (signed 54-bit)"
    elif high is None:
        what = f"must be an integer >= {low} (54-bit)"
    else:
        what = f"must be an integer from {low} to {high}"

    def check(value: object) -> str | None:
        if type(value) is int and lo <= value <= hi:
            return None
        return f"{what}, got {short(value)}"

    return check


def number(low: float, high: float) -> Check:
    def check(value: object) -> str | None:
        if type(value) in (int, float) and low <= value <= high:
            return None
        return f"must be a number from {low} to {high}, got {short(value)}"

    return check


def enum(*values: str) -> Check:
    allowed = frozenset(values)
    listed = ", ".join(repr(v) for v in values)

    def check(value: object) -> str | None:
        if type(value) is str and value in allowed:
            return None
        return f"must be one of {listed}, got {short(value)}"

    return check


def matching(pattern: str, what: str, flags: int = 0) -> Check:
    compiled = re.compile(pattern, flags)

    def check(value: object) -> str | None:
        if type(value) is str and compiled.match(value):
            return None
        return f"must be {what}, got {short(value)}"

    return check


def is_binary(value: object) -> bool:
    return type(value) is str and _BASE64_RE.match(value) is not None


def is_hex(value: object) -> bool:
    return type(value) is str and _HEX_RE.match(value) is not None


def binary(value: object) -> str | None:
    return None if is_binary(value) else f"must be base64-encoded binary, got {short(value)}"


def hexadecimal(value: object) -> str | None:
    return None if is_hex(value) else f"must be an even number of hex digits, got {short(value)}"


def lang(value: object) -> str | None:
    if type(value) is str and _LANG_RE.match(value):
        return None
    return f"must be an RFC 5646 language tag such as 'en' or 'id-ID', got {short(value)}"


def is_uri(value: object) -> bool:
    if type(value) is not str:
        return False
    m = _URI_RE.match(value)
    if m is None:
        return False
    host = m.group("host")
    if host and host[0] == "[":
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return False
    return True


def uri(value: object) -> str | None:
    return None if is_uri(value) else f"must be a URI (RFC 3986, with a scheme), got {short(value)}"


# -- identifiers ----------------------------------------------------------------------------------


def identifier(value: object) -> str | None:
    if type(value) is str and IDENTIFIER_RE.match(value):
        return None
    return f"must be a STIX identifier <type>--<RFC 4122 UUID>, got {short(value)}"


def _ref_test(types: tuple[str, ...], exclude: bool) -> Callable[[object], bool]:
    allowed = frozenset(types)

    def test(value: object) -> bool:
        if type(value) is not str:
            return False
        m = IDENTIFIER_RE.match(value)
        if m is None:
            return False
        return (m.group(1) not in allowed) if exclude else (m.group(1) in allowed)

    return test


def _ref_what(types: tuple[str, ...], exclude: bool, plural: bool = False) -> str:
    noun = "STIX identifiers" if plural else "a STIX identifier"
    return f"{noun} {'not ' if exclude else ''}of type {'/'.join(types)}"


def ref(*types: str) -> Check:
    """A reference to an object of one of ``types``."""
    test, what = _ref_test(types, False), _ref_what(types, False)
    return lambda value: None if test(value) else f"must be {what}, got {short(value)}"


def ref_not(*types: str) -> Check:
    """A reference to an object of any type but ``types``."""
    test, what = _ref_test(types, True), _ref_what(types, True)
    return lambda value: None if test(value) else f"must be {what}, got {short(value)}"


def refs(*types: str) -> Check:
    return list_of(_ref_test(types, False), _ref_what(types, False, plural=True))


def refs_not(*types: str) -> Check:
    return list_of(_ref_test(types, True), _ref_what(types, True, plural=True))


# -- containers -----------------------------------------------------------------------------------


def list_of(test: Callable[[object], bool], what: str) -> Check:
    """A non-empty list whose every item passes ``test``."""

    def check(value: object) -> str | None:
        if type(value) is not list:
            return f"must be a list of {what}, got {short(value)}"
        if not value:
            return "must not be an empty list"
        for i, item in enumerate(value):
            if not test(item):
                return f"must be a list of {what}; item {i} is {short(item)}"
        return None

    return check


def _is_str(value: object) -> bool:
    return type(value) is str


def _is_nonempty_str(value: object) -> bool:
    return type(value) is str and value != ""


strings = list_of(_is_str, "strings")
nonempty_strings = list_of(_is_nonempty_str, "non-empty strings")
identifiers = list_of(lambda v: type(v) is str and IDENTIFIER_RE.match(v) is not None, "STIX identifiers")


def dictionary(value: object) -> str | None:
    """A STIX dictionary: a non-empty JSON object with keys of at most 250 characters."""
    if type(value) is not dict or not value:
        return f"must be a non-empty JSON object (a STIX dictionary), got {short(value)}"
    for key, item in value.items():
        if not _DICT_KEY_RE.match(key):
            return f"has an invalid key {short(key)} (a-z, A-Z, 0-9, '-', '_', at most 250 characters)"
        if item is None or item == []:
            return f"must not hold null or an empty list (key {short(key)})"
    return None


def hashes(value: object) -> str | None:
    if type(value) is not dict or not value:
        return f"must be a non-empty JSON object of hash-algorithm: value, got {short(value)}"
    for algo, digest in value.items():
        if not _HASH_KEY_RE.match(algo):
            return f"has an invalid hash algorithm name {short(algo)}"
        if type(digest) is not str:
            return f"value for {algo} must be a string, got {short(digest)}"
        pattern = _HASH_VALUE_RES.get(algo)
        if pattern is not None and not pattern.match(digest):
            return f"value for {algo} is not a valid {algo} digest: {short(digest)}"
    return None


def _kill_chain_phase(item: object) -> bool:
    return (
        type(item) is dict
        and type(item.get("kill_chain_name")) is str
        and item["kill_chain_name"] != ""
        and type(item.get("phase_name")) is str
        and item["phase_name"] != ""
    )


kill_chain_phases = list_of(_kill_chain_phase, "kill-chain phases (kill_chain_name and phase_name)")


def external_references(value: object) -> str | None:
    if type(value) is not list:
        return f"must be a list of external references, got {short(value)}"
    if not value:
        return "must not be an empty list"
    for i, item in enumerate(value):
        problem = _external_reference(item)
        if problem:
            return f"item {i} {problem}"
    return None


def _external_reference(item: object) -> str | None:
    if type(item) is not dict:
        return f"must be a JSON object, got {short(item)}"
    source = item.get("source_name")
    if type(source) is not str or not source:
        return "must have a non-empty string 'source_name'"
    for key, sub in item.items():
        if sub is None or sub == []:
            return f"must not set {key!r} to null or an empty list"
    external_id = item.get("external_id")
    if external_id is not None and type(external_id) is not str:
        return "'external_id' must be a string"
    if source == "cve" and (external_id is None or not _CVE_RE.match(external_id)):
        return "with source_name 'cve' must have an external_id like 'CVE-2021-44228'"
    if source == "capec" and (external_id is None or not _CAPEC_RE.match(external_id)):
        return "with source_name 'capec' must have an external_id like 'CAPEC-163'"
    if external_id is None and "description" not in item and "url" not in item:
        return "must have at least one of 'description', 'url' or 'external_id' besides 'source_name'"
    if "description" in item and type(item["description"]) is not str:
        return "'description' must be a string"
    if "url" in item and not is_uri(item["url"]):
        return f"'url' must be a URI, got {short(item['url'])}"
    if "hashes" in item:
        problem = hashes(item["hashes"])
        if problem:
            return f"'hashes' {problem}"
    return None


_MARKING_REF = _ref_test(("marking-definition",), False)
marking_refs = list_of(_MARKING_REF, "marking-definition ids")


def granular_markings(value: object) -> str | None:
    if type(value) is not list:
        return f"must be a list of granular markings, got {short(value)}"
    if not value:
        return "must not be an empty list"
    for i, item in enumerate(value):
        if type(item) is not dict:
            return f"item {i} must be a JSON object, got {short(item)}"
        selectors = item.get("selectors")
        if type(selectors) is not list or not selectors:
            return f"item {i} must have a non-empty list 'selectors'"
        for selector in selectors:
            if type(selector) is not str or not _SELECTOR_RE.match(selector):
                return f"item {i} has an invalid selector {short(selector)}"
        has_ref, has_lang = "marking_ref" in item, "lang" in item
        if has_ref == has_lang:
            return f"item {i} must have exactly one of 'marking_ref' and 'lang'"
        if has_ref and not _MARKING_REF(item["marking_ref"]):
            return f"item {i} 'marking_ref' must be a marking-definition id, got {short(item['marking_ref'])}"
        if has_lang and lang(item["lang"]):
            return f"item {i} 'lang' must be an RFC 5646 language tag, got {short(item['lang'])}"
    return None


def selector_problem(obj: dict, selector: str) -> str | None:
    """Why ``selector`` (already syntactically valid) does not point into ``obj``, if it does not."""
    node: object = obj
    for segment in selector.split("."):
        if segment.startswith("["):
            index = int(segment[1:-1])
            if type(node) is not list or index >= len(node):
                return f"selector {selector!r} does not point into the object ({segment} is not in a list)"
            node = node[index]
        else:
            if type(node) is not dict or segment not in node:
                return f"selector {selector!r} does not point into the object (no {segment!r})"
            node = node[segment]
    return None


# -- extensions -----------------------------------------------------------------------------------

_EXTENSION_TYPES = frozenset(EXTENSION_TYPES)

# Predefined SCO extensions (STIX 2.1 section 6): at least one of these properties must be present.
PREDEFINED_EXTENSION_NEEDS = {
    "archive-ext": ("contains_refs",),
    "ntfs-ext": ("sid", "alternate_data_streams"),
    "pdf-ext": ("version", "is_optimized", "document_info_dict", "pdfid0", "pdfid1"),
    "raster-image-ext": ("image_height", "image_width", "bits_per_pixel", "exif_tags"),
    "windows-pebinary-ext": ("pe_type",),
    "http-request-ext": ("request_method",),
    "icmp-ext": ("icmp_type_hex",),
    "socket-ext": ("address_family",),
    "tcp-ext": ("src_flags_hex", "dst_flags_hex"),
    "windows-process-ext": (
        "aslr_enabled",
        "dep_enabled",
        "priority",
        "owner_sid",
        "window_title",
        "startup_info",
        "integrity_level",
    ),
    "windows-service-ext": (
        "service_name",
        "descriptions",
        "display_name",
        "group_name",
        "start_type",
        "service_dll_refs",
        "service_type",
        "service_status",
    ),
    "unix-account-ext": ("gid", "groups", "home_dir", "shell"),
}
# ... and these must all be present.
PREDEFINED_EXTENSION_REQUIRES = {
    "archive-ext": ("contains_refs",),
    "windows-pebinary-ext": ("pe_type",),
    "http-request-ext": ("request_method", "request_value"),
    "icmp-ext": ("icmp_type_hex", "icmp_code_hex"),
    "socket-ext": ("address_family",),
}


def _extension_entry(key: str, value: object, allow_suffix: bool) -> str | None:
    if _EXT_DEFINITION_RE.match(key):
        if type(value) is not dict:
            return f"entry {key!r} must be a JSON object, got {short(value)}"
        ext_type = value.get("extension_type")
        if type(ext_type) is not str or ext_type not in _EXTENSION_TYPES:
            allowed = ", ".join(EXTENSION_TYPES)
            return f"entry {key!r} must have 'extension_type' one of {allowed}, got {short(ext_type)}"
    elif allow_suffix and _EXT_SUFFIX_RE.match(key):
        if type(value) is not dict or not value:
            return f"entry {key!r} must be a non-empty JSON object, got {short(value)}"
        needs = PREDEFINED_EXTENSION_NEEDS.get(key)
        if needs is not None and not any(n in value for n in needs):
            return f"entry {key!r} must have at least one of {', '.join(needs)}"
        for name in PREDEFINED_EXTENSION_REQUIRES.get(key, ()):
            if name not in value:
                return f"entry {key!r} is missing required property {name!r}"
    else:
        if allow_suffix:
            return (
                f"has an invalid key {short(key)} (must be 'extension-definition--<uuid>' or end in '-ext')"
            )
        return f"has an invalid key {short(key)} (must be 'extension-definition--<uuid>')"
    for name, sub in value.items():
        if sub is None or sub == []:
            return f"entry {key!r} must not set {name!r} to null or an empty list"
    return None


def _extensions(allow_suffix: bool) -> Check:
    def check(value: object) -> str | None:
        if type(value) is not dict or not value:
            return f"must be a non-empty JSON object, got {short(value)}"
        for key, entry in value.items():
            problem = _extension_entry(key, entry, allow_suffix)
            if problem:
                return problem
        return None

    return check


extensions = _extensions(allow_suffix=True)
extension_definition_extensions = _extensions(allow_suffix=False)  # marking definitions
