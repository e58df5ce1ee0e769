"""STIX 2.1 meta objects: language content (7.1), marking definitions (7.2), extension definitions (7.3)."""

from . import checks as c
from .markings import TLP1_IDS, TLP1_MARKINGS, TLP2_EXTENSION_ID, TLP_MARKINGS
from .typespec import STR, TS, TypeSpec, own_id, sdo


def _language_contents(value: object) -> str | None:
    if type(value) is not dict or not value:
        return f"must be a non-empty JSON object of language: translations, got {c.short(value)}"
    for language, translated in value.items():
        if c.lang(language):
            return f"has key {c.short(language)}, which is not an RFC 5646 language tag"
        if type(translated) is not dict or not translated:
            return f"entry {language!r} must be a non-empty JSON object of property: translation"
        for prop in translated:
            if not c.PROPERTY_NAME_RE.match(prop):
                return f"entry {language!r} has an invalid property name {c.short(prop)}"
    return None


def _extension_properties_allowed(obj: dict) -> str | None:
    types = obj.get("extension_types")
    if "extension_properties" in obj and not (type(types) is list and "toplevel-property-extension" in types):
        return "property 'extension_properties' is only for extension type 'toplevel-property-extension'"
    return None


_EXTENSION_TYPE_ENUM = frozenset(c.EXTENSION_TYPES)


def _marking_self_reference(obj: dict) -> str | None:
    ident = obj.get("id")
    refs = obj.get("object_marking_refs")
    if type(refs) is list and ident in refs:
        return "property 'object_marking_refs' must not refer to the marking definition itself"
    markings = obj.get("granular_markings")
    for marking in markings if type(markings) is list else ():
        if type(marking) is dict and marking.get("marking_ref") == ident:
            return "property 'granular_markings' must not refer to the marking definition itself"
    return None


_TLP1_BY_ID = {marking: level for level, marking in TLP1_IDS.items()}


def _marking_definition(obj: dict) -> str | None:
    """definition_type + definition (statement, TLP 1.0 or other), or an extension (e.g. TLP 2.0)."""
    exts = obj.get("extensions")
    has_type, has_def = "definition_type" in obj, "definition" in obj
    if not isinstance(exts, dict) and not (has_type and has_def):
        return (
            "must have 'definition_type' and 'definition', or an 'extensions' entry that defines the marking"
        )
    if has_type != has_def:
        return "properties 'definition_type' and 'definition' must be given together"
    kind, definition = obj.get("definition_type"), obj.get("definition")
    if kind == "statement":
        if type(definition) is not dict or type(definition.get("statement")) is not str:
            return "property 'definition' must be {\"statement\": <string>} for definition_type 'statement'"
    elif kind == "tlp":
        ident = obj.get("id")
        level = _TLP1_BY_ID.get(ident) if type(ident) is str else None
        if level is None:
            return "definition_type 'tlp' is reserved for the four TLP 1.0 marking definitions of STIX 2.1"
        if obj != TLP1_MARKINGS[level]:
            return f"TLP 1.0 marking {ident} must be exactly the predefined TLP:{level.upper()} object"
    if isinstance(exts, dict) and TLP2_EXTENSION_ID in exts:
        entry = exts[TLP2_EXTENSION_ID]
        level = entry.get("tlp_2_0") if type(entry) is dict else None
        if type(level) is not str or level not in TLP_MARKINGS:
            return (
                f"TLP 2.0 extension: 'tlp_2_0' must be one of {', '.join(TLP_MARKINGS)}, got {c.short(level)}"
            )
        if entry.get("extension_type") != "property-extension" or set(entry) != {"extension_type", "tlp_2_0"}:
            return (
                "TLP 2.0 extension entry must be exactly "
                "{extension_type: 'property-extension', tlp_2_0: <level>}"
            )
        official = TLP_MARKINGS[level]
        if obj.get("id") != official["id"] or obj.get("name") != official["name"]:
            return f"a TLP 2.0 '{level}' marking must have id {official['id']} and name {official['name']!r}"
    return None


META_SPECS: dict[str, TypeSpec] = {
    spec.name: spec
    for spec in (
        sdo(
            "language-content",
            {
                "object_ref": c.ref_not("bundle", "language-content"),
                "object_modified": TS,
                "contents": _language_contents,
            },
            ["object_ref", "contents"],
            kind="meta",
        ),
        TypeSpec(
            "marking-definition",
            "meta",
            {
                "type": c.anything,
                "spec_version": c.enum("2.1"),
                "id": own_id("marking-definition"),
                "created_by_ref": c.ref("identity"),
                "created": TS,
                "modified": TS,  # not a marking-definition property; if present, a timestamp >= created
                "lang": c.lang,
                "external_references": c.external_references,
                "object_marking_refs": c.marking_refs,
                "granular_markings": c.granular_markings,
                "extensions": c.extension_definition_extensions,
                "name": STR,
                "definition_type": c.nonempty_string,
                "definition": c.dictionary,
            },
            ("type", "spec_version", "id", "created"),
            order=(("created", "modified", False),),
            rules=(_marking_self_reference, _marking_definition),
        ),
        sdo(
            "extension-definition",
            {
                "name": c.nonempty_string,
                "description": STR,
                "schema": c.nonempty_string,
                "version": c.nonempty_string,
                "extension_types": c.list_of(
                    lambda v: type(v) is str and v in _EXTENSION_TYPE_ENUM,
                    "extension types (" + ", ".join(c.EXTENSION_TYPES) + ")",
                ),
                "extension_properties": c.list_of(
                    lambda v: type(v) is str and bool(c.PROPERTY_NAME_RE.match(v)), "property names"
                ),
            },
            ["created_by_ref", "name", "schema", "version", "extension_types"],
            rules=[_extension_properties_allowed],
            kind="meta",
        ),
    )
}
