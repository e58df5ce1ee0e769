"""What STIX 2.1 (OASIS Standard) requires of each object type: the tables of all types, by name."""

from functools import lru_cache

from .meta_specs import META_SPECS
from .sco_specs import SCO_SPECS
from .sdo_specs import SDO_SPECS
from .typespec import (
    META_TYPES,
    SCO_REQUIRED,
    SCO_TYPES,
    SDO_ORDER,
    SDO_REQUIRED,
    SDO_TYPES,
    SRO_TYPES,
    TypeSpec,
    common_sco,
    common_sdo,
)

__all__ = ["SPECS", "SDO_TYPES", "SRO_TYPES", "SCO_TYPES", "META_TYPES", "TypeSpec", "extension_spec"]

SPECS: dict[str, TypeSpec] = {**SDO_SPECS, **META_SPECS, **SCO_SPECS}

# Objects of a type declared by an extension definition get the common rules of their kind.
EXTENSION_SPECS = {
    "new-sdo": TypeSpec("(new-sdo)", "sdo", {}, SDO_REQUIRED, order=SDO_ORDER),
    "new-sro": TypeSpec("(new-sro)", "sro", {}, SDO_REQUIRED, order=SDO_ORDER),
    "new-sco": TypeSpec("(new-sco)", "sco", {}, SCO_REQUIRED, order=SDO_ORDER),
}


@lru_cache(maxsize=1024)
def extension_spec(type_name: str, extension_type: str) -> TypeSpec:
    """The spec for an object of ``type_name`` declared as ``extension_type`` (new-sdo/new-sco/new-sro)."""
    base = EXTENSION_SPECS[extension_type]
    common = common_sco(type_name) if base.kind == "sco" else common_sdo(type_name)
    return TypeSpec(type_name, base.kind, common, base.required, order=base.order)
