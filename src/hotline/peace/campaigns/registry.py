"""The ambassador registry and the bootcamps: who the Cyber Peace Ambassadors are, where they came from.

Reading needs campaigns.read (coordinators, reviewers, admins); changing needs campaigns.manage. An
ambassador reads nothing of the registry (their own pages are the workflow's). Every change is audited.
Refused input raises PeaceError with a message for its author, and changes nothing.
"""

import re
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL

from hotline.access import policy, roles
from hotline.audit import services as audit
from hotline.peace.campaigns import csv_import, provinces
from hotline.peace.campaigns.models import LANGUAGES, SKILLS, Ambassador, Attendance, Bootcamp
from hotline.peace.errors import NotAllowed, PeaceError

ACTIVE_CHOICES = ("yes", "no")


def _require_read(user) -> None:
    if not policy.can_read_campaigns(user):
        raise NotAllowed("reading the ambassador registry needs the campaigns.read right")


def _require_manage(user) -> None:
    if not policy.can_manage_campaigns(user):
        raise NotAllowed("changing the ambassador registry needs the campaigns.manage right")


def _audit(actor, action: str, target: str, **detail) -> None:
    audit.record(f"campaigns.{action}", actor=actor, target=target, detail=detail)


# --- reading ------------------------------------------------------------------------------------------------


def ambassadors(user) -> QuerySet:
    _require_read(user)
    return Ambassador.objects.select_related("cohort", "user")


def search(
    user,
    query: str = "",
    *,
    province: str = "",
    region: str = "",
    language: str = "",
    skill: str = "",
    cohort: str = "",
    active: str = "",
) -> QuerySet:
    """The ambassadors whose name, external id or e-mail contain every word of `query` (without case or
    diacritics, as the desk's search: "nguyen van" finds "Nguyễn Văn An"), filtered by province (any
    spelling), region, a language code, a skill, a cohort (bootcamp code) and active ("yes"/"no")."""
    found = ambassadors(user)
    for word in provinces.normalise(query or "").split():
        found = found.filter(search_text__contains=word)
    if province:
        found = found.filter(province=provinces.canonical(province) or province)
    if region:
        found = found.filter(region__iexact=region.strip())
    if language in LANGUAGES:
        found = found.filter(pk__in=_with_member("languages", language))
    if skill in SKILLS:
        found = found.filter(pk__in=_with_member("skills", skill))
    if cohort:
        found = found.filter(cohort__code=cohort)
    if active in ACTIVE_CHOICES:
        found = found.filter(active=active == "yes")
    return found


def _with_member(field: str, value: str):
    """The ids of ambassadors whose JSON list `field` holds `value`, as a subquery: JSON `contains` where the
    database has it (PostgreSQL), SQLite's json_each otherwise."""
    if connection.features.supports_json_field_contains:
        return Ambassador.objects.filter(**{f"{field}__contains": [value]}).values("pk")
    table, column = Ambassador._meta.db_table, Ambassador._meta.get_field(field).column
    # Names from the model's own metadata, never input; the value is a parameter.
    sql = f'SELECT a.id FROM "{table}" a, json_each(a."{column}") j WHERE j.value = %s'  # noqa: S608
    return RawSQL(sql, (value,))  # noqa: S611


def get_ambassador(user, pk: int) -> Ambassador:
    return ambassadors(user).get(pk=pk)


