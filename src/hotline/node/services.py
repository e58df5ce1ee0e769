"""Setting a node up: database, roles, default collections and their grants."""

from django.core.management import call_command

from hotline.access import roles
from hotline.access import services as access
from hotline.audit import retention
from hotline.intel import services as intel
from hotline.node import translations
from hotline.stix import TLP_MARKINGS

DEFAULT_COLLECTIONS = {
    "intel": {
        "title": "Intelligence",
        "description": "The node's shared STIX intelligence",
        "read": [roles.SUPERVISOR, roles.OFFICER, roles.ANALYST],
        "write": [roles.SUPERVISOR, roles.OFFICER, roles.ANALYST],
    },
    "public": {
        "title": "Published (TLP:CLEAR)",
        "description": "Intelligence cleared for anyone",
        "read": list(roles.ROLES),
        "write": [roles.ANALYST],
    },
}


def initialise(*, verbosity: int = 0) -> None:
    translations.compile_all()
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=verbosity)
    create_defaults()


def create_defaults() -> None:
    """Roles, the default collections and their grants, the TLP marking definitions. Idempotent."""
    access.ensure_roles()
    retention.ensure_default_rules()
    for alias, spec in DEFAULT_COLLECTIONS.items():
        collection = intel.create_collection(alias, spec["title"], spec["description"])
        for role in roles.ROLES:
            if role in spec["read"] or role in spec["write"]:
                access.grant(collection, role=role, read=role in spec["read"], write=role in spec["write"])
    # The TLP 2.0 marking definitions every marked object refers to.
    intel.add_objects(intel.create_collection("public", "", ""), list(TLP_MARKINGS.values()))
