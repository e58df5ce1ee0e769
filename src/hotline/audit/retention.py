"""Data retention: rules per object type and marking, the purge that carries them out (through intel), and
renewal by an officer. What is purged is recorded in the audit trail by id and type, never its content.

An object expires `keep_days` after the newer of its newest stored version and its last renewal. When
several rules match an object, the most specific one applies (most criteria set), then the longest.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hotline import stix
from hotline.access import policy
from hotline.audit.models import Renewal, RetentionRule
from hotline.audit.services import record
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import StixObject

PURGE_ACTOR = "retention"
RECORD_BATCH = 500

# Created by `hotline init` (and editable in the Django admin): personal data about individuals.
DEFAULT_RULES = [
    {
        "name": "individuals",
        "object_type": "identity",
        "identity_class": "individual",
        "keep_days": 365,
        "description": "Identities of individual people (personal data)",
    },
    {
        "name": "email-addresses",
        "object_type": "email-addr",
        "keep_days": 365,
        "description": "E-mail addresses (personal data)",
    },
    {
        "name": "user-accounts",
        "object_type": "user-account",
        "keep_days": 365,
        "description": "Online accounts (personal data)",
    },
]


class RetentionError(ValueError):
    """A renewal the node refuses, with a message for the officer."""


def ensure_default_rules() -> None:
    for spec in DEFAULT_RULES:
        RetentionRule.objects.get_or_create(name=spec["name"], defaults=spec)


def _matches(rule: RetentionRule, obj: dict) -> bool:
    if obj.get("type") != rule.object_type:
        return False
    if rule.tlp:
        level = stix.tlp_level(obj) or "none"
        if level != rule.tlp:
            return False
    return not rule.identity_class or obj.get("identity_class") == rule.identity_class


def rule_for(obj: dict, rules) -> RetentionRule | None:
    """The rule that applies to `obj`: the most specific matching one, then the longest kept."""
    matching = [r for r in rules if _matches(r, obj)]
    if not matching:
        return None
    return max(matching, key=lambda r: (bool(r.tlp) + bool(r.identity_class), r.keep_days, -r.pk))


@dataclass(frozen=True)
class Expiry:
    stix_id: str
    type: str
    rule: str
    expires_at: datetime

    def as_dict(self) -> dict:
        return {"id": self.stix_id, "type": self.type, "rule": self.rule,
                "expires_at": stix.format_timestamp(self.expires_at)}  # fmt: skip


def _scan(horizon: datetime) -> list[Expiry]:
    """Every object whose retention ends at or before `horizon`."""
    rules = list(RetentionRule.objects.filter(enabled=True))
    by_type: dict[str, list[RetentionRule]] = {}
    for rule in rules:
        by_type.setdefault(rule.object_type, []).append(rule)
    found = []
    for object_type, type_rules in by_type.items():
        # Only objects unchanged for the shortest period of their type's rules can have expired.
        cutoff = horizon - timedelta(days=min(r.keep_days for r in type_rules))
        candidates = dict(
            StixObject.objects.filter(type=object_type)
            .values("stix_id")
            .annotate(last=Max("stored_at"))
            .filter(last__lte=cutoff)
            .values_list("stix_id", "last")
        )
        ids = list(candidates)
        for start in range(0, len(ids), 1000):
            chunk = ids[start : start + 1000]
            renewed = dict(Renewal.objects.filter(stix_id__in=chunk).values_list("stix_id", "renewed_at"))
            for stix_id, obj in queries.latest_objects(chunk).items():
                rule = rule_for(obj, type_rules)
                if rule is None:
                    continue
                start_at = max(candidates[stix_id], renewed.get(stix_id, candidates[stix_id]))
                expires_at = start_at + timedelta(days=rule.keep_days)
                if expires_at <= horizon:
                    found.append(Expiry(stix_id, object_type, rule.name, expires_at))
    return sorted(found, key=lambda e: (e.expires_at, e.stix_id))


def expiring(*, within_days: int = 30, now: datetime | None = None) -> list[Expiry]:
    """What the purge will remove within `within_days` (already expired ones first)."""
    return _scan((now or timezone.now()) + timedelta(days=within_days))


def purge(*, now: datetime | None = None) -> list[Expiry]:
    """Remove every expired object (all versions, from every collection) and record their ids and types."""
    now = now or timezone.now()
    due = _scan(now)
    if not due:
        return []
    with transaction.atomic():
        removed = {stix_id for stix_id, _ in intel.purge_objects([e.stix_id for e in due])}
        purged = [e for e in due if e.stix_id in removed]
        Renewal.objects.filter(stix_id__in=[e.stix_id for e in purged]).delete()
        for start in range(0, len(purged), RECORD_BATCH):
            batch = purged[start : start + RECORD_BATCH]
            record(
                "retention.purge", actor=PURGE_ACTOR, target=f"{len(batch)} objects", at=now,
                detail={"objects": [{"id": e.stix_id, "type": e.type, "rule": e.rule} for e in batch]},
            )  # fmt: skip
    return purged


def renew(user, stix_id: str, *, note: str = "", now: datetime | None = None) -> Renewal:
    """An officer keeps an object: its retention period starts again now. Recorded in the audit trail."""
    now = now or timezone.now()
    if not policy.can_renew_retention(user):
        raise RetentionError("only officers, supervisors and node admins may renew objects")
    if stix_id not in policy.can_see_object_ids(user, [stix_id]):
        raise RetentionError(f"no object {stix_id!r} that you may read")
    obj = queries.latest_objects([stix_id]).get(stix_id)
    rule = rule_for(obj, RetentionRule.objects.filter(enabled=True)) if obj else None
    if rule is None:
        raise RetentionError(f"no retention rule applies to {stix_id}: it is kept anyway")
    with transaction.atomic():
        renewal, _ = Renewal.objects.update_or_create(
            stix_id=stix_id, defaults={"renewed_at": now, "renewed_by": user.get_username(), "note": note}
        )
        renewal.kept_until = now + timedelta(days=rule.keep_days)
        kept_until = stix.format_timestamp(renewal.kept_until)
        detail = {"type": obj["type"], "rule": rule.name, "kept_until": kept_until, "note": note}
        record("retention.renew", actor=user, target=stix_id, at=now, detail=detail)
    return renewal
