"""What the security tests of the web need: every URL pattern of the node made into an address a user can GET,
with real objects behind it where the pattern takes one (a message, an attachment, a shift, a collection)."""

import re
import uuid
from types import SimpleNamespace

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hotline.desk.attachments import AttachmentFile
from hotline.desk.models import DutyShift
from tests.desk import conftest as desk_fixtures
from tests.desk.views_support import sent

__all__ = ["desk_fixtures", "page_addresses", "samples", "url_patterns"]

# Stand-ins for a parameter no sample names: the page answers (404 most likely), and is checked all the same.
_FALLBACK = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": str(uuid.uuid4())}
_PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def url_patterns(patterns=None, prefix: str = "", namespace: str | None = None):
    """(route, namespace, name) of every URL pattern, resolvers followed; regular expressions as given."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace, pattern.name


def samples(desk) -> dict:
    """Real values for the parameters of the node's own pages."""
    message = sent(
        desk,
        to="internal",
        attachments=[AttachmentFile("note.txt", b"Batam 21:00\n")],
    )
    shift = DutyShift.objects.first()  # the desk fixture's: alice on duty
    return {
        "stix_id": message.stix_id,
        "action": "acknowledge",
        "attachment": str(message.attachments.first().pk),
        "shift": str(shift.pk),
        "api_root": "api",
        "collection_id": "intel",
        "object_id": message.stix_id,
        "status_id": str(uuid.uuid4()),
    }


def _address(route: str, name: str | None, values: dict) -> str | None:
    if route.startswith("^") or "(?" in route:  # a regular expression (TAXII's catch-all): one example
        return "/taxii2/no/such/endpoint/" if route.startswith("taxii2/") else None

    def value(match):
        converter, parameter = match.group(1) or "str", match.group(2)
        if parameter == "pk":
            return values["attachment"] if name == "attachment" else values["shift"]
        return values.get(parameter, _FALLBACK.get(converter, "x"))

    return "/" + _PARAMETER.sub(value, route)


def page_addresses(desk) -> list[SimpleNamespace]:
    """Every page of the node outside the Django admin, plus the admin's index and each model's list."""
    values = samples(desk)
    found = []
    for route, namespace, name in url_patterns():
        if namespace == "admin":
            continue
        address = _address(route, name, values)
        if address is not None:
            found.append(SimpleNamespace(address=address, name=f"{namespace}:{name}" if namespace else name))
    found.append(SimpleNamespace(address=reverse("admin:index"), name="admin:index"))
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        found.append(SimpleNamespace(address=url, name=f"admin:{opts.model_name}"))
    return found
