"""STIX 2.1 domain objects (section 4) and relationship objects (section 5): what each requires."""

from . import checks as c
from .typespec import (
    KCP,
    NAMED,
    NOT_REFERENCEABLE_BY_SRO,
    SDO_TYPES,
    SEEN,
    SEEN_ORDER,
    STR,
    STRS,
    TS,
    TypeSpec,
    sdo,
)


def _malware_family(obj: dict) -> str | None:
    if obj.get("is_family") is True and "name" not in obj:
        return "property 'name' is required when 'is_family' is true"
    return None


def _location_place(obj: dict) -> str | None:
    has_lat, has_long = "latitude" in obj, "longitude" in obj
    if has_lat != has_long:
        return "properties 'latitude' and 'longitude' must be given together"
    if "precision" in obj and not has_lat:
        return "property 'precision' requires 'latitude' and 'longitude'"
    if not (has_lat or "region" in obj or "country" in obj):
        return "must have 'region', 'country', or 'latitude' and 'longitude'"
    return None


def _observed_data_content(obj: dict) -> str | None:
    has_objects, has_refs = "objects" in obj, "object_refs" in obj
    if has_objects == has_refs:
        return "must have exactly one of 'object_refs' and the deprecated 'objects'"
    return None


def _observed_objects(value: object) -> str | None:
    if type(value) is not dict or not value:
        return f"must be a non-empty JSON object of cyber observables, got {c.short(value)}"
    for key, item in value.items():
        if type(item) is not dict or type(item.get("type")) is not str:
            return f"entry {key!r} must be a cyber observable with a 'type'"
    return None


