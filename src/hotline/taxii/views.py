"""The TAXII 2.1 endpoints (OASIS Standard, 10 June 2021, sections 4-5): parse, ask policy, call services."""

import functools
import logging
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from hotline import stix
from hotline.access import policy, request_cache
from hotline.access.auth import authenticate_request, refusal
from hotline.audit import context as audit_context
from hotline.audit import services as audit
from hotline.federation import services as federation
from hotline.intel import queries
from hotline.intel import services as intel
from hotline.intel.models import Collection
from hotline.taxii import filters, services
from hotline.taxii.http import TaxiiError, accepts_taxii, is_taxii_content, taxii_response
from hotline.taxii.models import Status

log = logging.getLogger(__name__)

STIX_MEDIA_TYPE = "application/stix+json;version=2.1"
API_ROOT = "api"
NO_CREDENTIALS = (
    "Use an API token (Authorization: Token …), or HTTP Basic with an account whose role does not require "
    "two-factor authentication"
)


def taxii_endpoint(*methods: str):
    """Authenticate, negotiate the media type, and answer every failure as a TAXII error message."""

    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        @audit_context.entry_point_view(audit_context.TAXII)
        def wrapper(request, *args, **kwargs):
            try:
                if request.method not in methods:
                    raise TaxiiError(
                        405,
                        "Method not allowed",
                        f"{request.method} is not supported here",
                        {"Allow": ", ".join(methods)},
                    )
                user = authenticate_request(request)
                if user is None:
                    audit.credentials_refused(request)
                    refused = refusal(request)
                    raise TaxiiError(
                        401,
                        "Authentication required",
                        refused.message if refused else NO_CREDENTIALS,
                        {"WWW-Authenticate": 'Basic realm="Hotline TAXII", charset="UTF-8"'},
                    )
                if not accepts_taxii(request.headers.get("Accept")):
                    raise TaxiiError(
                        406, "Not acceptable", "This server answers application/taxii+json;version=2.1 only"
                    )
                request.taxii_user = user
                return view(request, *args, **kwargs)
            except TaxiiError as error:
                return error.response()
            except Exception:
                log.exception("TAXII request failed: %s %s", request.method, request.path)
                return TaxiiError(
                    500, "Internal error", "The server could not complete the request"
                ).response()

        return wrapper

    return decorate


