"""The access policy: the one place that answers "may this user see / do this". All entry points ask it."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from hotline.access import roles
from hotline.access.models import CollectionGrant
from hotline.intel.models import Collection, CollectionEntry

User = AbstractBaseUser | AnonymousUser


def _grants(user: User, collection: Collection | None = None) -> QuerySet:
    grants = CollectionGrant.objects.filter(Q(user_id=user.pk) | Q(group__in=user.groups.all()))
    return grants.filter(collection=collection) if collection is not None else grants


def _is_active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def collection_rights(user: User, collection: Collection) -> tuple[bool, bool]:
    """(may read, may write) a collection: one query, remembered on the user object for this request."""
    if not _is_active(user):
        return False, False
    if user.is_superuser:
        return True, True
    cache = user.__dict__.setdefault("_hotline_collection_rights", {})
    if collection.pk not in cache:
        rows = list(_grants(user, collection).values_list("can_read", "can_write"))
        cache[collection.pk] = (any(r for r, _ in rows), any(w for _, w in rows))
    return cache[collection.pk]


def can_read_collection(user: User, collection: Collection) -> bool:
    return collection_rights(user, collection)[0]


def can_write_collection(user: User, collection: Collection) -> bool:
    return collection_rights(user, collection)[1]


def can_see_collection(user: User, collection: Collection) -> bool:
    """A collection exists for a user who may read or write it; for anyone else it does not (404, not 403)."""
    return any(collection_rights(user, collection))


def visible_collections(user: User) -> QuerySet:
    if not _is_active(user):
        return Collection.objects.none()
    if user.is_superuser:
        return Collection.objects.all()
    granted = _grants(user).filter(Q(can_read=True) | Q(can_write=True)).values("collection_id")
    return Collection.objects.filter(pk__in=granted)


def can_view_status(user: User, owner_id: int | None) -> bool:
    """A TAXII status belongs to the user who posted the objects (and the node admins)."""
    return _is_active(user) and (user.is_superuser or user.pk == owner_id)


# --- the hotline desk --------------------------------------------------------------------------------------
#
# Who may use the desk (issue 3; issue 5 extends these rules):
#   officers, supervisors and node admins use it: read, send, acknowledge, reply, close;
#   analysts may read what the desk holds (inbox, outbox, threads, search, reports) but not act;
#   anyone else (a partner node's account, an ambassador, an auditor) sees nothing of it;
#   a TLP:RED message is shown only to its named recipients here: its author, the officer it is assigned to,
#   and the users named on it (a supervisor becomes one when a deadline of the message escalates to them);
#   the roster is managed by supervisors and admins; an officer may write the handover note of an own shift.

DESK_ROLES = frozenset({roles.OFFICER, roles.SUPERVISOR, roles.ADMIN})
DESK_READ_ROLES = DESK_ROLES | {roles.ANALYST}
ROSTER_ROLES = frozenset({roles.SUPERVISOR, roles.ADMIN})


def role_names(user: User) -> frozenset[str]:
    """The user's roles (node admins, i.e. superusers, have the admin role whatever their groups)."""
    if not _is_active(user):
        return frozenset()
    names = frozenset(user.groups.values_list("name", flat=True))
    return names | {roles.ADMIN} if user.is_superuser else names


def can_use_desk(user: User) -> bool:
    """May send, acknowledge, reply to and close messages."""
    return bool(role_names(user) & DESK_ROLES)


def can_read_desk(user: User) -> bool:
    """May read the desk's messages (subject to TLP:RED) and reports."""
    return bool(role_names(user) & DESK_READ_ROLES)


def _named_on(user: User, message) -> bool:
    return (
        user.pk in (message.created_by_id, message.assigned_to_id)
        or message.recipients.filter(pk=user.pk).exists()
    )


def can_see_message(user: User, message) -> bool:
    if not can_read_desk(user):
        return False
    return message.tlp != "red" or _named_on(user, message)


def can_act_on_message(user: User, message) -> bool:
    return can_use_desk(user) and can_see_message(user, message)


def visible_messages(user: User, messages: QuerySet) -> QuerySet:
    """`messages` (a queryset of desk messages) narrowed to those the user may see, as one query."""
    if not can_read_desk(user):
        return messages.none()
    named = messages.model.recipients.through.objects.filter(user_id=user.pk).values("message_id")
    return messages.filter(
        ~Q(tlp="red") | Q(created_by_id=user.pk) | Q(assigned_to_id=user.pk) | Q(pk__in=named)
    )


def can_manage_roster(user: User) -> bool:
    return bool(role_names(user) & ROSTER_ROLES)


def can_be_on_duty(user: User) -> bool:
    return bool(role_names(user) & {roles.OFFICER, roles.SUPERVISOR})


def can_see_object_ids(user: User, stix_ids) -> set[str]:
    """Which of these STIX objects the user may read (held in a collection they may read)."""
    if not _is_active(user):
        return set()
    entries = CollectionEntry.objects.filter(stix_id__in=list(stix_ids))
    if not user.is_superuser:
        readable = _grants(user).filter(can_read=True).values("collection_id")
        entries = entries.filter(collection_id__in=readable)
    return set(entries.values_list("stix_id", flat=True).distinct())


# --- sharing with partner agencies --------------------------------------------------------------------------
#
# What may be placed in a partner's outbound collection (federation.services.share asks, for every object):
#   an object addressed to someone (addressee_ref) goes only to that partner;
#   a receipt or acknowledgement goes only to the partner whose message it confirms;
#   TLP:RED goes only to a named recipient: the addressee of the object itself, or of a message it is shared
#   with and attached to;
#   an object that came from another partner (created by it, or received in its inbound collection) is never
#   passed to a third party: the originator has not consented (no consent mechanism exists yet, so: never).
# The standard objects every node holds (TLP marking definitions, the project's identity and extension
# definitions) may always be shared.