def figures(user, found: QuerySet | None = None) -> dict:
    """What the programme reports at a glance, over `found` (default: the whole registry): active
    ambassadors, all, provinces covered (by active ones), active ones by skill, language and cohort."""
    found = ambassadors(user) if found is None else found
    active = found.filter(active=True)
    rows = list(active.values_list("province", "skills", "languages"))
    by_skill, by_language = Counter(), Counter()
    for _, skills, languages in rows:
        by_skill.update(skills or [])
        by_language.update(languages or [])
    by_cohort = list(
        active.values("cohort__code", "cohort__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "cohort__code")
    )
    province_names = {province for province, _, _ in rows}
    return {
        "active": len(rows),
        "total": found.count(),
        "provinces": len(province_names),
        "provinces_indonesia": sum(1 for p in province_names if provinces.COUNTRY.get(p) == "ID"),
        "provinces_vietnam": sum(1 for p in province_names if provinces.COUNTRY.get(p) == "VN"),
        "by_skill": [(skill, by_skill.get(skill, 0)) for skill in SKILLS],
        "by_language": [(code, by_language[code]) for code in LANGUAGES if by_language.get(code)],
        "by_cohort": [(c["cohort__code"] or "", c["cohort__name"] or "", c["count"]) for c in by_cohort],
    }


def regions(user) -> list[str]:
    return sorted(set(ambassadors(user).exclude(region="").values_list("region", flat=True)))


# --- changing an ambassador ---------------------------------------------------------------------------------


def _clean(data: dict) -> dict:
    """An Ambassador's fields from form-like data (the same checks as a CSV row); PeaceError otherwise."""
    cells = {}
    for name in csv_import.COLUMNS:
        value = data.get(name, "")
        if isinstance(value, list | tuple):
            value = " ".join(str(v) for v in value)
        cells[name] = "" if value is None else str(value)
    row = csv_import.Row(0, cells)
    fields = csv_import.clean_ambassador(row, csv_import.cohort_codes())
    if fields is None:
        raise PeaceError("; ".join(f"{column}: {problem}" for column, problem in row.problems))
    return fields


def create_ambassador(actor, data: dict) -> Ambassador:
    _require_manage(actor)
    fields = _clean(data)
    if Ambassador.objects.filter(external_id__iexact=fields["external_id"]).exists():
        raise PeaceError(f"an ambassador {fields['external_id']!r} exists already")
    with transaction.atomic():
        ambassador = Ambassador.objects.create(**fields)
        _audit(actor, "ambassador.create", ambassador.external_id, name=ambassador.name)
    return ambassador


def update_ambassador(actor, ambassador: Ambassador, data: dict) -> Ambassador:
    _require_manage(actor)
    fields = _clean({**data, "external_id": data.get("external_id") or ambassador.external_id})
    clash = Ambassador.objects.filter(external_id__iexact=fields["external_id"]).exclude(pk=ambassador.pk)
    if clash.exists():
        raise PeaceError(f"an ambassador {fields['external_id']!r} exists already")
    changed = [name for name, value in fields.items() if getattr(ambassador, name) != value]
    with transaction.atomic():
        for name, value in fields.items():
            setattr(ambassador, name, value)
        ambassador.save()
        _audit(actor, "ambassador.update", ambassador.external_id, changed=changed)
    return ambassador


def form_data(ambassador: Ambassador) -> dict:
    """An ambassador's fields as the form (and a CSV row) writes them."""
    return {
        "external_id": ambassador.external_id,
        "name": ambassador.name,
        "email": ambassador.email,
        "province": ambassador.province,
        "region": ambassador.region,
        "languages": " ".join(ambassador.languages),
        "skills": " ".join(ambassador.skills),
        "cohort": ambassador.cohort.code if ambassador.cohort else "",
        "channels": "\n".join(c.get("url", "") for c in ambassador.channels),
        "active": "yes" if ambassador.active else "no",
        "active_since": ambassador.active_since.isoformat() if ambassador.active_since else "",
    }


def linkable_accounts(user) -> QuerySet:
    """Active accounts with the ambassador's right that no registry record has yet."""
    _require_read(user)
    users = get_user_model().objects.filter(is_active=True, ambassador__isnull=True)
    return users.filter(groups__name__in=policy_roles_with(roles.CAMPAIGNS_CONTRIBUTE)).order_by("username")


def policy_roles_with(right: str) -> list[str]:
    return [name for name, rights in roles.ROLE_RIGHTS.items() if right in rights]


def link_account(actor, ambassador: Ambassador, username: str) -> Ambassador:
    """Link the ambassador to the account they sign in with ("" unlinks). The account must be able to
    contribute (the ambassador role), and not be another ambassador's."""
    _require_manage(actor)
    username = (username or "").strip()
    previous = ambassador.user.get_username() if ambassador.user_id else ""
    if not username:
        account = None
    else:
        account = get_user_model().objects.filter(username=username, is_active=True).first()
        if account is None:
            raise PeaceError(f"no active account {username!r}")
        if not policy.has_right(account, roles.CAMPAIGNS_CONTRIBUTE):
            raise PeaceError(f"{username!r} does not have the ambassador role")
        other = Ambassador.objects.filter(user=account).exclude(pk=ambassador.pk).first()
        if other is not None:
            raise PeaceError(f"{username!r} is linked to {other.name} ({other.external_id}) already")
    with transaction.atomic():
        ambassador.user = account
        ambassador.save(update_fields=["user", "updated_at"])
        _audit(actor, "ambassador.link", ambassador.external_id, account=username, previous=previous)
    return ambassador


# --- bootcamps ----------------------------------------------------------------------------------------------


def bootcamps(user) -> QuerySet:
    _require_read(user)
    return Bootcamp.objects.annotate(
        member_count=Count("members", distinct=True), participant_count=Count("attendance", distinct=True)
    )


def get_bootcamp(user, pk: int) -> Bootcamp:
    return bootcamps(user).get(pk=pk)


def _clean_bootcamp(data: dict) -> dict:
    row = csv_import.Row(0, {k: str(data.get(k) or "") for k in data})
    fields = {
        "code": (row.get("code", _code, required=True) or "").lower(),
        "name": row.get("name", _limit(200), required=True),
        "place": row.get("place", _limit(200), required=True),
        "province": row.get("province", csv_import.parse_province) or "",
        "starts_on": row.get("starts_on", csv_import.parse_date, required=True),
        "ends_on": row.get("ends_on", csv_import.parse_date, required=True),
        "trainers": "\n".join(t.strip() for t in row.get("trainers").splitlines() if t.strip()),
    }
    if fields["starts_on"] and fields["ends_on"] and fields["ends_on"] < fields["starts_on"]:
        row.problems.append(("ends_on", "is before starts_on"))
    if row.problems:
        raise PeaceError("; ".join(f"{column}: {problem}" for column, problem in row.problems))
    return fields


def _code(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}", text):
        raise ValueError(f"{text!r}: letters, digits, - and _ only, at most 40 (e.g. 2025-medan)")
    return text


def _limit(size: int):
    def check(text: str) -> str:
        if len(text) > size:
            raise ValueError(f"more than {size} characters")
        return text

    return check


def create_bootcamp(actor, data: dict) -> Bootcamp:
    _require_manage(actor)
    fields = _clean_bootcamp(data)
    try:
        with transaction.atomic():
            bootcamp = Bootcamp.objects.create(**fields)
            _audit(actor, "bootcamp.create", bootcamp.code, name=bootcamp.name)
    except IntegrityError:
        raise PeaceError(f"a bootcamp {fields['code']!r} exists already") from None
    return bootcamp


def update_bootcamp(actor, bootcamp: Bootcamp, data: dict) -> Bootcamp:
    _require_manage(actor)
    fields = _clean_bootcamp({**data, "code": bootcamp.code})
    with transaction.atomic():
        for name, value in fields.items():
            setattr(bootcamp, name, value)
        bootcamp.save()
        _audit(actor, "bootcamp.update", bootcamp.code)
    return bootcamp


def participants(user, bootcamp: Bootcamp) -> QuerySet:
    _require_read(user)
    return bootcamp.attendance.select_related("ambassador").order_by("ambassador__name", "pk")


def add_participants(actor, bootcamp: Bootcamp, external_ids: list[str]) -> int:
    """Add ambassadors (by external id) as participants; an ambassador without a cohort gets this one.
    Unknown ids: PeaceError, nothing added. Returns how many were added (those already there are kept)."""
    _require_manage(actor)
    wanted = list(dict.fromkeys(i.strip() for i in external_ids if i.strip()))
    if not wanted:
        raise PeaceError("give the external id of at least one ambassador")
    found = {a.external_id: a for a in Ambassador.objects.filter(external_id__in=wanted)}
    unknown = [i for i in wanted if i not in found]
    if unknown:
        raise PeaceError(f"no ambassador with the external id {', '.join(unknown)}")
    with transaction.atomic():
        already = set(bootcamp.attendance.values_list("ambassador_id", flat=True))
        new = [Attendance(bootcamp=bootcamp, ambassador=a) for a in found.values() if a.pk not in already]
        Attendance.objects.bulk_create(new)
        Ambassador.objects.filter(pk__in=[a.ambassador_id for a in new], cohort__isnull=True).update(
            cohort=bootcamp
        )
        _audit(actor, "bootcamp.participants", bootcamp.code, added=[a.ambassador.external_id for a in new])
    return len(new)


def record_attendance(actor, bootcamp: Bootcamp, attendance: dict[int, tuple[int, bool]]) -> int:
    """Set days attended and completion for participants (attendance id -> (days, completed)). Days
    cannot exceed the bootcamp's length. Returns how many changed."""
    _require_manage(actor)
    length = (bootcamp.ends_on - bootcamp.starts_on).days + 1
    rows = {a.pk: a for a in bootcamp.attendance.filter(pk__in=list(attendance))}
    if set(attendance) - set(rows):
        raise PeaceError("an attendance row of another bootcamp")
    changed = []
    for pk, (days, completed) in attendance.items():
        if not 0 <= days <= length:
            raise PeaceError(f"{rows[pk].ambassador.name}: days attended is between 0 and {length}")
        row = rows[pk]
        if (row.days_attended, row.completed) != (days, completed):
            row.days_attended, row.completed = days, completed
            changed.append(row)
    with transaction.atomic():
        Attendance.objects.bulk_update(changed, ["days_attended", "completed"])
        if changed:
            _audit(
                actor, "bootcamp.attendance", bootcamp.code,
                rows={r.ambassador.external_id: [r.days_attended, r.completed] for r in changed},
            )  # fmt: skip
    return len(changed)


def bootcamp_length(bootcamp: Bootcamp) -> int:
    return (bootcamp.ends_on - bootcamp.starts_on).days + 1


def attendance_summary(bootcamp: Bootcamp) -> dict:
    rows = list(bootcamp.attendance.values_list("days_attended", "completed"))
    return {
        "participants": len(rows),
        "completed": sum(1 for _, completed in rows if completed),
        "days": sum(days for days, _ in rows),
        "possible_days": len(rows) * bootcamp_length(bootcamp),
    }