def _url(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _collection(request, collection_id: str) -> Collection:
    current = request_cache.request_generation(request)
    collection = request_cache.collection(collection_id, current)
    if collection is None:
        try:
            collection = Collection.objects.filter(pk=collection_id).first()
        except ValidationError:
            collection = None
        collection = collection or Collection.objects.filter(alias=collection_id).first()
        if collection is not None:
            request_cache.remember_collection(collection_id, current, collection)
    if collection is None or not policy.can_see_collection(request.taxii_user, collection):
        raise TaxiiError(404, "Unknown collection", f"No collection {collection_id!r} on this API root")
    return collection


def _readable(request, collection_id: str) -> Collection:
    collection = _collection(request, collection_id)
    if not policy.can_read_collection(request.taxii_user, collection):
        raise TaxiiError(403, "Forbidden", "You may not read this collection")
    return collection


def _writable(request, collection_id: str) -> Collection:
    collection = _collection(request, collection_id)
    if not policy.can_write_collection(request.taxii_user, collection):
        raise TaxiiError(403, "Forbidden", "You may not write to this collection")
    return collection


def _visible(request, collection: Collection, spec: queries.EntryFilter):
    """The entries matching a filter that the requesting user may see (compartments, TLP: the policy).

    The policy's part of the query is built once per user object and collection and then only narrowed by
    each request's filter: an API token's user object lives in the per-process cache for as long as the
    access generation is unchanged (access/request_cache.py), and building the ORM query was a quarter of
    a `match[id]` GET. Compartments and named recipients are subqueries, read when the page is."""
    return queries.filter_entries(_visible_base(request, collection)[0], spec)


def _visible_base(request, collection: Collection):
    """(the policy's query of the entries the user may see, a memo of the pages prepared from it)."""
    user = request.taxii_user
    bases = user.__dict__.setdefault("_hotline_visible_entries", {})
    base = bases.get(collection.pk)
    if base is None:
        visible = policy.visible_entries(user, queries.collection_entries(collection))
        base = bases[collection.pk] = (visible, {})
    return base


def _api_root(api_root: str) -> None:
    if api_root != API_ROOT:
        raise TaxiiError(404, "Unknown API root", f"No API root {api_root!r} on this server")


def _date_headers(page: queries.Page) -> dict:
    if not page.rows:
        return {}
    return {
        "X-TAXII-Date-Added-First": stix.format_timestamp(page.first_added),
        "X-TAXII-Date-Added-Last": stix.format_timestamp(page.last_added),
    }


def _paging_fields(page: queries.Page) -> str:
    if page.more:
        return f'"more":true,"next":"{filters.encode_cursor(page.last_added)}"'
    return '"more":false'


@taxii_endpoint("GET")
def discovery(request):
    root = _url(request, "taxii:api-root", API_ROOT)
    return taxii_response(
        {
            "title": f"Hotline node {settings.NODE_TITLE}",
            "description": "TAXII 2.1 server of a Hotline node (Indonesia-Vietnam JWG on Counter-Terrorism)",
            "default": root,
            "api_roots": [root],
        }
    )


@taxii_endpoint("GET")
def api_root(request, api_root):
    _api_root(api_root)
    return taxii_response(
        {
            "title": f"Hotline {settings.NODE_TITLE}",
            "description": "Intelligence shared through the Hotline",
            "versions": ["application/taxii+json;version=2.1"],
            "max_content_length": settings.TAXII_MAX_CONTENT_LENGTH,
        }
    )


@taxii_endpoint("GET")
def status(request, api_root, status_id):
    _api_root(api_root)
    try:
        found = Status.objects.filter(pk=status_id).first()
    except ValidationError:  # not a UUID: no such status (a TAXII 404, not Django's HTML one)
        found = None
    if found is None or not policy.can_view_status(request.taxii_user, found.owner_id):
        raise TaxiiError(404, "Unknown status", f"No status {status_id} for you on this API root")
    return taxii_response(services.status_resource(found))


def _collection_resource(user, collection: Collection) -> dict:
    resource = {
        "id": str(collection.id),
        "title": collection.title,
        "alias": collection.alias,
        "can_read": policy.can_read_collection(user, collection),
        "can_write": policy.can_write_collection(user, collection),
        "media_types": [STIX_MEDIA_TYPE],
    }
    if collection.description:
        resource["description"] = collection.description
    return resource


@taxii_endpoint("GET")
def collections(request, api_root):
    _api_root(api_root)
    user = request.taxii_user
    found = [_collection_resource(user, c) for c in policy.visible_collections(user).order_by("alias")]
    return taxii_response({"collections": found} if found else {})


@taxii_endpoint("GET")
def collection(request, api_root, collection_id):
    _api_root(api_root)
    return taxii_response(_collection_resource(request.taxii_user, _collection(request, collection_id)))


@taxii_endpoint("GET")
def manifest(request, api_root, collection_id):
    _api_root(api_root)
    found = _readable(request, collection_id)
    spec = filters.parse_filter(request.GET, filters.OBJECTS_FILTERS)
    federation.note_partner_read(request.taxii_user, found, spec)
    page = queries.manifest_rows(_visible(request, found, spec), filters.parse_limit(request.GET))
    body = {"more": page.more}
    if page.more:
        body["next"] = filters.encode_cursor(page.last_added)
    if page.rows:
        body["objects"] = [
            {
                "id": stix_id,
                "date_added": stix.format_timestamp(added),
                "version": stix.format_timestamp(version),
                "media_type": STIX_MEDIA_TYPE,
            }
            for added, stix_id, version in page.rows
        ]
    return taxii_response(body, headers=_date_headers(page))


@taxii_endpoint("GET", "POST")
def objects(request, api_root, collection_id):
    _api_root(api_root)
    if request.method == "POST":
        return _add_objects(request, collection_id)
    found = _readable(request, collection_id)
    spec = filters.parse_filter(request.GET, filters.OBJECTS_FILTERS)
    federation.note_partner_read(request.taxii_user, found, spec)
    return _objects_page(request, found, spec)


def _objects_page(request, found: Collection, spec: queries.EntryFilter):
    # The page's SQL is compiled once per filter shape (per user object and collection), then reused.
    base, prepared = _visible_base(request, found)
    page = queries.prepared_object_bodies(base, spec, filters.parse_limit(request.GET), prepared)
    audit.objects_read(request.taxii_user, found, [body for _, body in page.rows])
    # The stored canonical JSON is spliced in as it is: no parse and re-serialise per object.
    objects = ',"objects":[' + ",".join(body for _, body in page.rows) + "]" if page.rows else ""
    return taxii_response("{" + _paging_fields(page) + objects + "}", headers=_date_headers(page))


def _add_objects(request, collection_id):
    found = _writable(request, collection_id)
    if not is_taxii_content(request.META.get("CONTENT_TYPE")):
        raise TaxiiError(
            415, "Unsupported media type", "Send objects as Content-Type: application/taxii+json;version=2.1"
        )
    declared = request.META.get("CONTENT_LENGTH")
    if declared and declared.isdigit() and int(declared) > settings.TAXII_MAX_CONTENT_LENGTH:
        raise TaxiiError(413, "Request too large", f"The limit is {settings.TAXII_MAX_CONTENT_LENGTH} bytes")
    try:
        raw = request.body
    except RequestDataTooBig:
        raise TaxiiError(
            413, "Request too large", f"The limit is {settings.TAXII_MAX_CONTENT_LENGTH} bytes"
        ) from None
    status = services.accept_objects(found, request.taxii_user, raw)
    return taxii_response(services.status_resource(status), status=202)


@taxii_endpoint("GET", "DELETE")
def object_detail(request, api_root, collection_id, object_id):
    _api_root(api_root)
    if request.method == "DELETE":
        found = _writable(request, collection_id)
        if not policy.can_read_collection(request.taxii_user, found):
            raise TaxiiError(403, "Forbidden", "Deleting needs read and write permission on the collection")
        spec = filters.parse_filter(
            request.GET, filters.OBJECT_FILTERS, default_version=queries.ALL, paged=False
        )
        entries = _visible(request, found, _with_id(spec, object_id))
        if not entries.exists():
            raise TaxiiError(404, "Unknown object", f"No {object_id} in this collection matches")
        intel.remove_object(found, entries)
        audit.record("object.delete", target=object_id, detail={"collection": found.alias})
        return taxii_response("", status=200)
    found = _readable(request, collection_id)
    spec = _with_id(filters.parse_filter(request.GET, filters.OBJECT_FILTERS), object_id)
    if not _visible(
        request, found, _with_id(queries.EntryFilter(versions=(queries.ALL,)), object_id)
    ).exists():
        raise TaxiiError(404, "Unknown object", f"No {object_id} in this collection")
    return _objects_page(request, found, spec)


@taxii_endpoint("GET")
def versions(request, api_root, collection_id, object_id):
    _api_root(api_root)
    found = _readable(request, collection_id)
    spec = _with_id(
        filters.parse_filter(request.GET, filters.VERSIONS_FILTERS, default_version=queries.ALL), object_id
    )
    if not _visible(
        request, found, _with_id(queries.EntryFilter(versions=(queries.ALL,)), object_id)
    ).exists():
        raise TaxiiError(404, "Unknown object", f"No {object_id} in this collection")
    page = queries.version_rows(_visible(request, found, spec), filters.parse_limit(request.GET))
    body = {"more": page.more}
    if page.more:
        body["next"] = filters.encode_cursor(page.last_added)
    if page.rows:
        body["versions"] = [stix.format_timestamp(version) for _, version in page.rows]
    return taxii_response(body, headers=_date_headers(page))


@taxii_endpoint("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
def not_found(request, *args, **kwargs):
    raise TaxiiError(404, "Not found", f"No TAXII endpoint at {request.path}")


def _with_id(spec: queries.EntryFilter, object_id: str) -> queries.EntryFilter:
    return replace(spec, ids=(object_id,))
