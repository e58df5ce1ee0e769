"""The verbs of compartments (case teams), named recipients of TLP:RED objects, and re-sharing consent.
Each takes the acting user and checks their right first (the access policy); bad input raises AccessError
and changes nothing."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from hotline.access import policy
from hotline.access.models import Compartment, CompartmentObject, NamedRecipient, ShareConsent
from hotline.access.services import AccessError
from hotline.intel.models import Collection, StixObject


def _require(allowed: bool, user, what: str) -> None:
    if not allowed:
        raise AccessError(f"{user.get_username()} may not {what}")


def _user(username: str):
    found = get_user_model().objects.filter(username=username, is_active=True).first()
    if found is None:
        raise AccessError(f"no active user {username!r}")
    return found


def get_compartment(name: str) -> Compartment:
    found = Compartment.objects.filter(name=name).first()
    if found is None:
        raise AccessError(f"no compartment {name!r}")
    return found


def create_compartment(by, name: str, title: str = "") -> Compartment:
    _require(policy.can_manage_compartments(by), by, "manage compartments")
    if not name or slugify(name) != name:
        raise AccessError(f"a compartment name is a slug (letters, digits, hyphens): {name!r}")
    if Compartment.objects.filter(name=name).exists():
        raise AccessError(f"compartment {name!r} already exists")
    with transaction.atomic():
        compartment = Compartment.objects.create(name=name, title=title, created_by=by)
        compartment.members.add(by)  # whoever creates a case team is in it
    return compartment


def set_member(by, name: str, username: str, *, member: bool = True) -> Compartment:
    _require(policy.can_manage_compartments(by), by, "manage compartments")
    compartment, user = get_compartment(name), _user(username)
    (compartment.members.add if member else compartment.members.remove)(user)
    return compartment


def assign(by, name: str, stix_id: str, *, assigned: bool = True) -> CompartmentObject | None:
    """Put an object (every version of it; a desk message by its STIX id) in a compartment, or take it out."""
    _require(policy.can_manage_compartments(by), by, "manage compartments")
    compartment = get_compartment(name)
    if not assigned:
        CompartmentObject.objects.filter(compartment=compartment, stix_id=stix_id).delete()
        return None
    if not StixObject.objects.filter(stix_id=stix_id).exists():
        raise AccessError(f"no object {stix_id!r} on this node")
    row, _ = CompartmentObject.objects.get_or_create(
        compartment=compartment, stix_id=stix_id, defaults={"assigned_by": by}
    )
    return row


def list_compartments(by):
    _require(policy.can_manage_compartments(by), by, "manage compartments")
    return Compartment.objects.prefetch_related("members", "assignments")


def name_recipient(by, stix_id: str, username: str) -> NamedRecipient:
    """Name a user on a TLP:RED object (who names must be able to see it)."""
    obj = StixObject.objects.filter(stix_id=stix_id).order_by("-stored_at").first()
    if obj is None:
        raise AccessError(f"no object {stix_id!r} on this node")
    named_by_self = NamedRecipient.objects.filter(stix_id=stix_id, user_id=by.pk).exists()
    _require(named_by_self or policy.can_manage_compartments(by), by, f"name recipients of {stix_id}")
    row, _ = NamedRecipient.objects.get_or_create(
        stix_id=stix_id, user=_user(username), defaults={"named_by": by}
    )
    return row


# --- consent of an originator to re-share ------------------------------------------------------------------


def partner_identity(name: str) -> str:
    """A partner agency's STIX identity id by its name (read through its outbound collection, so this layer
    does not import the federation)."""
    found = (
        Collection.objects.filter(partner__name=name).values_list("partner__identity_id", flat=True).first()
    )
    if not found:
        raise AccessError(f"no partner {name!r}")
    return found


def record_consent(
    by, *, origin: str, recipient: str, stix_id: str = "", collection: str = "", reference: str = ""
) -> ShareConsent:
    """Record that partner `origin` consents to its object `stix_id` (or everything in `collection`) being
    passed on to partner `recipient`. `reference`: how the consent was given (a letter, a message id)."""
    _require(policy.can_record_consent(by), by, "record consent")
    if bool(stix_id) == bool(collection):
        raise AccessError("consent is for exactly one of an object (--object) or a collection (--collection)")
    if origin == recipient:
        raise AccessError("the originator and the recipient are the same partner")
    origin_id, recipient_id = partner_identity(origin), partner_identity(recipient)
    target = {"stix_id": stix_id}
    if collection:
        found = Collection.objects.filter(alias=collection).first()
        if found is None:
            raise AccessError(f"no collection {collection!r}")
        target = {"collection": found}
    elif not StixObject.objects.filter(stix_id=stix_id).exists():
        raise AccessError(f"no object {stix_id!r} on this node")
    if not reference.strip():
        raise AccessError("say how the consent was given (--reference)")
    return ShareConsent.objects.create(
        origin_identity=origin_id, recipient_identity=recipient_id, reference=reference.strip(),
        recorded_by=by, **target,
    )  # fmt: skip


def withdraw_consent(by, consent_id: int) -> ShareConsent:
    _require(policy.can_record_consent(by), by, "record consent")
    consent = ShareConsent.objects.filter(pk=consent_id, withdrawn_at__isnull=True).first()
    if consent is None:
        raise AccessError(f"no consent {consent_id} in force")
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    return consent


def list_consents(by):
    _require(policy.can_record_consent(by), by, "record consent")
    return ShareConsent.objects.select_related("collection", "recorded_by")