CONFIRMATION_TYPES = frozenset({"hotline-receipt", "hotline-acknowledgement"})
MESSAGE_TYPE = "hotline-message"


class SharingRefused(ValueError):
    """An object may not go to that partner; the message says which rule and why."""


def _standard_ids() -> frozenset[str]:
    from hotline import stix
    from hotline.stix.extensions import PROJECT_EXTENSIONS, PROJECT_IDENTITY

    return frozenset({PROJECT_IDENTITY["id"], *PROJECT_EXTENSIONS, *stix.TLP_MARKINGS})


def _confirmed_message_author(obj: dict) -> str | None:
    from hotline.intel import queries

    message = queries.latest_objects([obj.get("object_ref", "")]).get(obj.get("object_ref", ""))
    return message.get("created_by_ref") if message else None


def share_refusal(obj: dict, partner, *, along=(), home_identity: str = "") -> str | None:
    """Why `obj` may not be placed in `partner`'s outbound collection, or None if it may. `along`: the other
    objects shared in the same step (a message and what is attached to it). `partner` is a federation
    Partner (duck-typed: name, identity_id, and its model's manager for the other partners)."""
    stix_id = obj.get("id", "")
    if stix_id in _standard_ids():
        return None
    addressee = obj.get("addressee_ref")
    if addressee and addressee != partner.identity_id:
        return f"{stix_id} is addressed to {addressee}, not to {partner.name}"
    if obj.get("type") in CONFIRMATION_TYPES:
        author = _confirmed_message_author(obj)
        if author != partner.identity_id:
            return f"{stix_id} confirms a message that {partner.name} did not send"
    from hotline import stix

    if stix.tlp_level(obj) == "red" and not _named_recipient(obj, partner, along):
        return f"{stix_id} is TLP:RED and {partner.name} is not a named recipient of it"
    others = partner.__class__.objects.exclude(pk=partner.pk)
    origin = obj.get("created_by_ref")
    if origin and origin != home_identity:
        other = others.filter(identity_id=origin).first()
        if other is not None:
            return (
                f"{stix_id} came from {other.name}; it is not passed to {partner.name} without the "
                "originator's consent"
            )
    inbound_elsewhere = CollectionEntry.objects.filter(
        stix_id=stix_id, collection__inbound_partner__in=others
    ).values_list("collection__alias", flat=True)
    if origin != home_identity and inbound_elsewhere.exists():
        return (
            f"{stix_id} was received in {inbound_elsewhere.first()}; it is not passed to {partner.name} "
            "without the originator's consent"
        )
    return None


def _named_recipient(obj: dict, partner, along) -> bool:
    if obj.get("addressee_ref") == partner.identity_id:
        return True
    if obj.get("type") in CONFIRMATION_TYPES:
        return True  # checked above: it goes back to the author of the confirmed message
    for other in along:
        if (
            isinstance(other, dict)
            and other.get("type") == MESSAGE_TYPE
            and other.get("addressee_ref") == partner.identity_id
            and obj.get("id") in (*other.get("object_refs", ()), *other.get("attachment_refs", ()))
        ):
            return True
    return False


def can_share(obj: dict, partner, *, along=(), home_identity: str = "") -> bool:
    return share_refusal(obj, partner, along=along, home_identity=home_identity) is None


# --- the Peace Media Center (issue 6) ----------------------------------------------------------------------
#
#   coordinators (and node admins) manage banks: create, enable/disable, add and import entries, share a bank
#   with a partner; they also match and read everything below;
#   reviewers read banks and entries, match content, see an entry's original content (blurred until they
#   choose to see it) and give feedback on a partner's entry;
#   TLP:RED entries only to coordinators and admins;
#   everyone else (officers, analysts, ambassadors, a partner node's account) sees nothing of the banks.

PEACE_MANAGE_ROLES = frozenset({roles.COORDINATOR, roles.ADMIN})
PEACE_READ_ROLES = PEACE_MANAGE_ROLES | {roles.REVIEWER}


def can_manage_banks(user: User) -> bool:
    return bool(role_names(user) & PEACE_MANAGE_ROLES)


def can_read_banks(user: User) -> bool:
    return bool(role_names(user) & PEACE_READ_ROLES)


def can_match(user: User) -> bool:
    return can_read_banks(user)


def can_see_entry(user: User, entry) -> bool:
    if not can_read_banks(user):
        return False
    return entry.tlp != "red" or can_manage_banks(user)


def visible_entries(user: User, entries: QuerySet) -> QuerySet:
    if not can_read_banks(user):
        return entries.none()
    return entries if can_manage_banks(user) else entries.exclude(tlp="red")


def can_give_feedback(user: User, entry) -> bool:
    """On a partner's entry (our read-only copy), a reviewer or coordinator who may see it."""
    return entry.source_id is not None and can_see_entry(user, entry)


# The Peace Media Center's triage queue: coordinators, reviewers and ambassadors submit suspected propaganda;
# coordinators and reviewers (and admins) see the queues, the figures, and decide.

PEACE_SUBMIT_ROLES = PEACE_READ_ROLES | {roles.AMBASSADOR}


def can_submit_for_triage(user: User) -> bool:
    return bool(role_names(user) & PEACE_SUBMIT_ROLES)


def can_triage(user: User) -> bool:
    return can_read_banks(user)
