"""An HTTP API compatible with Meta's Hasher-Matcher-Actioner (HMA, OpenMediaMatch), under /hma/, so tools
written for HMA work against a Hotline node:

    POST /hma/h/hash                      multipart, one file whose field name is its content type
                                          (photo, video; also text, pdf) -> {"pdq": "…"} /
                                          {"video_md5": "…", "vpdq": "[\"pdqhex,quality,seconds\", …]"}
    GET  /hma/m/lookup?signal_type=&signal=   -> ["BANK_NAME", …] (enabled banks with a match; signal types
                                          pdq, vpdq, video_md5, md5, sha256, text_sha256, url)
    POST /hma/m/lookup                    multipart as /h/hash -> {"pdq": ["BANK_NAME", …], …}
    GET  /hma/c/banks                     -> [{"name": …, "matching_enabled_ratio": 1.0}, …]
    POST /hma/c/banks                     JSON {"name", "enabled" | "enabled_ratio"} -> 201 bank
    GET  /hma/c/bank/<name>               -> the bank
    POST /hma/c/bank/<name>/content       multipart as /h/hash -> {"id": …, "signals": {…}}
    POST /hma/c/bank/<name>/signal        JSON {"pdq": "…"} -> {"id": …, "signals": {…}}
    GET  /hma/c/bank/<name>/content/<id>  -> {"id", "bank", "signals", "enabled", labels…} (one entry)
    DELETE /hma/c/bank/<name>/content/<id>  -> {"deleted": 1}: the entry is revoked (HMA deletes it; a node
                                          keeps it as a tombstone, and the revocation travels to partners);
                                          {"deleted": 0} if it was revoked already
    PUT  /hma/c/bank/<name>/content/<id>  JSON, any of {"organisation", "behaviour", "tags", "tlp", "notes"}
                                          -> the entry (a Hotline addition: HMA has no labels to edit)

Errors are HMA's: {"message": "…"} with the status. Authentication is the node's own (an API token:
`Authorization: Bearer htl_…`, or HTTP Basic for an account whose role does not require two-factor
authentication); the access policy decides (hashing and lookup: coordinators,
reviewers, admins; curation: coordinators and admins). Fetching content by URL (HMA's `?url=`) is refused:
a node does not download from the Internet on a caller's behalf.
"""

import json
from functools import wraps

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt

from hotline.access import policy
from hotline.access.auth import authenticate_request, refusal
from hotline.audit import services as audit
from hotline.peace import matching, services, signals
from hotline.peace.errors import NotAllowed, PeaceError
from hotline.peace.models import Bank, BankEntry

NO_CREDENTIALS = (
    "authentication required: an API token (Authorization: Token …), or HTTP Basic with an account whose "
    "role does not require two-factor authentication"
)
# HMA content type names (and ours) -> what we expect the file to be.
CONTENT_FIELDS = {"photo": "image", "image": "image", "video": "video", "text": "text", "pdf": "pdf"}
# Our signal names -> HMA's signal type names, per content type.
HMA_NAMES = {"image": {"pdq": "pdq"}, "video": {"md5": "video_md5", "vpdq": "vpdq"}}
FROM_HMA = {"video_md5": "md5"}


