"""The access policy: the one place that answers "may this user see / do this" and "may this object go to
this partner". The web pages, the TAXII API, desk search and counts, exports, the command line,
notifications and federation all ask it; docs/security.md describes the rules in words.

What decides whether a user sees a stored object (every rule must allow it):
  1. the collection: a grant to read it (per role or per user; `collection_rights`);
  2. compartments: an object assigned to a compartment exists only for its members (`hidden_stix_ids`);
  3. TLP 2.0: the object's level must be within the user's clearance (the highest level among their roles,
     `roles.CLEARANCE`; a user without a role is a partner's account: GREEN); TLP:RED is never a clearance:
     only named recipients see it; and a partner's account sees, in its own outbound collection, what the
     sharing rules placed there for its agency.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from hotline.access import roles, scopes
from hotline.access.models import CollectionGrant, CompartmentObject, NamedRecipient, ShareConsent
from hotline.intel.models import Collection, CollectionEntry
from hotline.intel.queries import with_ids
from hotline.stix import signatures
from hotline.stix.markings import TLP_LEVELS, tlp_level

User = AbstractBaseUser | AnonymousUser
_RANK = {level: rank for rank, level in enumerate(TLP_LEVELS)}
RED = "red"


def _grants(user: User, collection: Collection | None = None) -> QuerySet:
    grants = CollectionGrant.objects.filter(Q(user_id=user.pk) | Q(group__in=user.groups.all()))
    return grants.filter(collection=collection) if collection is not None else grants


def _is_active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# --- roles and rights ---------------------------------------------------------------------------------------


def role_names(user: User) -> frozenset[str]:
    """The user's roles (node admins, i.e. superusers, have the admin role whatever their groups)."""
    if not _is_active(user):
        return frozenset()
    cached = user.__dict__.get("_hotline_roles")  # one query per user object (a request, a command)
    if cached is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        cached = user.__dict__["_hotline_roles"] = names | {roles.ADMIN} if user.is_superuser else names
    return cached


def rights(user: User) -> frozenset[str]:
    """Every right the user's roles give (roles.ROLE_RIGHTS)."""
    found: set[str] = set()
    for name in role_names(user):
        found |= roles.ROLE_RIGHTS.get(name, frozenset())
    return frozenset(found)


def has_right(user: User, right: str) -> bool:
    if right not in roles.RIGHTS:
        raise KeyError(f"unknown right {right!r}")
    return right in rights(user)


def clearance(user: User) -> str | None:
    """The most restrictive TLP level the user reads (never RED); None for an inactive user."""
    if not _is_active(user):
        return None
    levels = [roles.CLEARANCE[name] for name in role_names(user) if name in roles.CLEARANCE]
    if not levels:
        return roles.PARTNER_CLEARANCE
    return max(levels, key=_RANK.__getitem__)


def readable_levels(user: User) -> list[str]:
    """The TLP levels the user reads without being named ("" = unmarked: the collection grant decides)."""
    top = clearance(user)
    if top is None:
        return []
    return ["", *(level for level in TLP_LEVELS if level != RED and _RANK[level] <= _RANK[top])]


# --- collections --------------------------------------------------------------------------------------------


def collection_rights(user: User, collection: Collection) -> tuple[bool, bool]:
    """(may read, may write) a collection: one query, remembered on the user object for this request.
    An API token's scope narrows the user's rights (access/scopes.py)."""
    scope = scopes.of_user(user)
    rights = _user_collection_rights(user, collection)
    return scope.narrow(collection.pk, rights) if scope else rights


def _user_collection_rights(user: User, collection: Collection) -> tuple[bool, bool]:
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
    found = _user_visible_collections(user)
    if scopes.of_user(user) is None:
        return found
    return found.filter(pk__in=[c.pk for c in found if can_see_collection(user, c)])


