"""The federation app's verbs: partners (identity, deadline agreement, link), what is shared with them.

Sharing means placing STIX objects, signed with this node's key, in the partner's outbound collection, after
the access policy (`policy.share_refusal`) has agreed; the worker then pushes that collection to the partner
(`federation.sync`), and the partner's node may also pull it. What partners send is verified and filed by
`federation.receive`.
"""

import logging
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from hotline import stix
from hotline.access import policy
from hotline.access import services as access
from hotline.audit.services import partner_detail, record
from hotline.federation import keys
from hotline.federation.models import INBOUND_PREFIX, OUTBOUND_PREFIX, PRIORITIES, Partner
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import Collection
from hotline.stix import signatures
from hotline.stix.extensions import PROJECT_EXTENSIONS, PROJECT_IDENTITY, project_id

log = logging.getLogger(__name__)

NAME_RE = re.compile(r"[a-z][a-z0-9-]{1,49}\Z")
RESERVED_NAMES = frozenset({"internal", "home", "all"})
_DURATION_RE = re.compile(r"(\d+)([smhd])\Z")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


class PartnerError(ValueError):
    """A partner request that cannot be carried out, with a message for the person who made it."""


def node_identity_id(name: str | None = None) -> str:
    """The STIX identity id of a node: node.json's `identity_id` for this node, else derived from its name
    (so a partner can compute it from the name alone)."""
    if name is None:
        configured = settings.NODE.get("identity_id")
        if configured:
            return configured
        name = settings.NODE_NAME
    return project_id("identity", f"node/{name}")


def home_identity() -> dict:
    """This node's STIX identity object: the stored one if any (the demo stores a richer one), else a
    minimal one built from the node's title."""
    identity_id = node_identity_id()
    stored = queries.latest_objects([identity_id]).get(identity_id)
    if stored is not None:
        return stored
    return {
        "type": "identity",
        "spec_version": "2.1",
        "id": identity_id,
        "created": "2025-06-18T00:00:00.000Z",
        "modified": "2025-06-18T00:00:00.000Z",
        "name": settings.NODE_TITLE,
        "identity_class": "organization",
    }


def parse_duration(text: str) -> timedelta:
    """'90s', '15m', '2h', '7d' -> timedelta."""
    match = _DURATION_RE.match(text.strip())
    if not match or int(match.group(1)) == 0:
        raise PartnerError(
            f"{text!r} is not a duration (a positive number and s, m, h or d, e.g. 15m, 2h, 7d)"
        )
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def format_duration(value: timedelta) -> str:
    """timedelta -> the largest whole unit: '15m', '2h', '7d', '90s'."""
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def parse_deadline(spec: str) -> tuple[str, timedelta, timedelta]:
    """'flash=15m/2h' -> ("flash", 15 minutes, 2 hours)."""
    priority, sep, durations = spec.partition("=")
    ack, slash, reply = durations.partition("/")
    if not sep or not slash or priority not in PRIORITIES:
        raise PartnerError(
            f"{spec!r}: expected PRIORITY=ACK/REPLY, e.g. flash=15m/2h ({', '.join(PRIORITIES)})"
        )
    return priority, parse_duration(ack), parse_duration(reply)


@dataclass
class Link:
    """How our node reaches a partner's node (all optional: a partner may only pull from us)."""

    url: str = ""
    username: str = ""
    password: str = ""
    token: str = ""
    public_keys: list[str] = field(default_factory=list)
    ca_file: str = ""
    client_cert: str = ""
    client_key: str = ""
    push_enabled: bool = True
    pull_enabled: bool = True

    def check(self) -> None:
        if self.url and not self.url.startswith(("http://", "https://")):
            raise PartnerError(
                f"--url {self.url!r}: give the partner's TAXII discovery URL (http(s)://…/taxii2/)"
            )
        if self.token and (self.username or self.password):
            raise PartnerError("give either a user and password or a token, not both")
        if bool(self.username) != bool(self.password):
            raise PartnerError("a user needs a password (or give a token)")
        for text in self.public_keys:
            try:
                signatures.public_key_from_text(text)
            except ValueError as exc:
                raise PartnerError(f"public key {text[:12]!r}…: {exc}") from None
        if bool(self.client_cert) != bool(self.client_key):
            raise PartnerError("a client certificate needs its key (--cert FILE --key FILE)")
        for path in (self.ca_file, self.client_cert, self.client_key):
            if path and not Path(path).is_file():
                raise PartnerError(f"no such file: {path}")

    def fields(self) -> dict:
        values = asdict(self)
        values["ca_file"], values["client_cert"], values["client_key"] = (
            str(Path(p).resolve()) if p else "" for p in (self.ca_file, self.client_cert, self.client_key)
        )
        return values