def _error(message: str, status: int) -> JsonResponse:
    response = JsonResponse({"message": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Basic realm="hotline"'
    return response


def api(allowed, methods: tuple[str, ...]):
    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                return _error(f"method {request.method} not allowed", 405)
            user = authenticate_request(request)
            if user is None or not user.is_active:
                audit.credentials_refused(request)
                refused = refusal(request)
                return _error(refused.message if refused else NO_CREDENTIALS, 401)
            if not allowed(user):
                return _error("not allowed for this account", 403)
            request.user = user
            try:
                return view(request, *args, **kwargs)
            except NotAllowed as exc:
                return _error(str(exc), 403)
            except PeaceError as exc:
                return _error(str(exc), 400)

        return wrapper

    return decorate


def _one_upload(request) -> tuple[str, bytes]:
    if not request.FILES:
        raise PeaceError("Missing multipart/form-data file upload")
    if len(request.FILES) > 1 or any(len(request.FILES.getlist(k)) > 1 for k in request.FILES):
        raise PeaceError("Only one file allowed per request")
    field = next(iter(request.FILES))
    if field not in CONTENT_FIELDS:
        raise PeaceError(f"no such content_type: '{field}' ({', '.join(CONTENT_FIELDS)})")
    return CONTENT_FIELDS[field], request.FILES[field].read()


def _hma_signals(hashed: services.Hashed) -> dict[str, str]:
    names = HMA_NAMES.get(hashed.content_type)
    if names:
        found = {hma: hashed.values[ours] for ours, hma in names.items() if ours in hashed.values}
        if "vpdq" in found and hashed.vpdq_frames:  # HMA's form: JSON, with each frame's timestamp
            found["vpdq"] = signals.vpdq_to_hma(hashed.vpdq_frames)
        return found
    return dict(hashed.values)


def _hash_upload(request, *, check_quality: bool) -> tuple[services.Hashed, bytes]:
    expected, data = _one_upload(request)
    hashed = services.hash_content(data, check_quality=check_quality)
    if hashed.content_type != expected:
        raise PeaceError(f"the file is {hashed.content_type}, not {expected}")
    types = request.GET.get("types")
    if types is not None:
        wanted = {t.strip() for t in types.split(",") if t.strip()}
        unknown = wanted - set(_hma_signals(hashed))
        if unknown or not wanted:
            raise PeaceError(f"signal type '{sorted(unknown)[0]}' doesn't exist or is disabled" if unknown
                             else "empty signal type selection")  # fmt: skip
    return hashed, data


@api(policy.can_match, ("GET", "POST"))
def hash_media(request):
    if request.method == "GET":
        raise PeaceError("fetching content by url is disabled on this node: POST the file (multipart)")
    hashed, _ = _hash_upload(request, check_quality=False)
    return JsonResponse(_hma_signals(hashed))


def _bank_names(report: matching.Report) -> list[str]:
    return sorted({m.entry.bank.name for m in report.matches})


@api(policy.can_match, ("GET", "POST"))
def lookup(request):
    if request.method == "GET":
        if request.GET.get("url"):
            raise PeaceError("fetching content by url is disabled on this node: POST the file (multipart)")
        signal_type, signal = request.GET.get("signal_type"), request.GET.get("signal")
        for name, value in (("signal", signal), ("signal_type", signal_type)):
            if value is None:
                raise PeaceError(f"{name} is required")
        report = matching.match_signal(request.user, FROM_HMA.get(signal_type, signal_type), signal)
        return JsonResponse(_bank_names(report), safe=False)
    hashed, data = _hash_upload(request, check_quality=False)
    result = {}
    for ours, value in hashed.values.items():
        hma_name = HMA_NAMES.get(hashed.content_type, {}).get(ours, ours)
        if hashed.content_type in HMA_NAMES and ours not in HMA_NAMES[hashed.content_type]:
            continue
        if ours in ("pdq", "vpdq"):
            report = matching.match_signal(request.user, ours, value)
        elif ours.startswith("text_"):
            report = matching.match_text(request.user, hashed.text)
        else:
            report = matching.match_signal(request.user, ours, value)
        result[hma_name] = _bank_names(report)
    return JsonResponse(result)


def bank_json(bank: Bank) -> dict:
    return {"name": bank.name, "matching_enabled_ratio": 1.0 if bank.enabled else 0.0}


@api(policy.can_read_banks, ("GET", "POST"))
def banks(request):
    if request.method == "GET":
        return JsonResponse([bank_json(b) for b in Bank.objects.order_by("name")], safe=False)
    if not policy.can_manage_banks(request.user):
        return _error("not allowed for this account", 403)
    data = _json_body(request)
    name = data.get("name")
    if name is None:
        raise PeaceError("name is required")
    enabled = True
    if "enabled_ratio" in data:
        try:
            enabled = float(data["enabled_ratio"]) > 0
        except (TypeError, ValueError):
            raise PeaceError(f"Invalid float: '{data['enabled_ratio']}'") from None
    elif "enabled" in data:
        enabled = str(data["enabled"]).lower() in ("true", "1")
    if isinstance(name, str) and Bank.objects.filter(name=name).exists():
        return _error("Bank already exists", 403)
    bank = services.create_bank(request.user, str(name), enabled=enabled)
    return JsonResponse(bank_json(bank), status=201)


def _json_body(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise PeaceError("the body is not JSON") from None
    if not isinstance(data, dict):
        raise PeaceError("this endpoint expects a json object payload")
    return data


def _bank(name: str) -> Bank | None:
    return Bank.objects.filter(name=name).select_related("owner").first()


@api(policy.can_read_banks, ("GET",))
def bank(request, name: str):
    found = _bank(name)
    if found is None:
        return _error(f"bank '{name}' not found", 404)
    return JsonResponse(bank_json(found))


def _added(entry: BankEntry, signals: dict) -> JsonResponse:
    return JsonResponse({"id": entry.pk, "signals": signals})


@api(policy.can_manage_banks, ("POST",))
def bank_content(request, name: str):
    found = _bank(name)
    if found is None:
        return _error(f"bank '{name}' not found", 404)
    if request.GET.get("url"):
        raise PeaceError("fetching content by url is disabled on this node: POST the file (multipart)")
    if not request.FILES:
        raise PeaceError("Neither `url` nor multipart file upload was received")
    hashed, data = _hash_upload(request, check_quality=True)
    entry = services.add_content(request.user, found, data, services.Labels())
    return _added(entry, _hma_signals(hashed))


@api(policy.can_manage_banks, ("POST",))
def bank_signal(request, name: str):
    from hotline.peace import imports

    found = _bank(name)
    if found is None:
        return _error(f"bank '{name}' not found", 404)
    data = _json_body(request)
    if not data:
        raise PeaceError("No signals given")
    rows = []
    for kind, value in data.items():
        try:
            rows.append(imports.validate_row({kind: value}))
        except ValueError as exc:
            raise PeaceError(f"Invalid {kind} signal: {exc}") from None
    merged = {}
    for row in rows:
        merged.update(row)
    entry = services.add_entries(request.user, found, [merged])[0]
    return _added(entry, {k: v for k, v in data.items()})


LABEL_FIELDS = ("organisation", "behaviour", "tags", "tlp", "notes")


def entry_json(entry: BankEntry) -> dict:
    found = entry.signals()
    if "vpdq" in found:  # HMA's form; the stored form has no timestamps: frames are one a second
        frames = [pdq.split(",") for pdq in found["vpdq"].split()]
        step = signals.VPDQ_SECONDS_PER_HASH
        found["vpdq"] = signals.vpdq_to_hma([(n, p, int(q), n * step) for n, (p, q) in enumerate(frames)])
    return {
        "id": entry.pk,
        "bank": entry.bank.name,
        "content_type": entry.content_type,
        "signals": found,
        "enabled": not entry.revoked,
        "revoked_at": entry.revoked_at.isoformat() if entry.revoked else None,
        "organisation": entry.organisation,
        "behaviour": entry.behaviour,
        "tags": entry.tags,
        "tlp": entry.tlp,
        "notes": entry.notes,
        "source": entry.source.name if entry.source_id else None,
    }


@api(policy.can_read_banks, ("GET", "PUT", "DELETE"))
def bank_content_item(request, name: str, content_id: int):
    found = _bank(name)
    if found is None:
        return _error(f"bank '{name}' not found", 404)
    entry = found.entries.select_related("bank", "bank__owner", "source").filter(pk=content_id).first()
    if entry is None or not policy.can_see_entry(request.user, entry):
        return _error(f"content {content_id} not found in bank '{name}'", 404)
    if request.method == "GET":
        return JsonResponse(entry_json(entry))
    if not policy.can_manage_banks(request.user):
        return _error("not allowed for this account", 403)
    if request.method == "DELETE":
        if entry.revoked:
            return JsonResponse({"deleted": 0})
        services.revoke_entry(request.user, entry, request.GET.get("reason", ""))
        return JsonResponse({"deleted": 1})
    data = _json_body(request)
    unknown = sorted(set(data) - set(LABEL_FIELDS))
    if unknown or not data:
        raise PeaceError(
            f"unexpected keys: {', '.join(unknown)}" if unknown else f"give any of {', '.join(LABEL_FIELDS)}"
        )
    tags = data.get("tags", entry.tags)
    texts = {k: data.get(k, getattr(entry, k)) for k in ("organisation", "behaviour", "tlp", "notes")}
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise PeaceError("tags: a list of strings expected")
    if not all(isinstance(v, str) for v in texts.values()):
        raise PeaceError("organisation, behaviour, tlp and notes are strings")
    labels = services.Labels(tags=[t.strip() for t in tags if t.strip()], **texts)
    services.edit_entry(request.user, entry, labels)
    return JsonResponse(entry_json(entry))
