"""STIX 2.1 cyber-observable objects (section 6): what each requires."""

import ipaddress
import re
import uuid

from . import checks as c
from .typespec import STR, STRS, TS, Rule, TypeSpec, sco


def _uuid_version(ident: object) -> int | None:
    """The UUID version of a well-formed id, None otherwise (the id check reports that)."""
    if type(ident) is str and c.UUID_RE.match(ident[-36:]):
        return uuid.UUID(ident[-36:]).version
    return None


def _uuid4_if_no(*contributing: str) -> Rule:
    """STIX 2.1 section 6: without ID-contributing properties, an SCO's id must be a UUIDv4."""

    def rule(obj: dict) -> str | None:
        if any(p in obj for p in contributing):
            return None
        ident = obj.get("id")
        if _uuid_version(ident) not in (4, None):
            return f"property 'id' must use a UUIDv4 when none of {', '.join(contributing)} is present"
        return None

    return rule


def _process_uuid4(obj: dict) -> str | None:
    if _uuid_version(obj.get("id")) not in (4, None):
        return "property 'id' must use a UUIDv4 (process objects have no ID-contributing properties)"
    return None


def _artifact_content(obj: dict) -> str | None:
    has_bin, has_url = "payload_bin" in obj, "url" in obj
    if has_bin == has_url:
        return "must have exactly one of 'payload_bin' and 'url'"
    if has_url and "hashes" not in obj:
        return "property 'hashes' is required when 'url' is given"
    if "decryption_key" in obj and "encryption_algorithm" not in obj:
        return "property 'decryption_key' requires 'encryption_algorithm'"
    return None


def _mime_part(item: object) -> bool:
    return (
        type(item) is dict
        and ("body" in item) != ("body_raw_ref" in item)
        and all(
            type(item[k]) is str
            for k in ("body", "body_raw_ref", "content_type", "content_disposition")
            if k in item
        )
    )


def _email_body(obj: dict) -> str | None:
    if obj.get("is_multipart") is True and "body" in obj:
        return "property 'body' must not be used when 'is_multipart' is true (use 'body_multipart')"
    if obj.get("is_multipart") is False and "body_multipart" in obj:
        return "property 'body_multipart' must not be used when 'is_multipart' is false"
    return None


def _traffic_active(obj: dict) -> str | None:
    if obj.get("is_active") is True and "end" in obj:
        return "property 'end' must not be present when 'is_active' is true"
    return None


def _registry_key(value: object) -> str | None:
    if type(value) is not str:
        return f"must be a string, got {c.short(value)}"
    hive = value.split("\\", 1)[0].upper()
    if hive in ("HKLM", "HKCC", "HKCR", "HKCU", "HKU"):
        return f"must spell out the hive (e.g. HKEY_LOCAL_MACHINE), not {hive!r}"
    return None


_REG_DATA_TYPES = frozenset(
    [
        "REG_NONE",
        "REG_SZ",
        "REG_EXPAND_SZ",
        "REG_BINARY",
        "REG_DWORD",
        "REG_DWORD_BIG_ENDIAN",
        "REG_DWORD_LITTLE_ENDIAN",
        "REG_LINK",
        "REG_MULTI_SZ",
        "REG_RESOURCE_LIST",
        "REG_FULL_RESOURCE_DESCRIPTION",
        "REG_RESOURCE_REQUIREMENTS_LIST",
        "REG_QWORD",
        "REG_INVALID_TYPE",
    ]
)


def _registry_value(item: object) -> bool:
    return (
        type(item) is dict
        and any(k in item for k in ("name", "data", "data_type"))
        and all(type(item[k]) is str for k in ("name", "data") if k in item)
        and type(item.get("data_type", "REG_NONE")) is str
        and item.get("data_type", "REG_NONE") in _REG_DATA_TYPES
    )


def _ipv6(value: object) -> str | None:
    if type(value) is str:
        try:
            ipaddress.IPv6Network(value, strict=False)
            return None
        except ValueError:
            pass
    return f"must be an IPv6 address or CIDR block, got {c.short(value)}"


_LDH_DOMAIN_RE = re.compile(
    r"(?=.{1,253}\.?\Z)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?\Z"
)


def _idna_ok(value: str) -> bool:
    """IDNA 2008 (the ``idna`` package, as stix2-validator's idn-hostname format check uses)."""
    try:
        import idna
    except ImportError:  # pragma: no cover - idna comes with requests; IDNA 2003 is the fallback
        try:
            value.encode("idna")
            return True
        except UnicodeError:
            return False
    try:
        idna.encode(value)
        return True
    except (idna.IDNAError, UnicodeError):
        return False