def create_partner(
    name: str,
    title: str,
    *,
    identity_id: str | None = None,
    account=None,
    deadlines: Iterable[tuple[str, timedelta, timedelta]] = (),
    link: Link | None = None,
) -> Partner:
    """Add a partner agency, its outbound collection `outbound-<name>` (seeded with what the partner needs to
    read our objects: our identity, the project's identity and extension definitions, TLP markings) and its
    inbound collection `inbound-<name>`. `account` (optional): the partner node's user here, the only one
    allowed to read the outbound collection and write the inbound one. `link`: how we reach the partner."""
    if not NAME_RE.match(name or "") or name in RESERVED_NAMES:
        raise PartnerError(
            f"invalid partner name {name!r}: 2-50 characters a-z, 0-9 and '-', starting with a letter"
            + (f"; {name!r} is reserved" if name in RESERVED_NAMES else "")
        )
    if not (title or "").strip():
        raise PartnerError("a partner needs a title, e.g. 'Ministry of Public Security (Viet Nam)'")
    if Partner.objects.filter(name=name).exists():
        raise PartnerError(f"partner {name!r} already exists")
    identity_id = identity_id or node_identity_id(name)
    if not re.fullmatch(r"identity--[0-9a-f-]{36}", identity_id):
        raise PartnerError(f"{identity_id!r} is not a STIX identity id (identity--<uuid>)")
    if identity_id == node_identity_id():
        raise PartnerError("that identity is this node's own")
    agreed = {}
    for priority, ack, reply in deadlines:
        if reply < ack:
            raise PartnerError(f"{priority}: the reply deadline must not be shorter than the acknowledgement")
        agreed[f"ack_{priority}"], agreed[f"reply_{priority}"] = ack, reply
    link = link or Link()
    link.check()
    with transaction.atomic():
        for alias in (OUTBOUND_PREFIX + name, INBOUND_PREFIX + name):
            if Collection.objects.filter(alias=alias).exists():
                raise PartnerError(f"collection {alias!r} already exists")
        outbound = intel.create_collection(
            OUTBOUND_PREFIX + name, f"Shared with {title}", f"Objects shared with partner {name}"
        )
        inbound = intel.create_collection(
            INBOUND_PREFIX + name, f"Received from {title}", f"Objects partner {name} sent us, verified"
        )
        partner = Partner.objects.create(
            name=name, title=title.strip(), identity_id=identity_id, outbound=outbound, inbound=inbound,
            **agreed, **link.fields(),
        )  # fmt: skip
        if account is not None:
            set_account(partner, account)
        share(partner, reference_objects())
        record("partner.add", target=name, detail=partner_detail(partner))
    return partner


def ensure_inbound(partner: Partner) -> Collection:
    """The partner's inbound collection (partners added before issue 4 get theirs on first use)."""
    if partner.inbound_id is None:
        partner.inbound = intel.create_collection(
            INBOUND_PREFIX + partner.name, f"Received from {partner.title}",
            f"Objects partner {partner.name} sent us, verified",
        )  # fmt: skip
        Partner.objects.filter(pk=partner.pk).update(inbound=partner.inbound)
        if partner.account_id:
            access.grant(partner.inbound, user=partner.account, read=False, write=True)
    return partner.inbound


def set_account(partner: Partner, account) -> None:
    """The partner node's user here: may read outbound-<name> and write inbound-<name>, nothing else."""
    with transaction.atomic():
        partner.account = account
        partner.save(update_fields=["account"])
        access.grant(partner.outbound, user=account, read=True, write=False)
        access.grant(ensure_inbound(partner), user=account, read=False, write=True)


