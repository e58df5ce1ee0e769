"""The link with partners, run by the worker (never inside a web request), with taxii2-client:

push  what is new in `outbound-<partner>` (by date_added after the persisted `push_cursor`, or after how far
      the partner's own pull has stored it, `pulled_until`, whichever is later; oldest first, in batches of
      HOTLINE_FEDERATION_BATCH, halved while the partner answers 413) is POSTed to the partner's
      `inbound-<us>` collection; the cursor moves only past what the partner answered for, so a failure
      resends the batch (the receiver stores it once).
pull  the partner's `outbound-<us>` collection is read with `added_after` = the persisted `pull_cursor` (the
      partner's X-TAXII-Date-Added-Last of the last page received), every version, page by page: the
      manifest first, then only if it lists versions we do not hold the page's objects, of which the missing
      ones go through `receive` (verification, quarantine, store, the desk), in one transaction with the
      cursor moving past the page, so a page that fails leaves nothing behind and is fetched again. While
      the partner is pushing to us (a push arrived in the last 2 intervals), the pull stands back.

A failure (refused connection, timeout, HTTP error, garbage) is recorded on the partner (`last_error`) and the
next attempt waits 2, 4, 8 … seconds up to HOTLINE_FEDERATION_MAX_BACKOFF. A lease on the partner row keeps
two workers from pushing (or pulling) the same partner at once.
"""

import contextlib
import json
import logging
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from requests.adapters import HTTPAdapter
from taxii2client.common import TokenAuth
from taxii2client.v21 import ApiRoot, Server

from hotline import stix
from hotline.access import policy
from hotline.audit import services as audit
from hotline.federation import receive, updates
from hotline.federation.models import INBOUND_PREFIX, OUTBOUND_PREFIX, Partner
from hotline.federation.signals import link_changed
from hotline.intel import queries

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=2)
ALERT_AFTER_FAILURES = 3  # failed attempts in a row before the link counts as failing (and admins are told)


class SyncError(Exception):
    """The partner answered, but not as a TAXII 2.1 server of a Hotline partner should."""


class _TimeoutAdapter(HTTPAdapter):
    """taxii2-client sets no timeout: a partner that never answers must not hang the worker."""

    def __init__(self, timeout: float, **kwargs):
        self.timeout = timeout
        super().__init__(**kwargs)

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


def _arm(endpoint) -> None:
    adapter = _TimeoutAdapter(settings.FEDERATION_TIMEOUT)
    endpoint._conn.session.mount("http://", adapter)
    endpoint._conn.session.mount("https://", adapter)


def _client_kwargs(partner: Partner) -> dict:
    kwargs: dict = {"verify": partner.ca_file or True}
    if partner.client_cert:
        kwargs["cert"] = (partner.client_cert, partner.client_key)
    if partner.token:
        kwargs["auth"] = TokenAuth(partner.token)
    elif partner.username:
        kwargs["user"], kwargs["password"] = partner.username, partner.password
    return kwargs


_remote_cache: dict[tuple, object] = {}


def _signature(partner: Partner) -> tuple:
    return (partner.pk, partner.url, partner.username, partner.password, partner.token, partner.ca_file,
            partner.client_cert, partner.client_key)  # fmt: skip


def remote_collection(partner: Partner, alias: str):
    """The partner's collection `alias` as a taxii2-client Collection (discovery -> API root -> collections),
    kept for reuse (one HTTP session per partner) until an error forgets it."""
    key = (*_signature(partner), alias)
    if key in _remote_cache:
        return _remote_cache[key]
    kwargs = _client_kwargs(partner)
    server = Server(partner.url, **kwargs)
    _arm(server)
    try:
        root = server.default or (server.api_roots[0] if server.api_roots else None)
        root_url = root.url if root is not None else partner.url  # the URL is an API root itself
    finally:
        server.close()
    api_root = ApiRoot(root_url, **kwargs)
    _arm(api_root)
    found = next((c for c in api_root.collections if c.alias == alias), None)
    if found is None:
        api_root.close()
        raise SyncError(
            f"{partner.name} has no collection {alias!r} that our account there may use "
            f"(is this node added as a partner there, with an account?)"
        )
    _remote_cache[key] = found
    return found


def _forget(partner: Partner) -> None:
    for key in [k for k in _remote_cache if k[0] == partner.pk]:
        collection = _remote_cache.pop(key)
        with contextlib.suppress(Exception):  # closing a broken session must not mask the error
            collection.close()


# --- leases, success and failure --------------------------------------------------------------------------


def _lease(partner: Partner, direction: str, now) -> bool:
    field = f"{direction}_lease_until"
    free = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": now})
    return bool(Partner.objects.filter(free, pk=partner.pk).update(**{field: now + LEASE}))


def _release(partner: Partner, direction: str) -> None:
    Partner.objects.filter(pk=partner.pk).update(**{f"{direction}_lease_until": None})


