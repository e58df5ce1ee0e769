"""The shape of a type's rules (:class:`TypeSpec`), the properties every SDO/SRO or SCO shares, and the
shorthands the type tables are written with.

One :class:`TypeSpec` per type: the checks of the properties it defines (common ones included), the
properties it requires, groups of which at least one must be present, timestamp orderings, and
rules that relate several properties. Custom properties are not listed: the engine only checks
their names and that they are not null or an empty list.
"""

from collections.abc import Callable

from . import checks as c

Rule = Callable[[dict], str | None]

# fmt: off
SDO_TYPES = frozenset({
    "attack-pattern", "campaign", "course-of-action", "grouping", "identity", "incident", "indicator",
    "infrastructure", "intrusion-set", "location", "malware", "malware-analysis", "note", "observed-data",
    "opinion", "report", "threat-actor", "tool", "vulnerability",
})
SRO_TYPES = frozenset({"relationship", "sighting"})
SCO_TYPES = frozenset({
    "artifact", "autonomous-system", "directory", "domain-name", "email-addr", "email-message", "file",
    "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic", "process", "software", "url",
    "user-account", "windows-registry-key", "x509-certificate",
})
# fmt: on
META_TYPES = frozenset({"language-content", "marking-definition", "extension-definition"})
NOT_REFERENCEABLE_BY_SRO = ("relationship", "sighting", "bundle", "marking-definition", "language-content")


class TypeSpec:
    __slots__ = ("name", "kind", "props", "required", "any_of", "order", "rules")

    def __init__(
        self,
        name: str,
        kind: str,
        props: dict[str, c.Check],
        required: tuple[str, ...],
        any_of: tuple[tuple[str, ...], ...] = (),
        order: tuple[tuple[str, str, bool], ...] = (),
        rules: tuple[Rule, ...] = (),
    ) -> None:
        self.name = name
        self.kind = kind  # "sdo", "sro", "sco" or "meta"
        self.props = props
        self.required = required
        self.any_of = any_of  # at least one property of each group must be present
        self.order = order  # (earlier, later, strictly): timestamps that must be in this order
        self.rules = rules  # rule(obj) -> problem or None, run once the properties have been checked


def own_id(type_name: str) -> c.Check:
    prefix = type_name + "--"
    width = len(prefix)

    def check(value: object) -> str | None:
        if type(value) is str and value.startswith(prefix) and c.UUID_RE.match(value, width):
            return None
        if type(value) is str and "--" in value and not value.startswith(prefix):
            return f"must start with '{prefix}' (an id's type is its object's type), got {c.short(value)}"
        return f"must be '{prefix}<RFC 4122 UUID>', got {c.short(value)}"

    return check


def common_sdo(type_name: str) -> dict[str, c.Check]:
    return {
        "type": c.anything,
        "spec_version": c.enum("2.1"),
        "id": own_id(type_name),
        "created_by_ref": c.ref("identity"),
        "created": c.timestamp_ms,
        "modified": c.timestamp_ms,
        "revoked": c.boolean,
        "labels": c.nonempty_strings,
        "confidence": c.integer(0, 100),
        "lang": c.lang,
        "external_references": c.external_references,
        "object_marking_refs": c.marking_refs,
        "granular_markings": c.granular_markings,
        "extensions": c.extensions,
    }


def common_sco(type_name: str) -> dict[str, c.Check]:
    return {
        "type": c.anything,
        "spec_version": c.enum("2.1"),
        "id": own_id(type_name),
        "object_marking_refs": c.marking_refs,
        "granular_markings": c.granular_markings,
        "defanged": c.boolean,
        "extensions": c.extensions,
        "lang": c.lang,
        # Not SCO properties, but stix2-validator holds any object's created/modified to the SDO rules.
        "created": c.timestamp,
        "modified": c.timestamp,
    }


SDO_REQUIRED = ("type", "spec_version", "id", "created", "modified")
SCO_REQUIRED = ("type", "id")
SDO_ORDER = (("created", "modified", False),)

TS, STR, STRS = c.timestamp, c.string, c.strings
KCP = c.kill_chain_phases
SEEN = {"first_seen": TS, "last_seen": TS}
SEEN_ORDER = (("first_seen", "last_seen", False),)
NAMED = {"name": STR, "description": STR}


def sdo(name, props, required=(), any_of=(), order=(), rules=(), kind="sdo") -> TypeSpec:
    return TypeSpec(
        name,
        kind,
        {**common_sdo(name), **props},
        SDO_REQUIRED + tuple(required),
        any_of,
        SDO_ORDER + tuple(order),
        tuple(rules),
    )


def sco(name, props, required=(), any_of=(), order=(), rules=()) -> TypeSpec:
    return TypeSpec(
        name,
        "sco",
        {**common_sco(name), **props},
        SCO_REQUIRED + tuple(required),
        any_of,
        SDO_ORDER + order,
        rules,
    )