def _user_visible_collections(user: User) -> QuerySet:
    if not _is_active(user):
        return Collection.objects.none()
    if user.is_superuser:
        return Collection.objects.all()
    granted = _grants(user).filter(Q(can_read=True) | Q(can_write=True)).values("collection_id")
    return Collection.objects.filter(pk__in=granted)


def readable_collections(user: User) -> QuerySet:
    if not _is_active(user):
        return Collection.objects.none()
    if user.is_superuser:
        return Collection.objects.all()
    return Collection.objects.filter(pk__in=_grants(user).filter(can_read=True).values("collection_id"))


def can_view_status(user: User, owner_id: int | None) -> bool:
    """A TAXII status belongs to the user who posted the objects (and the node admins)."""
    return _is_active(user) and (user.is_superuser or user.pk == owner_id)


# --- objects: compartments, TLP, named recipients ---------------------------------------------------------


def hidden_stix_ids(user: User) -> QuerySet:
    """The ids of objects in a compartment the user is not a member of (a subquery: no query of its own)."""
    return CompartmentObject.objects.exclude(compartment__members__id=user.pk or 0).values("stix_id")


def in_hidden_compartment(user: User, stix_id: str) -> bool:
    return (
        CompartmentObject.objects.filter(stix_id=stix_id)
        .exclude(compartment__members__id=user.pk or 0)
        .exists()
    )


def without_hidden(user: User, stix_ids) -> list[str]:
    """These ids without those of objects in a compartment the user is not a member of (order kept)."""
    stix_ids = list(stix_ids)
    gone = set(hidden_stix_ids(user).filter(stix_id__in=stix_ids).values_list("stix_id", flat=True))
    return [i for i in stix_ids if i not in gone]


def countable_messages(user: User, messages: QuerySet) -> QuerySet:
    """Desk messages that may be counted in figures shown to the user (service levels): all but those in a
    compartment the user is not a member of (a compartment's messages do not exist outside it)."""
    return messages.exclude(stix_id__in=hidden_stix_ids(user))


def compartments_of(stix_id: str) -> list[str]:
    return list(CompartmentObject.objects.filter(stix_id=stix_id).values_list("compartment__name", flat=True))


def _named_ids(user: User) -> QuerySet:
    return NamedRecipient.objects.filter(user_id=user.pk).values("stix_id")


def _own_outbound_ids(user: User) -> list:
    """The outbound collections of the partner agencies whose node account `user` is."""
    cache = user.__dict__.setdefault("_hotline_own_outbound", None)
    if cache is None:
        cache = list(Collection.objects.filter(partner__account_id=user.pk).values_list("pk", flat=True))
        user.__dict__["_hotline_own_outbound"] = cache
    return cache


def is_own_outbound(user: User, collection: Collection) -> bool:
    """Is `collection` the outbound collection of the partner agency whose node account `user` is?"""
    return collection.pk in _own_outbound_ids(user)


def leaving_entries(entries: QuerySet) -> QuerySet:
    """Entries of a partner's outbound collection that may leave this node: not those of objects put in a
    compartment after they were shared (a compartment's objects do not exist outside it)."""
    return entries.exclude(stix_id__in=CompartmentObject.objects.values("stix_id"))


def visible_entries(user: User, entries: QuerySet, *, named: bool = False) -> QuerySet:
    """`entries` (collection entries, already limited to collections the user may read) narrowed to what
    the user may see: compartments, then TLP. `named`: the caller has established that the user is a named
    recipient of what these entries belong to (a TLP:RED desk message they are named on)."""
    if not _is_active(user):
        return entries.none()
    entries = entries.exclude(stix_id__in=hidden_stix_ids(user))
    rule = Q(obj__tlp__in=readable_levels(user))
    rule |= Q(obj__tlp=RED) if named else Q(obj__tlp=RED, stix_id__in=_named_ids(user))
    own = _own_outbound_ids(user)
    if own:
        rule |= Q(collection_id__in=own)  # placed there for this partner by the sharing rules
    return entries.filter(rule)