def _domain(value: object) -> str | None:
    """RFC 1034 / RFC 5890 domain name: plain letters-digits-hyphens, or a name that IDNA 2008 accepts."""
    if type(value) is str and (("--" not in value and _LDH_DOMAIN_RE.match(value)) or _idna_ok(value)):
        return None
    return f"must be a domain name (RFC 1034, IDNA 2008), got {c.short(value)}"


# The address syntax stix2-validator checks (ASCII local part and a dotted domain).
_EMAIL = c.matching(r"[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+\Z", "an e-mail address")


SCO_SPECS: dict[str, TypeSpec] = {
    spec.name: spec
    for spec in (
        sco(
            "artifact",
            {
                "mime_type": c.matching(
                    r"(?:application|audio|font|image|message|model|multipart|text|video)/[a-zA-Z0-9.+_-]+\Z",
                    "an IANA media type such as 'application/zip'",
                ),
                "payload_bin": c.binary,
                "url": c.uri,
                "hashes": c.hashes,
                "encryption_algorithm": c.enum("AES-256-GCM", "ChaCha20-Poly1305", "mime-type-indicated"),
                "decryption_key": STR,
            },
            rules=(_artifact_content, _uuid4_if_no("hashes", "payload_bin")),
        ),
        sco("autonomous-system", {"number": c.integer(0), "name": STR, "rir": STR}, ["number"]),
        sco(
            "directory",
            {
                "path": STR,
                "path_enc": c.matching(r"[a-zA-Z0-9/.+_:-]{2,250}\Z", "an IANA character set name"),
                "ctime": TS,
                "mtime": TS,
                "atime": TS,
                "contains_refs": c.refs("file", "directory"),
            },
            ["path"],
        ),
        sco(
            "domain-name",
            {"value": _domain, "resolves_to_refs": c.refs("ipv4-addr", "ipv6-addr", "domain-name")},
            ["value"],
        ),
        sco(
            "email-addr",
            {
                "value": _EMAIL,
                "display_name": STR,
                "belongs_to_ref": c.ref("user-account"),
            },
            ["value"],
        ),
        sco(
            "email-message",
            {
                "is_multipart": c.boolean,
                "date": TS,
                "content_type": STR,
                "from_ref": c.ref("email-addr"),
                "sender_ref": c.ref("email-addr"),
                "to_refs": c.refs("email-addr"),
                "cc_refs": c.refs("email-addr"),
                "bcc_refs": c.refs("email-addr"),
                "message_id": STR,
                "subject": STR,
                "received_lines": STRS,
                "additional_header_fields": c.dictionary,
                "body": STR,
                "body_multipart": c.list_of(_mime_part, "MIME parts (each with one of body, body_raw_ref)"),
                "raw_email_ref": c.ref("artifact"),
            },
            ["is_multipart"],
            rules=(_email_body, _uuid4_if_no("from_ref", "subject", "body")),
        ),
        sco(
            "file",
            {
                "hashes": c.hashes,
                "size": c.integer(0),
                "name": STR,
                "name_enc": c.matching(r"[a-zA-Z0-9/.+_:-]{2,250}\Z", "an IANA character set name"),
                "magic_number_hex": c.hexadecimal,
                "mime_type": STR,
                "ctime": TS,
                "mtime": TS,
                "atime": TS,
                "parent_directory_ref": c.ref("directory"),
                "contains_refs": c.identifiers,
                "content_ref": c.ref("artifact"),
            },
            any_of=(("hashes", "name"),),
        ),
        sco(
            "ipv4-addr",
            {
                "value": c.matching(
                    r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
                    r"(?:/(?:3[0-2]|[12]?\d))?\Z",
                    "an IPv4 address or CIDR block",
                    flags=re.ASCII,
                ),
                "resolves_to_refs": c.refs("mac-addr"),
                "belongs_to_refs": c.refs("autonomous-system"),
            },
            ["value"],
        ),
        sco(
            "ipv6-addr",
            {
                "value": _ipv6,
                "resolves_to_refs": c.refs("mac-addr"),
                "belongs_to_refs": c.refs("autonomous-system"),
            },
            ["value"],
        ),
        sco(
            "mac-addr",
            {
                "value": c.matching(
                    r"(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\Z", "a lowercase colon-separated MAC-48 address"
                )
            },
            ["value"],
        ),
        sco("mutex", {"name": STR}, ["name"]),
        sco(
            "network-traffic",
            {
                "start": TS,
                "end": TS,
                "is_active": c.boolean,
                "src_ref": c.ref("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
                "dst_ref": c.ref("ipv4-addr", "ipv6-addr", "mac-addr", "domain-name"),
                "src_port": c.integer(0, 65535),
                "dst_port": c.integer(0, 65535),
                "protocols": STRS,
                "src_byte_count": c.integer(0),
                "dst_byte_count": c.integer(0),
                "src_packets": c.integer(0),
                "dst_packets": c.integer(0),
                "ipfix": c.dictionary,
                "src_payload_ref": c.ref("artifact"),
                "dst_payload_ref": c.ref("artifact"),
                "encapsulates_refs": c.refs("network-traffic"),
                "encapsulated_by_ref": c.ref("network-traffic"),
            },
            ["protocols"],
            any_of=(("src_ref", "dst_ref"),),
            order=(("start", "end", False),),
            rules=(_traffic_active,),
        ),
        sco(
            "process",
            {
                "is_hidden": c.boolean,
                "pid": c.integer(),
                "created_time": TS,
                "cwd": STR,
                "command_line": STR,
                "environment_variables": c.dictionary,
                "opened_connection_refs": c.refs("network-traffic"),
                "creator_user_ref": c.ref("user-account"),
                "image_ref": c.ref("file"),
                "parent_ref": c.ref("process"),
                "child_refs": c.refs("process"),
            },
            any_of=(
                (
                    "extensions",
                    "is_hidden",
                    "pid",
                    "created_time",
                    "cwd",
                    "command_line",
                    "environment_variables",
                    "opened_connection_refs",
                    "creator_user_ref",
                    "image_ref",
                    "parent_ref",
                    "child_refs",
                ),
            ),
            rules=(_process_uuid4,),
        ),
        sco(
            "software",
            {
                "name": STR,
                "cpe": c.matching(
                    r"cpe:2\.3:[aho*\-](?::(?:[^:\\]|\\.)+){10}\Z", "a CPE 2.3 name (cpe:2.3:...)"
                ),
                "swid": STR,
                "languages": c.list_of(lambda v: type(v) is str and not c.lang(v), "RFC 5646 language tags"),
                "vendor": STR,
                "version": STR,
            },
            ["name"],
        ),
        sco("url", {"value": c.uri}, ["value"]),
        sco(
            "user-account",
            {
                "user_id": STR,
                "credential": STR,
                "account_login": STR,
                "account_type": STR,
                "display_name": STR,
                "is_service_account": c.boolean,
                "is_privileged": c.boolean,
                "can_escalate_privs": c.boolean,
                "is_disabled": c.boolean,
                "account_created": TS,
                "account_expires": TS,
                "credential_last_changed": TS,
                "account_first_login": TS,
                "account_last_login": TS,
            },
            any_of=(
                (
                    "extensions",
                    "user_id",
                    "credential",
                    "account_login",
                    "account_type",
                    "display_name",
                    "is_service_account",
                    "is_privileged",
                    "can_escalate_privs",
                    "is_disabled",
                    "account_created",
                    "account_expires",
                    "credential_last_changed",
                    "account_first_login",
                    "account_last_login",
                ),
            ),
            rules=(_uuid4_if_no("account_type", "user_id", "account_login"),),
        ),
        sco(
            "windows-registry-key",
            {
                "key": _registry_key,
                "values": c.list_of(_registry_value, "registry values (name, data, data_type)"),
                "modified_time": TS,
                "creator_user_ref": c.ref("user-account"),
                "number_of_subkeys": c.integer(0),
            },
            any_of=(("key", "values", "modified_time", "creator_user_ref", "number_of_subkeys"),),
            rules=(_uuid4_if_no("key", "values"),),
        ),
        sco(
            "x509-certificate",
            {
                "is_self_signed": c.boolean,
                "hashes": c.hashes,
                "version": STR,
                "serial_number": STR,
                "signature_algorithm": STR,
                "issuer": STR,
                "validity_not_before": TS,
                "validity_not_after": TS,
                "subject": STR,
                "subject_public_key_algorithm": STR,
                "subject_public_key_modulus": STR,
                "subject_public_key_exponent": c.integer(0),
                "x509_v3_extensions": c.dictionary,
            },
            any_of=(
                (
                    "is_self_signed",
                    "hashes",
                    "version",
                    "serial_number",
                    "signature_algorithm",
                    "issuer",
                    "validity_not_before",
                    "validity_not_after",
                    "subject",
                    "subject_public_key_algorithm",
                    "subject_public_key_modulus",
                    "subject_public_key_exponent",
                    "x509_v3_extensions",
                ),
            ),
            order=(("validity_not_before", "validity_not_after", False),),
            rules=(_uuid4_if_no("hashes", "serial_number"),),
        ),
    )
}
