"""Reads for pages, the CLI and the HMA API: banks with their counts, as the user may see them."""

from django.db.models import Count, Q

from hotline.access import policy
from hotline.peace.models import Bank


def visible_banks(user):
    if not policy.can_read_banks(user):
        return Bank.objects.none()
    entries = Q() if policy.can_manage_banks(user) else ~Q(entries__tlp="red")
    return Bank.objects.select_related("owner").annotate(entry_count=Count("entries", filter=entries))


def bank_rows(user) -> list[dict]:
    return [
        {
            "name": b.name,
            "description": b.description,
            "enabled": b.enabled,
            "tlp": b.tlp,
            "owner": b.owner.name if b.owner_id else None,
            "entries": b.entry_count,
            "shared_with": [p.name for p in b.shared_with.all()],
        }
        for b in visible_banks(user).prefetch_related("shared_with")
    ]
