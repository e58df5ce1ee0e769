"""The OpenAPI 3.1 description of the node's HTTP API (TAXII 2.1 and the health check), served at
/api/openapi.json. tests/web/test_security_api_fuzzed_with_schemathesis.py fuzzes a live node against it;
docs/api.md explains it in prose."""

from django.conf import settings
from django.http import JsonResponse

from hotline.taxii.http import TAXII_MEDIA_TYPE

STIX_MEDIA_TYPE = "application/stix+json;version=2.1"
_TIMESTAMP = {
    "type": "string",
    "description": "A STIX timestamp in UTC, e.g. 2025-06-18T09:00:00.000Z",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$",
}
_BUNDLE_ID = (
    r"^bundle--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"
)
_ERRORS = {
    400: "A malformed filter, parameter or body; the description says which",
    401: "No or wrong credentials (HTTP Basic, or Authorization: Token/Bearer with an API token)",
    403: "Authenticated, but not allowed to read (or write) this collection",
    404: "No such API root, collection, object or status for this user",
    405: "The method is not supported at this address (see the Allow header)",
    406: "The client does not accept application/taxii+json;version=2.1",
    413: "The request body is larger than max_content_length",
    415: "A POST body that is not application/taxii+json;version=2.1",
    422: "JSON that is not a TAXII envelope",
    500: "An internal error (never with a stack trace)",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _taxii(schema: dict) -> dict:
    return {TAXII_MEDIA_TYPE: {"schema": schema}}


def _errors(*codes: int) -> dict:
    errors = {
        str(code): {"description": _ERRORS[code], "content": _taxii(_ref("error"))}
        for code in (401, 405, 406, 500, *codes)
    }
    errors["401"]["headers"] = {
        "WWW-Authenticate": {"schema": {"type": "string"}, "description": "Basic realm=..."}
    }
    errors["405"]["headers"] = {"Allow": {"schema": {"type": "string"}, "description": "allowed methods"}}
    return errors


def _ok(description: str, schema: dict, *, status: str = "200", date_headers: bool = False) -> dict:
    answer = {"description": description, "content": _taxii(schema)}
    if date_headers:
        answer["headers"] = {
            "X-TAXII-Date-Added-First": {
                "schema": _TIMESTAMP,
                "description": "date_added of the first object",
            },
            "X-TAXII-Date-Added-Last": {"schema": _TIMESTAMP, "description": "date_added of the last object"},
        }
    return {status: answer}


def _query(name: str, description: str, schema: dict | None = None) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _path(name: str, description: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


_API_ROOT = _path("api_root", "The node's one API root", {"type": "string", "enum": ["api"]})
_COLLECTION = _path(
    "collection_id",
    "A collection's UUID, or its alias (e.g. intel)",
    {"type": "string", "minLength": 1, "pattern": r"^[^/?#]+$", "examples": ["intel", "public", "to-mps"]},
)
_OBJECT = _path(
    "object_id",
    "A STIX identifier, e.g. indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
    {"type": "string", "minLength": 1, "pattern": r"^[^/?#]+$"},
)
_STATUS = _path("status_id", "The id of a status resource", {"type": "string", "pattern": r"^[^/?#]+$"})
# In a query, an empty value is the same as none (the default applies).
_EMPTY = {"type": "string", "maxLength": 0}
_ADDED_AFTER = _query(
    "added_after", "Only what was added to the collection after this time", {"anyOf": [_TIMESTAMP, _EMPTY]}
)
_LIMIT = _query(
    "limit",
    "Largest number of items in the answer (capped at the node's maximum page size)",
    {"anyOf": [{"type": "integer", "minimum": 1}, _EMPTY]},
)
_NEXT = _query("next", "The `next` value of the previous page")
_MATCH = {
    name: _query(f"match[{name}]", description)
    for name, description in (
        ("id", "Comma-separated STIX ids"),
        ("type", "Comma-separated STIX types"),
        ("version", "Comma-separated: first, last, all, or STIX timestamps (default: last)"),
        ("spec_version", "Comma-separated STIX versions: 2.0, 2.1"),
    )
}


def _schemas() -> dict:
    paged = {"more": {"type": "boolean"}, "next": {"type": "string"}}
    return {
        "error": {
            "type": "object",
            "description": "A TAXII 2.1 error message (section 3.6.1)",
            "required": ["title"],
            "properties": {
                "title": {"type": "string"},
                "description": {"type": "string"},
                "error_id": {"type": "string"},
                "error_code": {"type": "string"},
                "http_status": {"type": "string"},
                "external_details": {"type": "string"},
                "details": {"type": "object"},
            },
        },
        "discovery": {
            "type": "object",
            "required": ["title"],
            "properties": {
                "title": {"type": "string"},
                "description": {"type": "string"},
                "contact": {"type": "string"},
                "default": {"type": "string"},
                "api_roots": {"type": "array", "items": {"type": "string"}},
            },
        },
        "api-root": {
            "type": "object",
            "required": ["title", "versions", "max_content_length"],
            "properties": {
                "title": {"type": "string"},
                "description": {"type": "string"},
                "versions": {"type": "array", "items": {"type": "string"}},
                "max_content_length": {"type": "integer", "minimum": 1},
            },
        },
        "status": {
            "type": "object",
            "required": ["id", "status", "total_count", "success_count", "failure_count", "pending_count"],
            "properties": {
                "id": {"type": "string"},
                "status": {"type": "string", "enum": ["pending", "complete"]},
                "request_timestamp": _TIMESTAMP,
                "total_count": {"type": "integer", "minimum": 0},
                "success_count": {"type": "integer", "minimum": 0},
                "successes": {"type": "array", "items": _ref("status-detail")},
                "failure_count": {"type": "integer", "minimum": 0},
                "failures": {"type": "array", "items": _ref("status-detail")},
                "pending_count": {"type": "integer", "minimum": 0},
                "pendings": {"type": "array", "items": _ref("status-detail")},
            },
        },
        "status-detail": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "version": {"type": "string"},
                "message": {"type": "string"},
            },
        },
        "collection": {
            "type": "object",
            "required": ["id", "title", "can_read", "can_write"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "title": {"type": "string"},
                "description": {"type": "string"},
                "alias": {"type": "string"},
                "can_read": {"type": "boolean"},
                "can_write": {"type": "boolean"},
                "media_types": {"type": "array", "items": {"type": "string"}},
            },
        },
        "collections": {
            "type": "object",
            "properties": {"collections": {"type": "array", "items": _ref("collection")}},
        },
        "manifest": {
            "type": "object",
            "properties": {
                **paged,
                "objects": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "date_added", "version"],
                        "properties": {
                            "id": {"type": "string"},
                            "date_added": _TIMESTAMP,
                            "version": _TIMESTAMP,
                            "media_type": {"type": "string"},
                        },
                    },
                },
            },
        },
        "stix-object": {
            "type": "object",
            "description": "A STIX 2.1 object; the node validates every property of every type it accepts",
            "required": ["type", "id"],
            "properties": {
                "type": {"type": "string"},
                "id": {"type": "string"},
                "spec_version": {"type": "string"},
                "created": _TIMESTAMP,
                "modified": _TIMESTAMP,
            },
        },
        "envelope": {
            "type": "object",
            "properties": {**paged, "objects": {"type": "array", "items": _ref("stix-object")}},
        },
        "envelope-in": {
            "description": (
                "A TAXII envelope or a STIX bundle. Its objects are not checked here: the node validates "
                "each, and the status lists every failure with its reason. more and next are ignored"
            ),
            "oneOf": [
                {
                    "type": "object",
                    "properties": {"more": {}, "next": {}, "objects": {"type": "array"}},
                    "additionalProperties": False,
                },
                {
                    "type": "object",
                    "required": ["type", "id"],
                    "properties": {
                        "type": {"const": "bundle"},
                        "id": {"type": "string", "pattern": _BUNDLE_ID},
                        "objects": {"type": "array"},
                    },
                },
            ],
        },
        "versions": {
            "type": "object",
            "properties": {**paged, "versions": {"type": "array", "items": _TIMESTAMP}},
        },
    }