def can_see_object(
    user: User, obj: dict, *, collection: Collection | None = None, named: bool = False
) -> bool:
    """May the user see this object (held in `collection`, if given, which they may read)?"""
    if not _is_active(user) or not isinstance(obj, dict):
        return False
    if collection is not None and not can_read_collection(user, collection):
        return False
    if in_hidden_compartment(user, obj.get("id", "")):
        return False
    if collection is not None and is_own_outbound(user, collection):
        return True
    level = tlp_level(obj) or ""
    if level == RED:
        return named or NamedRecipient.objects.filter(user_id=user.pk, stix_id=obj.get("id")).exists()
    return level in readable_levels(user)


def can_see_object_ids(user: User, stix_ids, *, named: bool = False) -> set[str]:
    """Which of these STIX objects the user may read (held in a collection they may read, and visible)."""
    if not _is_active(user):
        return set()
    entries = with_ids(CollectionEntry.objects.all(), stix_ids)
    if not user.is_superuser:
        entries = entries.filter(collection_id__in=readable_collections(user).values("pk"))
    return set(visible_entries(user, entries, named=named).values_list("stix_id", flat=True).distinct())


def readable_entries(user: User, collection: Collection | None = None) -> QuerySet:
    """Every entry the user may see, of one collection or of all they may read (for exports and pickers)."""
    entries = CollectionEntry.objects.all()
    if collection is not None:
        if not can_read_collection(user, collection):
            return entries.none()
        entries = entries.filter(collection=collection)
    elif not user.is_superuser:
        entries = entries.filter(collection_id__in=readable_collections(user).values("pk"))
    return visible_entries(user, entries)


# --- the hotline desk --------------------------------------------------------------------------------------
#
#   desk.read: read what the desk holds (inbox, outbox, threads, search, reports); desk.act: send,
#   acknowledge, reply, close (roles.ROLE_RIGHTS says which roles have them);
#   a message is shown within the reader's clearance; TLP:RED only to its named recipients: its author, the
#   officer it is assigned to, and the users named on it (a supervisor becomes one when a deadline of the
#   message escalates to them); a message in a compartment only to the compartment's members;
#   the roster is managed by supervisors and admins; an officer may write the handover note of an own shift.

DESK_ROLES = roles.roles_with(roles.DESK_ACT)
DESK_READ_ROLES = roles.roles_with(roles.DESK_READ)
ROSTER_ROLES = roles.roles_with(roles.ROSTER_MANAGE)


def can_use_desk(user: User) -> bool:
    """May send, acknowledge, reply to and close messages."""
    return has_right(user, roles.DESK_ACT)


def can_read_desk(user: User) -> bool:
    """May read the desk's messages (within clearance, TLP:RED and compartments) and reports."""
    return has_right(user, roles.DESK_READ)


def _named_on(user: User, message) -> bool:
    return (
        user.pk in (message.created_by_id, message.assigned_to_id)
        or message.recipients.filter(pk=user.pk).exists()
    )


def can_see_message(user: User, message) -> bool:
    if not can_read_desk(user) or in_hidden_compartment(user, message.stix_id):
        return False
    if message.tlp == RED:
        return _named_on(user, message)
    return message.tlp in readable_levels(user)


def can_act_on_message(user: User, message) -> bool:
    return can_use_desk(user) and can_see_message(user, message)


def visible_messages(user: User, messages: QuerySet) -> QuerySet:
    """`messages` (a queryset of desk messages) narrowed to those the user may see, as one query."""
    if not can_read_desk(user):
        return messages.none()
    messages = messages.exclude(stix_id__in=hidden_stix_ids(user))
    named = messages.model.recipients.through.objects.filter(user_id=user.pk).values("message_id")
    return messages.filter(
        Q(tlp__in=readable_levels(user))
        | (Q(tlp=RED) & (Q(created_by_id=user.pk) | Q(assigned_to_id=user.pk) | Q(pk__in=named)))
    )