SDO_SPECS: dict[str, TypeSpec] = {
    spec.name: spec
    for spec in (
        sdo("attack-pattern", {**NAMED, "aliases": STRS, "kill_chain_phases": KCP}, ["name"]),
        sdo("campaign", {**NAMED, **SEEN, "aliases": STRS, "objective": STR}, ["name"], order=SEEN_ORDER),
        sdo("course-of-action", {**NAMED}, ["name"]),
        sdo(
            "grouping",
            {**NAMED, "context": STR, "object_refs": c.identifiers},
            ["context", "object_refs"],
        ),
        sdo(
            "identity",
            {**NAMED, "roles": STRS, "identity_class": STR, "sectors": STRS, "contact_information": STR},
            ["name"],
        ),
        sdo("incident", {**NAMED, "kill_chain_phases": KCP}, ["name"]),
        sdo(
            "indicator",
            {
                **NAMED,
                "indicator_types": STRS,
                "pattern": STR,
                "pattern_type": STR,
                "pattern_version": STR,
                "valid_from": TS,
                "valid_until": TS,
                "kill_chain_phases": KCP,
            },
            ["pattern", "pattern_type", "valid_from"],
            order=(("valid_from", "valid_until", True),),
        ),
        sdo(
            "infrastructure",
            {**NAMED, **SEEN, "infrastructure_types": STRS, "aliases": STRS, "kill_chain_phases": KCP},
            ["name"],
            order=SEEN_ORDER,
        ),
        sdo(
            "intrusion-set",
            {
                **NAMED,
                **SEEN,
                "aliases": STRS,
                "goals": STRS,
                "resource_level": STR,
                "primary_motivation": STR,
                "secondary_motivations": STRS,
            },
            ["name"],
            order=SEEN_ORDER,
        ),
        sdo(
            "location",
            {
                **NAMED,
                "latitude": c.number(-90, 90),
                "longitude": c.number(-180, 180),
                "precision": c.number(0, float("inf")),
                "region": STR,
                "country": STR,
                "administrative_area": STR,
                "city": STR,
                "street_address": STR,
                "postal_code": STR,
            },
            rules=[_location_place],
        ),
        sdo(
            "malware",
            {
                **NAMED,
                **SEEN,
                "malware_types": STRS,
                "is_family": c.boolean,
                "aliases": STRS,
                "kill_chain_phases": KCP,
                "operating_system_refs": c.refs("software"),
                "architecture_execution_envs": STRS,
                "implementation_languages": STRS,
                "capabilities": STRS,
                "sample_refs": c.refs("file", "artifact"),
            },
            ["is_family"],
            order=SEEN_ORDER,
            rules=[_malware_family],
        ),
        sdo(
            "malware-analysis",
            {
                "product": STR,
                "version": STR,
                "host_vm_ref": c.ref("software"),
                "operating_system_ref": c.ref("software"),
                "installed_software_refs": c.refs("software"),
                "configuration_version": STR,
                "modules": STRS,
                "analysis_engine_version": STR,
                "analysis_definition_version": STR,
                "submitted": TS,
                "analysis_started": TS,
                "analysis_ended": TS,
                "result_name": STR,
                "result": STR,
                "analysis_sco_refs": c.identifiers,
                "sample_ref": c.ref("file", "artifact", "network-traffic"),
            },
            ["product"],
            any_of=(("result", "analysis_sco_refs"),),
            order=(("analysis_started", "analysis_ended", False),),
        ),
        sdo(
            "note",
            {"abstract": STR, "content": STR, "authors": STRS, "object_refs": c.identifiers},
            ["content", "object_refs"],
        ),
        sdo(
            "observed-data",
            {
                "first_observed": TS,
                "last_observed": TS,
                "number_observed": c.integer(1, 999_999_999),
                "objects": _observed_objects,
                "object_refs": c.refs_not(*sorted(SDO_TYPES)),
            },
            ["first_observed", "last_observed", "number_observed"],
            order=(("first_observed", "last_observed", False),),
            rules=[_observed_data_content],
        ),
        sdo(
            "opinion",
            {
                "explanation": STR,
                "authors": STRS,
                "object_refs": c.identifiers,
                "opinion": c.enum("strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"),
            },
            ["opinion", "object_refs"],
        ),
        sdo(
            "report",
            {**NAMED, "report_types": STRS, "published": TS, "object_refs": c.identifiers},
            ["name", "published", "object_refs"],
        ),
        sdo(
            "threat-actor",
            {
                **NAMED,
                **SEEN,
                "threat_actor_types": STRS,
                "aliases": STRS,
                "roles": STRS,
                "goals": STRS,
                "sophistication": STR,
                "resource_level": STR,
                "primary_motivation": STR,
                "secondary_motivations": STRS,
                "personal_motivations": STRS,
            },
            ["name"],
            order=SEEN_ORDER,
        ),
        sdo(
            "tool",
            {**NAMED, "tool_types": STRS, "aliases": STRS, "kill_chain_phases": KCP, "tool_version": STR},
            ["name"],
        ),
        sdo("vulnerability", {**NAMED}, ["name"]),
        sdo(
            "relationship",
            {
                "relationship_type": c.matching(r"[a-z0-9-]+\Z", "lowercase letters, digits and hyphens"),
                "description": STR,
                "source_ref": c.ref_not(*NOT_REFERENCEABLE_BY_SRO),
                "target_ref": c.ref_not(*NOT_REFERENCEABLE_BY_SRO),
                "start_time": TS,
                "stop_time": TS,
            },
            ["relationship_type", "source_ref", "target_ref"],
            order=(("start_time", "stop_time", True),),
            kind="sro",
        ),
        sdo(
            "sighting",
            {
                "description": STR,
                **SEEN,
                "count": c.integer(0, 999_999_999),
                "sighting_of_ref": c.ref_not(*NOT_REFERENCEABLE_BY_SRO),
                "observed_data_refs": c.refs("observed-data"),
                "where_sighted_refs": c.refs("identity", "location"),
                "summary": c.boolean,
            },
            ["sighting_of_ref"],
            order=SEEN_ORDER,
            kind="sro",
        ),
    )
}