def update_link(partner: Partner, link: Link) -> Partner:
    """Replace how we reach the partner (URL, credentials, keys, TLS files, push/pull)."""
    link.check()
    for name, value in link.fields().items():
        setattr(partner, name, value)
    partner.next_push_at = partner.next_pull_at = None
    partner.save()
    record("partner.change", target=partner.name, detail=partner_detail(partner))
    return partner


def remove_partner(partner: Partner) -> Partner:
    """Stop syncing with a partner: its data (messages, collections, quarantine) is kept; its account here
    loses its grants, so it can neither read our outbound nor write our inbound collection any more."""
    with transaction.atomic():
        partner.active = False
        partner.save(update_fields=["active"])
        if partner.account_id:
            from hotline.access.models import CollectionGrant

            CollectionGrant.objects.filter(
                user=partner.account, collection__in=[c for c in (partner.outbound, partner.inbound) if c]
            ).delete()
        record("partner.remove", target=partner.name, detail=partner_detail(partner))
    return partner


def reference_objects() -> list[dict]:
    """What a partner needs to understand our objects: identities, extension definitions, TLP markings."""
    home = home_identity()
    return [
        PROJECT_IDENTITY,
        home,
        *PROJECT_EXTENSIONS.values(),
        *stix.TLP_MARKINGS.values(),
    ]


def share(partner: Partner, objects: Iterable[dict]) -> None:
    """Place objects, signed with our key, in the partner's outbound collection; all or nothing (PartnerError
    names the refused and why). The access policy decides what may go to whom. The worker pushes them."""
    objects = list(objects)
    with transaction.atomic():
        result = place(partner, objects)
        if result.failures:
            reasons = "; ".join(f"{f.id}: {f.message}" for f in result.failures)
            raise PartnerError(f"not shared with {partner.name}: {reasons}")
        record("federation.share", target=partner.name, detail={"objects": [o.id for o in result.successes]})


def refused_all(partner: Partner, objects: list) -> intel.AddResult:
    """Every object refused because the partner was removed (nothing crosses a removed link)."""
    result = intel.AddResult()
    for obj in objects:
        ident = obj.get("id") if isinstance(obj, dict) else None
        result.failures.append(intel.Outcome(ident, None, f"partner {partner.name} was removed"))
    return result


def place(partner: Partner, objects: list) -> intel.AddResult:
    """Sign and store in the outbound collection what the policy allows; report the rest (TAXII semantics:
    also used when someone POSTs to an outbound collection). Schedules an immediate push."""
    if not partner.active:
        return refused_all(partner, objects)
    result = intel.AddResult()
    home = node_identity_id()
    key = keys.signing_key()
    allowed = []
    for obj in objects:
        if not isinstance(obj, dict):
            result.failures.append(intel.Outcome(None, None, "not a JSON object"))
            continue
        refusal = policy.share_refusal(obj, partner, along=objects, home_identity=home)
        if refusal:
            result.failures.append(intel.Outcome(obj.get("id"), stix.object_version(obj), refusal))
            continue
        allowed.append(signatures.sign(obj, key))
    if allowed:
        result.extend(intel.add_objects(partner.outbound, allowed))
        if partner.push_enabled and partner.url:
            transaction.on_commit(lambda: _enqueue_push(partner.name))
    return result


def _enqueue_push(name: str) -> None:
    from hotline.federation import tasks

    try:
        tasks.push_partner.enqueue(name)
    except Exception:  # the periodic push catches up; sharing must not fail because a queue did
        log.exception("could not enqueue the push to %s", name)


def get_partner(name: str) -> Partner:
    partner = Partner.objects.select_related("outbound").filter(name=name).first()
    if partner is None:
        known = ", ".join(Partner.objects.values_list("name", flat=True)) or "none yet"
        raise PartnerError(f"no partner {name!r} (partners: {known})")
    return partner


def list_partners():
    return Partner.objects.select_related("outbound").order_by("name")


def partner_for_identity(identity_id: str) -> Partner | None:
    return Partner.objects.filter(identity_id=identity_id).first()


def verification_keys(partner: Partner) -> dict:
    """key id -> public key: the partner's keys, and ours (our own objects may come back, e.g. in a reply)."""
    found = {}
    for text in partner.public_keys or []:
        try:
            key = signatures.public_key_from_text(text)
        except ValueError:
            continue
        found[signatures.key_id(key)] = key
    own = keys.public_key()
    found[signatures.key_id(own)] = own
    return found