def can_manage_roster(user: User) -> bool:
    return has_right(user, roles.ROSTER_MANAGE)


def can_be_on_duty(user: User) -> bool:
    return has_right(user, roles.DESK_DUTY)


# --- other actions ------------------------------------------------------------------------------------------


def can_export(user: User) -> bool:
    return has_right(user, roles.INTEL_EXPORT)


def can_manage_compartments(user: User) -> bool:
    return has_right(user, roles.COMPARTMENTS_MANAGE)


def can_record_consent(user: User) -> bool:
    return has_right(user, roles.CONSENT_RECORD)


def can_read_audit(user: User) -> bool:
    return has_right(user, roles.AUDIT_READ)


# --- handling codes (H0-H3, as Europol's SIENA) -------------------------------------------------------------
#
#   H0 law-enforcement use only; H1 not for judicial proceedings without the originator's permission: neither
#   restricts passing on within the rules above. H2 (no further dissemination without the originator's
#   permission) and H3 (other restrictions, stated in words, which a machine cannot judge) forbid exporting
#   another agency's object and passing it to a third party, unless the originator's consent is recorded.
#   An object carries its code as the `handling_code` property (hotline-message) or in a property
#   extension with a `handling_code`.

HANDLING_CODES = ("H0", "H1", "H2", "H3")
RESTRICTING_CODES = {
    "H2": "no further dissemination without the originator's permission",
    "H3": "restrictions stated by the originator",
}


def handling_code(obj: dict) -> str:
    code = obj.get("handling_code") if isinstance(obj, dict) else None
    if code in HANDLING_CODES:
        return code
    extensions = obj.get("extensions") if isinstance(obj, dict) else None
    if isinstance(extensions, dict):
        for extension in extensions.values():
            if isinstance(extension, dict) and extension.get("handling_code") in HANDLING_CODES:
                return extension["handling_code"]
    return ""


def export_refusal(user: User, obj: dict, *, home_identity: str = "") -> str | None:
    """Why this object may not be exported by `user` (who may see it), or None if it may."""
    if not can_export(user):
        return f"{getattr(user, 'username', user)} may not export"
    code = handling_code(obj)
    origin = obj.get("created_by_ref", "")
    if code in RESTRICTING_CODES and origin != home_identity:
        return (
            f"{obj.get('id')} carries handling code {code} ({RESTRICTING_CODES[code]}) from "
            f"{origin or 'another agency'}: it may not be exported"
        )
    return None


# --- sharing with partner agencies --------------------------------------------------------------------------
#
# What may be placed in a partner's outbound collection (federation.services.place asks, for every object):
#   nothing in a compartment (it does not exist outside its case team);
#   an object addressed to someone (addressee_ref) goes only to that partner;
#   a receipt or acknowledgement goes only to the partner whose message it confirms;
#   TLP:RED goes only to a named recipient: the addressee of the object itself, or of a message it is shared
#   with and attached to;
#   an object that came from another partner (created by it, or received in its inbound collection) is passed
#   to a third party only as its marking allows: TLP:CLEAR and TLP:GREEN are the originator's permission to
#   share within the community (all partners of this node); TLP:AMBER and unmarked objects need the
#   originator's recorded consent (ShareConsent); TLP:AMBER+STRICT and TLP:RED never go to a third party;
#   handling codes H2 and H3 need the recorded consent whatever the TLP.
# The standard objects every node holds (TLP marking definitions, the project's identity and extension
# definitions) may always be shared.

CONFIRMATION_TYPES = frozenset({"hotline-receipt", "hotline-acknowledgement"})
MESSAGE_TYPE = "hotline-message"
COMMUNITY_LEVELS = frozenset({"clear", "green"})
NEVER_RESHARED = frozenset({"amber+strict", RED})


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


