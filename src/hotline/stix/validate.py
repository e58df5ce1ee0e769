"""Fast declarative validation of STIX 2.1 objects.

``validate_object`` applies the tables of ``schema.py``. It agrees with the OASIS ``stix2-validator``
on what is valid (tests/stix/test_validate_agrees_with_stix2_validator.py and the property test beside
it) and is some hundreds of times faster. Each problem is one sentence that starts with the object
type and names the property.
"""

from .checks import (
    MAX_INTEGER,
    MIN_INTEGER,
    PROPERTY_NAME_RE,
    RESERVED_PROPERTIES,
    TYPE_NAME_RE,
    is_binary,
    is_hex,
    is_timestamp,
    selector_problem,
    timestamp_order,
)
from .extensions import EXTENSION_CHECKS, PROJECT_EXTENSIONS, declared_extension_id
from .patterns import pattern_problems
from .schema import SPECS, TypeSpec, extension_spec

__all__ = ["validate_object", "is_valid", "object_version"]


def validate_object(obj: object) -> list[str]:
    """The problems that make ``obj`` an invalid STIX 2.1 object; an empty list if it is valid.

    Never raises on bad input: whatever arrives from a partner, the answer is a list of problems.
    """
    if type(obj) is not dict:
        return ["object is not a JSON object"]
    type_name = obj.get("type")
    spec = SPECS.get(type_name) if type(type_name) is str else None
    try:
        if spec is None:
            return _validate_unlisted(obj, type_name)
        return _check(spec, obj, type_name)
    except Exception as exc:  # a bug of ours must not take down an ingest: report the object as invalid
        return [f"{type_name if type(type_name) is str else 'object'}: could not be validated ({exc!r:.200})"]


def is_valid(obj: object) -> bool:
    """Whether ``obj`` is a valid STIX 2.1 object."""
    return not validate_object(obj)


def object_version(obj: dict) -> str | None:
    """The version of an object: its ``modified``, else its ``created``; None for SCOs (no version)."""
    version = obj.get("modified")
    if type(version) is str:
        return version
    version = obj.get("created")
    return version if type(version) is str else None


def _validate_unlisted(obj: dict, type_name: object) -> list[str]:
    if type_name is None:
        return ["object: missing required property 'type'"]
    if type(type_name) is not str:
        return [f"object: property 'type' must be a string, got {type_name!r:.60}"]
    if type_name == "bundle":
        return ["bundle: a bundle cannot be an object inside a bundle or envelope"]
    if not (3 <= len(type_name) <= 250 and TYPE_NAME_RE.match(type_name)) or type_name == "action":
        return [
            f"object: property 'type' {type_name!r:.60} is not a valid type name "
            "(3-250 characters: a-z, 0-9 and single hyphens, starting with a letter; 'action' is reserved)"
        ]
    ext_id = declared_extension_id(obj)
    if ext_id is None:
        return [
            f"{type_name}: unknown type '{type_name}' "
            "(not STIX 2.1 and not declared by an extension definition)"
        ]
    ext_type = obj["extensions"][ext_id]["extension_type"]
    rules = ext_type
    if ext_type == "new-sco" and ("created" in obj or "modified" in obj):
        rules = "new-sdo"  # versioned like an SDO: held to the SDO rules (as stix2-validator does)
    errors = _check(extension_spec(type_name, rules), obj, type_name)
    definition = PROJECT_EXTENSIONS.get(ext_id)
    if definition is not None and ext_type not in definition.get("extension_types", ()):
        errors.append(f"{type_name}: extension {ext_id} does not define a {ext_type} type")
    return errors


def _check(spec: TypeSpec, obj: dict, t: str) -> list[str]:
    errors: list[str] = []
    props = spec.props
    for name, value in obj.items():
        check = props.get(name)
        if check is None:  # a custom property
            if not PROPERTY_NAME_RE.match(name):
                errors.append(
                    f"{t}: property name {name!r:.60} is invalid (3-250 characters: a-z, 0-9 and _, "
                    "starting with a letter)"
                )
            elif name in RESERVED_PROPERTIES:
                errors.append(f"{t}: property '{name}' is reserved by STIX 2.1 and must not be used")
            if value is None:
                errors.append(f"{t}: property '{name}' must not be null")
            elif type(value) is list and not value:
                errors.append(f"{t}: property '{name}' must not be an empty list")
            elif type(value) is int and not MIN_INTEGER <= value <= MAX_INTEGER:
                errors.append(f"{t}: property '{name}' is beyond the 54-bit integers STIX allows")
            elif name.endswith("_bin") and not is_binary(value):
                errors.append(f"{t}: property '{name}' must be base64-encoded binary")
            elif name.endswith("_hex") and not is_hex(value):
                errors.append(f"{t}: property '{name}' must be an even number of hex digits")
            continue
        if value is None:
            errors.append(f"{t}: property '{name}' must not be null")
            continue
        problem = check(value)
        if problem is not None:
            errors.append(f"{t}: property '{name}' {problem}")
    for name in spec.required:
        if name not in obj:
            errors.append(f"{t}: missing required property '{name}'")
    for group in spec.any_of:
        for name in group:
            if name in obj:
                break
        else:
            errors.append(f"{t}: must have at least one of the properties {', '.join(map(repr, group))}")
    for earlier, later, strictly in spec.order:
        first, second = obj.get(earlier), obj.get(later)
        if first is not None and second is not None and is_timestamp(first) and is_timestamp(second):
            order = timestamp_order(first, second)
            if order > 0 or (strictly and order == 0):
                relation = "later than" if strictly else "the same as or later than"
                errors.append(f"{t}: property '{later}' ({second}) must be {relation} '{earlier}' ({first})")
    for rule in spec.rules:
        problem = rule(obj)
        if problem is not None:
            errors.append(f"{t}: {problem}")
    if "granular_markings" in obj:
        _check_selectors(obj, t, errors)
    if t == "indicator":
        _check_pattern(obj, errors)
    if EXTENSION_CHECKS and type(obj.get("extensions")) is dict:
        _run_extension_checks(obj, t, errors)
    return errors


def _check_selectors(obj: dict, t: str, errors: list[str]) -> None:
    markings = obj["granular_markings"]
    if type(markings) is not list:
        return
    for marking in markings:
        selectors = marking.get("selectors") if type(marking) is dict else None
        if type(selectors) is not list:
            continue
        for selector in selectors:
            if type(selector) is str:
                problem = selector_problem(obj, selector)
                if problem is not None:
                    errors.append(f"{t}: property 'granular_markings' {problem}")


def _check_pattern(obj: dict, errors: list[str]) -> None:
    pattern = obj.get("pattern")
    if obj.get("pattern_type") != "stix" or type(pattern) is not str:
        return
    version = obj.get("pattern_version")
    problems = pattern_problems(pattern, "2.0" if version == "2.0" else "2.1")
    if problems:
        errors.append(f"indicator: property 'pattern' is not a valid STIX pattern: {'; '.join(problems)}")


def _run_extension_checks(obj: dict, t: str, errors: list[str]) -> None:
    for key in obj["extensions"]:
        check = EXTENSION_CHECKS.get(key)
        if check is None:
            continue
        try:
            problems = check(obj)
        except Exception as exc:  # a bug in a feature's check must not stop an ingest
            problems = [f"the check of extension {key} failed on this object ({type(exc).__name__}: {exc})"]
        errors.extend(f"{t}: {p}" for p in problems)