def _succeeded(partner: Partner, direction: str, *, warning: str = "") -> None:
    now = timezone.now()
    changes = {
        f"last_{direction}_at": now, f"last_{direction}_ok": True, f"{direction}_failures": 0,
        f"next_{direction}_at": None,
    }  # fmt: skip
    if warning:
        changes.update(last_error=warning[:4000], last_error_at=now)
    Partner.objects.filter(pk=partner.pk).update(**changes)
    # Recovered: the link was failing and the other direction is not failing either (claimed once).
    other = "pull" if direction == "push" else "push"
    recovered = (
        Partner.objects.filter(pk=partner.pk, failing_since__isnull=False)
        .exclude(**{f"last_{other}_ok": False})
        .update(failing_since=None)
    )
    if recovered:
        log.info("the link with %s works again", partner.name)
        _announce(partner, failing=False, error="", now=now)


def _failed(partner: Partner, direction: str, exc: Exception) -> None:
    _forget(partner)
    now = timezone.now()
    partner.refresh_from_db(fields=[f"{direction}_failures"])
    failures = getattr(partner, f"{direction}_failures") + 1
    wait = min(2**failures, settings.FEDERATION_MAX_BACKOFF)
    message = f"{direction} to {partner.name}" if direction == "push" else f"pull from {partner.name}"
    text = f"{message} failed: {_describe(exc)}"
    Partner.objects.filter(pk=partner.pk).update(**{
        f"last_{direction}_ok": False, f"{direction}_failures": failures,
        f"next_{direction}_at": now + timedelta(seconds=wait), "last_error": text[:4000],
        "last_error_at": now,
    })  # fmt: skip
    log.warning("%s (attempt %d; next in %d s)", text, failures, wait)
    # Failing: once a few attempts in a row have failed (not a partner merely restarting), the admins are
    # told, once: a conditional UPDATE claims the transition.
    claimed = failures >= ALERT_AFTER_FAILURES and Partner.objects.filter(
        pk=partner.pk, failing_since__isnull=True
    ).update(failing_since=now)
    if claimed:
        _announce(partner, failing=True, error=text, now=now)


def _announce(partner: Partner, *, failing: bool, error: str, now) -> None:
    try:
        link_changed.send(sender=partner, failing=failing, error=error, now=now)
    except Exception:  # telling people must not break the sync (the link status shows it anyway)
        log.exception("could not tell the admins about the link with %s", partner.name)


def _describe(exc: Exception) -> str:
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        body = exc.response.text[:300].replace("\n", " ")
        return f"HTTP {exc.response.status_code} from {exc.response.url}: {body}"
    if isinstance(exc, requests.ConnectionError):
        return f"cannot connect ({type(exc).__name__}): {str(exc)[:300]}"
    if isinstance(exc, requests.Timeout):
        return f"no answer within {settings.FEDERATION_TIMEOUT} s"
    return f"{type(exc).__name__}: {str(exc)[:500]}"


def _due(partner: Partner, direction: str, now) -> bool:
    enabled = partner.push_enabled if direction == "push" else partner.pull_enabled
    if not (partner.active and partner.url and enabled):
        return False
    next_at = getattr(partner, f"next_{direction}_at")
    return next_at is None or next_at <= now


# --- push -------------------------------------------------------------------------------------------------


def push(partner: Partner, *, immediate: bool = False) -> int:
    """Push what the partner has not had yet; returns how many versions were sent. `immediate` (right after
    something was shared) ignores the backoff and waits briefly for a push already running to finish."""
    now = timezone.now()
    if not _due(partner, "push", now) and not (immediate and partner.active and partner.url
                                               and partner.push_enabled):  # fmt: skip
        return 0
    for attempt in range(10 if immediate else 1):
        if _lease(partner, "push", timezone.now()):
            break
        time.sleep(0.2 * (attempt + 1))
    else:
        return 0
    try:
        return _push_batches(partner)
    except Exception as exc:
        _failed(partner, "push", exc)
        return 0
    finally:
        _release(partner, "push")


def _push_batches(partner: Partner) -> int:
    pushed, refused = 0, []
    batch = settings.FEDERATION_BATCH
    while True:
        partner.refresh_from_db(fields=["push_cursor", "pulled_until"])
        # Every version placed since what the partner holds (by push or by its own pull), oldest first: the
        # same query that serves TAXII paging.
        spec = queries.EntryFilter(added_after=partner.delivered_until, versions=(queries.ALL,))
        leaving = policy.leaving_entries(queries.collection_entries(partner.outbound))
        rows = queries.object_bodies(queries.filter_entries(leaving, spec), batch).rows
        if not rows:
            break
        collection = remote_collection(partner, INBOUND_PREFIX + settings.NODE_NAME)
        # The stored canonical JSON (signed) is sent as it is.
        envelope = '{"objects":[' + ",".join(body for _, body in rows) + "]}"
        try:
            status = collection.add_objects(envelope, wait_for_completion=True, poll_interval=1, timeout=120)
        except requests.HTTPError as exc:
            if _too_large(exc) and len(rows) > 1:
                # The partner takes less in one request: halve the batch until it does, for the rest of this
                # push. A single object it refuses as too large fails the push (the admin sees the error).
                batch = len(rows) // 2
                continue
            raise
        if status.status != "complete":
            raise SyncError(f"the partner had not stored the batch after 120 s (status {status.id})")
        # A refused object would be refused again: note it for the admin and move on.
        refused += [f"{f.get('id')}: {f.get('message')}" for f in (status.failures or [])]
        Partner.objects.filter(pk=partner.pk).update(push_cursor=rows[-1][0])
        audit.record(
            "federation.push",
            entry_point="federation",
            target=partner.name,
            detail={
                "objects": [s.get("id") for s in status.successes or []],
                "refused": len(status.failures or []),
            },
        )
        pushed += len(rows)
    warning = ""
    if refused:
        warning = f"push to {partner.name}: the partner refused {len(refused)}: " + "; ".join(refused[:5])
    _succeeded(partner, "push", warning=warning)
    return pushed


