"""What the partner-links pages show and do, on top of federation: each partner's link status with its
quarantine count, the quarantined objects, and the admin's release or discard.

Who may do what (until the access policy has a rule of its own for it): the desk's readers (officers,
supervisors, analysts, admins) see the links and what is quarantined and why; only node admins see a
quarantined object's content and release or discard it.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from hotline.access import policy, roles
from hotline.federation import receive
from hotline.federation import services as federation
from hotline.federation.models import Partner, Quarantine


class NotAllowed(Exception):
    pass


class NotFound(Exception):
    pass


def can_view(user) -> bool:
    return policy.can_read_desk(user)


def can_manage(user) -> bool:
    return roles.ADMIN in policy.role_names(user)


@dataclass
class LinkRow:
    partner: Partner
    status: dict
    pending: int


def links(user) -> list[LinkRow]:
    if not can_view(user):
        raise NotAllowed
    partners = federation.list_partners().annotate(
        pending=Count("quarantined", filter=Q(quarantined__resolution=receive.PENDING))
    )
    return [LinkRow(p, federation.link_status(p), p.pending) for p in partners]


def quarantine(user, partner_name: str = "") -> tuple[Partner | None, list[Quarantine]]:
    if not can_view(user):
        raise NotAllowed
    partner = None
    if partner_name:
        partner = Partner.objects.filter(name=partner_name).first()
        if partner is None:
            raise NotFound
    return partner, list(receive.pending_quarantine(partner)[:200])


def decide(user, pk: int, action: str) -> Quarantine:
    """Release or discard a quarantined object (admins only). receive.QuarantineError says why not."""
    if not can_manage(user):
        raise NotAllowed
    entry = Quarantine.objects.select_related("partner").filter(pk=pk).first()
    if entry is None or action not in ("release", "discard"):
        raise NotFound
    if action == "release":
        receive.release(entry, user)
    else:
        receive.discard(entry, user)
    return entry