def queue_length(partner: Partner) -> int:
    """How many versions in the outbound collection the partner has not had yet (by push or pull)."""
    entries = policy.leaving_entries(partner.outbound.entries.all())
    if partner.delivered_until is not None:
        entries = entries.filter(date_added__gt=partner.delivered_until)
    return entries.count()


def note_partner_read(user, collection: Collection, spec: queries.EntryFilter) -> None:
    """A partner's node read every version of its outbound collection after `added_after`: a pull sends its
    own cursor, which moves only past pages it has stored, so the partner holds what came before, and our
    push starts after it (`Partner.delivered_until`) instead of sending it again."""
    if spec.added_after is None or queries.ALL not in spec.versions:
        return
    if not policy.is_own_outbound(user, collection):
        return
    behind = Q(pulled_until__isnull=True) | Q(pulled_until__lt=spec.added_after)
    partner = Partner.objects.filter(behind, outbound=collection, account_id=user.pk)
    # Read first: a partner polling with nothing new (every few seconds) then costs no write transaction.
    if partner.exists():
        partner.update(pulled_until=spec.added_after)


def link_status(partner: Partner) -> dict:
    """The state of the link with a partner, as plain data (CLI `partner show`, the dashboard)."""

    def when(value):
        return stix.format_timestamp(value) if value else None

    return {
        "active": partner.active,
        "url": partner.url,
        "push": {
            "enabled": partner.push_enabled and bool(partner.url),
            "last_at": when(partner.last_push_at),
            "last_ok": partner.last_push_ok,
            "next_attempt_at": when(partner.next_push_at),
            "failures": partner.push_failures,
            "queue": queue_length(partner),
            # Where the queue starts: what the partner holds, by our push or by its own pull.
            "delivered_until": when(partner.delivered_until),
        },
        "pull": {
            "enabled": partner.pull_enabled and bool(partner.url),
            "last_at": when(partner.last_pull_at),
            "last_ok": partner.last_pull_ok,
            "next_attempt_at": when(partner.next_pull_at),
            "failures": partner.pull_failures,
            "cursor": partner.pull_cursor or None,
        },
        "last_error": partner.last_error or None,
        "last_error_at": when(partner.last_error_at),
        "failing_since": when(partner.failing_since),
        "quarantined": partner.quarantined.filter(resolution="").count(),
        "replays": {
            "count": partner.replays,
            "last": partner.last_replay or None,
            "last_at": when(partner.last_replay_at),
        },
    }


def link_statuses() -> list[dict]:
    """Every active partner's link status (for the dashboard): name, title and `link_status`."""
    return [{"name": p.name, "title": p.title, **link_status(p)} for p in list_partners().filter(active=True)]


def describe(partner: Partner) -> dict:
    """A partner as plain data (CLI --json, UI)."""
    return {
        "name": partner.name,
        "title": partner.title,
        "identity": partner.identity_id,
        "outbound": partner.outbound.alias,
        "inbound": partner.inbound.alias if partner.inbound_id else None,
        "account": partner.account.get_username() if partner.account_id else None,
        "auth": "token" if partner.token else "password" if partner.username else None,
        "username": partner.username or None,
        "public_keys": partner.public_keys,
        "tls": {"ca": partner.ca_file or None, "cert": partner.client_cert or None},
        "link": link_status(partner),
        "deadlines": {
            priority: {
                "acknowledge": int(partner.deadlines(priority)[0].total_seconds()),
                "reply": int(partner.deadlines(priority)[1].total_seconds()),
            }
            for priority in PRIORITIES
        },
    }


def node_card() -> dict:
    """What a partner needs to add this node: name, title, STIX identity, public key, key id, TAXII URL."""
    base = (settings.BASE_URL or "").rstrip("/")
    return {
        "name": settings.NODE_NAME,
        "title": settings.NODE_TITLE,
        "identity_id": node_identity_id(),
        "identity": home_identity(),
        "public_key": keys.public_key_text(),
        "key_id": keys.own_key_id(),
        "base_url": base or None,
        "taxii_url": f"{base}/taxii2/" if base else None,
    }