def _operation(operation_id: str, summary: str, parameters: list, responses: dict, **extra) -> dict:
    return {
        "operationId": operation_id,
        "summary": summary,
        "tags": ["TAXII 2.1"],
        "parameters": parameters,
        "responses": responses,
        **extra,
    }


def _paths() -> dict:
    collection = [_API_ROOT, _COLLECTION]
    objects_filters = [_ADDED_AFTER, _LIMIT, _NEXT, *_MATCH.values()]
    return {
        "/taxii2/": {
            "get": _operation(
                "getDiscovery", "Server discovery", [], {**_ok("Discovery", _ref("discovery")), **_errors()}
            )
        },
        "/taxii2/{api_root}/": {
            "get": _operation(
                "getApiRoot",
                "API root: versions and max_content_length",
                [_API_ROOT],
                {**_ok("The API root", _ref("api-root")), **_errors(404)},
            )
        },
        "/taxii2/{api_root}/status/{status_id}/": {
            "get": _operation(
                "getStatus",
                "The outcome of a POST of objects (to the user who posted it)",
                [_API_ROOT, _STATUS],
                {**_ok("The status", _ref("status")), **_errors(404)},
            )
        },
        "/taxii2/{api_root}/collections/": {
            "get": _operation(
                "getCollections",
                "The collections this user may read or write",
                [_API_ROOT],
                {**_ok("Collections", _ref("collections")), **_errors(404)},
            )
        },
        "/taxii2/{api_root}/collections/{collection_id}/": {
            "get": _operation(
                "getCollection",
                "One collection",
                collection,
                {**_ok("The collection", _ref("collection")), **_errors(404)},
            )
        },
        "/taxii2/{api_root}/collections/{collection_id}/manifest/": {
            "get": _operation(
                "getManifest",
                "The manifest of the collection's objects",
                collection + objects_filters,
                {
                    **_ok("A page of the manifest", _ref("manifest"), date_headers=True),
                    **_errors(400, 403, 404),
                },
            )
        },
        "/taxii2/{api_root}/collections/{collection_id}/objects/": {
            "get": _operation(
                "getObjects",
                "The collection's objects",
                collection + objects_filters,
                {**_ok("A page of objects", _ref("envelope"), date_headers=True), **_errors(400, 403, 404)},
            ),
            "post": _operation(
                "addObjects",
                "Add objects: each is validated; the status reports every success and failure",
                collection,
                {
                    **_ok("The status of the request", _ref("status"), status="202"),
                    **_errors(400, 403, 404, 413, 415, 422),
                },
                requestBody={
                    "required": True,
                    "content": {TAXII_MEDIA_TYPE: {"schema": _ref("envelope-in")}},
                },
            ),
        },
        "/taxii2/{api_root}/collections/{collection_id}/objects/{object_id}/": {
            "get": _operation(
                "getObject",
                "The versions of one object (latest by default)",
                [
                    *collection,
                    _OBJECT,
                    _ADDED_AFTER,
                    _LIMIT,
                    _NEXT,
                    _MATCH["version"],
                    _MATCH["spec_version"],
                ],
                {
                    **_ok("A page of the object's versions", _ref("envelope"), date_headers=True),
                    **_errors(400, 403, 404),
                },
            ),
            "delete": _operation(
                "deleteObject",
                "Remove an object (every version unless match[version] narrows it) from the collection",
                [*collection, _OBJECT, _MATCH["version"], _MATCH["spec_version"]],
                {"200": {"description": "Removed"}, **_errors(400, 403, 404)},
            ),
        },
        "/taxii2/{api_root}/collections/{collection_id}/objects/{object_id}/versions/": {
            "get": _operation(
                "getObjectVersions",
                "The version timestamps of one object",
                [*collection, _OBJECT, _ADDED_AFTER, _LIMIT, _NEXT, _MATCH["spec_version"]],
                {**_ok("A page of versions", _ref("versions"), date_headers=True), **_errors(400, 403, 404)},
            )
        },
        "/healthz": {
            "get": {
                "operationId": "getHealth",
                "summary": "Whether the node answers (no authentication)",
                "tags": ["Node"],
                "security": [],
                "responses": {
                    "200": {
                        "description": "The node is up",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["status"],
                                    "properties": {"status": {"const": "ok"}},
                                }
                            }
                        },
                    }
                },
            }
        },
    }


def document(base_url: str = "") -> dict:
    """The OpenAPI 3.1 document; `base_url` (scheme and host, no path) becomes its server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"Hotline node {settings.NODE_TITLE}",
            "version": "2.1",
            "summary": "TAXII 2.1 server of a Hotline node (Indonesia-Vietnam JWG on Counter-Terrorism)",
            "description": (
                "Every TAXII answer is application/taxii+json;version=2.1 and every error a TAXII error "
                f"message. Request bodies are limited to {settings.TAXII_MAX_CONTENT_LENGTH} bytes. "
                "Authenticate with an API token (Authorization: Token <token>, or Bearer). HTTP Basic is "
                "accepted only for roles that need no second factor; for the others it is a 401 saying so."
            ),
        },
        "servers": [{"url": base_url or "/"}],
        "security": [{"basic": []}, {"token": []}],
        "paths": _paths(),
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "basic": {"type": "http", "scheme": "basic", "description": "A node account"},
                "token": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token (hotline token create); the scheme Token works too",
                },
            },
        },
    }


def openapi_json(request):
    return JsonResponse(document(request.build_absolute_uri("/").rstrip("/")))