def _originator(obj: dict, partner, home_identity: str):
    """(the other partner an object came from, the inbound collections it was received in) or (None, [])."""
    from hotline.intel import queries

    others = partner.__class__.objects.exclude(pk=partner.pk)
    origin = obj.get("created_by_ref")
    if origin == home_identity:
        return None, []
    inbound = queries.collections_holding(obj.get("id", ""), others.values("inbound_id"))
    if origin:
        other = others.filter(identity_id=origin).first()
        if other is not None:
            return other, inbound
    if inbound:
        return others.filter(inbound_id=inbound[0].pk).first(), inbound
    return None, []


def consent_for(
    obj: dict, origin_identity: str, recipient_identity: str, collections=()
) -> ShareConsent | None:
    """The recorded, not withdrawn, consent of `origin_identity` for this object (or a collection that
    holds it) to go to `recipient_identity`."""
    found = ShareConsent.objects.filter(
        origin_identity=origin_identity, recipient_identity=recipient_identity, withdrawn_at__isnull=True
    )
    return found.filter(Q(stix_id=obj.get("id", "")) | Q(collection__in=list(collections))).first()


def share_refusal(obj: dict, partner, *, along=(), home_identity: str = "") -> str | None:
    """Why `obj` may not be placed in `partner`'s outbound collection, or None if it may. `along`: the other
    objects shared in the same step (a message and what is attached to it). `partner` is a federation
    Partner (duck-typed: name, identity_id, inbound_id, and its model's manager for the other partners)."""
    stix_id = obj.get("id", "")
    if stix_id in _standard_ids():
        return None
    compartments = compartments_of(stix_id)
    if compartments:
        return f"{stix_id} is in compartment {', '.join(compartments)}; it does not leave this node"
    addressee = obj.get("addressee_ref")
    if addressee and addressee != partner.identity_id:
        return f"{stix_id} is addressed to {addressee}, not to {partner.name}"
    if obj.get("type") in CONFIRMATION_TYPES:
        author = _confirmed_message_author(obj)
        if author != partner.identity_id:
            return f"{stix_id} confirms a message that {partner.name} did not send"
    level = tlp_level(obj) or ""
    if level == RED and not _named_recipient(obj, partner, along):
        return f"{stix_id} is TLP:RED and {partner.name} is not a named recipient of it"
    other, inbound = _originator(obj, partner, home_identity)
    if other is None:
        return None
    came = (
        f"{stix_id} came from {other.name}"
        if obj.get("created_by_ref") == other.identity_id
        else (f"{stix_id} was received in {inbound[0].alias}")
    )
    if level in NEVER_RESHARED:
        return f"{came}; it is TLP:{level.upper()} and is never passed to another partner ({partner.name})"
    code = handling_code(obj)
    if level in COMMUNITY_LEVELS and code not in RESTRICTING_CODES:
        return None  # the originator marked it for the community
    if consent_for(obj, other.identity_id, partner.identity_id, inbound) is not None:
        return None
    why = f"handling code {code}, " if code in RESTRICTING_CODES else ""
    return f"{came}; {why}it is not passed to {partner.name} without the originator's consent"


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


# --- receiving from partner agencies -----------------------------------------------------------------------
# Which inbound object is quarantined (held for the node admin, never stored as trusted), and why: one whose
# detached Ed25519 signature over its canonical JSON is missing, made with a key the partner has not given
# us, or wrong. Federation calls this for every object a partner pushes or we pull; the admin's release of a
# quarantined object is an explicit override of this rule, recorded with who decided.


def quarantine_reason(obj: dict, partner_keys, *, message: bytes | None = None) -> str | None:
    """Why an object received from a partner must be quarantined, or None if it may be stored as trusted.
    `partner_keys`: the partner's public verification keys by key id; `message`: the canonical JSON of the
    object without its signature, if the caller already computed it."""
    check = signatures.verify(obj, partner_keys, message=message)
    return None if check.valid else check.reason


# --- the audit trail and data retention ---------------------------------------------------------------------
#
# Auditors (and only they) read the audit trail and export it; officers, supervisors and node admins renew
# objects that a retention rule would otherwise purge.