def _too_large(exc: requests.HTTPError) -> bool:
    return exc.response is not None and exc.response.status_code == 413


# --- pull -------------------------------------------------------------------------------------------------


def pull(partner: Partner) -> int:
    """Pull what the partner placed for us since the cursor; returns how many objects were received."""
    if not _due(partner, "pull", timezone.now()) or not _lease(partner, "pull", timezone.now()):
        return 0
    try:
        return _pull_pages(partner)
    except Exception as exc:
        _failed(partner, "pull", exc)
        return 0
    finally:
        _release(partner, "pull")


def _pull_pages(partner: Partner) -> int:
    """Page by page from the cursor: the manifest first (ids and versions), then, only if it lists versions
    we do not hold, the same page of objects, of which only the missing ones are received. While the partner
    is pushing to us, its push carries the news and the pull stands back (one transfer, not two)."""
    collection = remote_collection(partner, OUTBOUND_PREFIX + settings.NODE_NAME)
    seen: dict[str, str | None] = {}

    def remember(response, *args, **kwargs):
        seen["last"] = response.headers.get("X-TAXII-Date-Added-Last")

    hooks = collection._conn.session.hooks["response"]
    hooks.append(remember)
    received = 0
    try:
        partner.refresh_from_db(fields=["pull_cursor", "last_pushed_in_at"])
        while not _push_is_live(partner):
            cursor = {"added_after": partner.pull_cursor} if partner.pull_cursor else {}
            seen["last"] = None
            envelope = collection.get_manifest(limit=settings.FEDERATION_BATCH, version="all", **cursor)
            manifest = _entries(envelope)
            if not manifest:
                break
            if not seen.get("last"):
                raise SyncError("the partner sent a manifest without an X-TAXII-Date-Added-Last header")
            last = seen["last"]
            held = receive.Holdings(partner, [row.get("id") for row in manifest])
            if not all(held.holds(row.get("id"), row.get("version")) for row in manifest):
                seen["last"] = None
                page = _entries(
                    collection.get_objects(limit=len(manifest), version="all", **cursor), what="envelope"
                )
                if page and not seen.get("last"):
                    raise SyncError("the partner sent objects without an X-TAXII-Date-Added-Last header")
                last = seen["last"] or last
                missing = [o for o in page if not held.holds(o.get("id"), stix.object_version(o))]
            else:
                missing = []

            def advance(last=last):
                Partner.objects.filter(pk=partner.pk).update(pull_cursor=last)

            if missing:
                # One transaction: the page's objects, what the desk files, and the cursor past them.
                receive.receive(partner, missing, via="pull", and_then=advance)
                received += len(missing)
            else:
                advance()
            if not envelope.get("more"):
                break
            partner.refresh_from_db(fields=["pull_cursor", "last_pushed_in_at"])
    finally:
        hooks.remove(remember)
    _succeeded(partner, "pull")
    return received


def _entries(envelope, what: str = "manifest") -> list:
    items = envelope.get("objects", []) if isinstance(envelope, dict) else None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise SyncError(f"not a TAXII {what}: {json.dumps(envelope)[:200]}")
    return items


def _push_is_live(partner: Partner) -> bool:
    """The partner pushed to us moments ago: its push is delivering, so our pull would fetch the same."""
    recent = timedelta(seconds=max(10, 2 * settings.FEDERATION_INTERVAL))
    return partner.last_pushed_in_at is not None and timezone.now() - partner.last_pushed_in_at < recent


# --- entry points for the tasks ---------------------------------------------------------------------------


def _active():
    return Partner.objects.filter(active=True).exclude(url="")


def push_named(name: str, *, immediate: bool = False) -> int:
    partner = _active().filter(name=name).first()
    return push(partner, immediate=immediate) if partner else 0


def push_all() -> int:
    return sum(push(p) for p in _active().filter(push_enabled=True))


def pull_all() -> int:
    return sum(pull(p) for p in _active().filter(pull_enabled=True))


def sync_now(partner: Partner) -> tuple[int, int]:
    """Push and pull at once, ignoring the backoff (`hotline sync`)."""
    updates.propagate_to(partner)
    Partner.objects.filter(pk=partner.pk).update(next_push_at=None, next_pull_at=None)
    partner.refresh_from_db()
    return push(partner), pull(partner)