AUDIT_ROLES = frozenset({roles.AUDITOR})
RETENTION_ROLES = frozenset({roles.OFFICER, roles.SUPERVISOR, roles.ADMIN})


def can_read_audit_trail(user: User) -> bool:
    return bool(role_names(user) & AUDIT_ROLES)


def can_renew_retention(user: User) -> bool:
    return bool(role_names(user) & RETENTION_ROLES)


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


def visible_bank_entries(user: User, entries: QuerySet) -> QuerySet:
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


# --- the JWG programme (issue 8) ---------------------------------------------------------------------------
#
#   programme.read (officers, supervisors, analysts, the secretariat, admins) reads meetings, points,
#   activities, requests and the report; programme.edit (the secretariat, admins) changes them. A point
#   internal to one side is seen only at that side's node; a partner node's account (no role) sees nothing.


def can_read_programme(user: User) -> bool:
    return _is_active(user) and has_right(user, roles.PROGRAMME_READ)


def can_edit_programme(user: User) -> bool:
    return _is_active(user) and has_right(user, roles.PROGRAMME_EDIT)


def visible_points(user: User, points: QuerySet, home_side: str) -> QuerySet:
    """The agreed points the user may see at a node of `home_side`: none without programme.read; of the
    points internal to one side, only those of this node's side."""
    if not can_read_programme(user):
        return points.none()
    return points.filter(Q(internal_to="") | Q(internal_to=home_side))


# --- the Peace Media Center's ambassadors and campaigns (issue 7) -----------------------------------------
#
#   campaigns.read (coordinators, reviewers, admins) reads the registry, bootcamps, campaigns, the library and
#   reach; campaigns.manage (coordinators, admins) changes them and assigns briefs; campaigns.review
#   (coordinators, reviewers, admins) decides on drafts; campaigns.contribute (ambassadors) sees only the
#   ambassador's own assignments, their briefs and campaigns, and their results. Nobody else sees any of it.


def can_read_campaigns(user: User) -> bool:
    return _is_active(user) and has_right(user, roles.CAMPAIGNS_READ)


def can_manage_campaigns(user: User) -> bool:
    return _is_active(user) and has_right(user, roles.CAMPAIGNS_MANAGE)


def can_review_drafts(user: User) -> bool:
    return _is_active(user) and has_right(user, roles.CAMPAIGNS_REVIEW)


def can_contribute(user: User) -> bool:
    """An ambassador with a registry record linked to their account."""
    return (
        _is_active(user)
        and has_right(user, roles.CAMPAIGNS_CONTRIBUTE)
        and getattr(user, "ambassador", None) is not None
    )


def can_use_campaigns(user: User) -> bool:
    """Any way in to the campaigns' pages: reading them, or contributing as an ambassador."""
    return can_read_campaigns(user) or can_contribute(user)


def can_read_library(user: User) -> bool:
    """The library of approved counter-narratives is there to be reused: readers and ambassadors."""
    return can_use_campaigns(user)


def visible_assignments(user: User, assignments: QuerySet) -> QuerySet:
    """All assignments for campaigns.read; an ambassador's own only; none for anyone else."""
    if can_read_campaigns(user):
        return assignments
    if can_contribute(user):
        return assignments.filter(ambassador=user.ambassador)
    return assignments.none()


def visible_campaigns(user: User, campaigns: QuerySet) -> QuerySet:
    """All campaigns for campaigns.read; for an ambassador, those with a brief assigned to them."""
    if can_read_campaigns(user):
        return campaigns
    if can_contribute(user):
        return campaigns.filter(briefs__assignments__ambassador=user.ambassador).distinct()
    return campaigns.none()


def is_assignee(user: User, assignment) -> bool:
    """The ambassador an assignment is for: who submits its drafts and records its publication."""
    return can_contribute(user) and assignment.ambassador_id == user.ambassador.pk
