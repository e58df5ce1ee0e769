from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hotline.access import second_factor
from hotline.web import navigation


def node(request):
    return {"node_name": settings.NODE_NAME, "node_title": settings.NODE_TITLE, "nav_items": _nav(request)}


def _nav(request) -> list[dict]:
    path = request.path
    items = [{"url": reverse("web:home"), "label": _("Home")}]
    user = getattr(request, "user", None)
    # A session half-way through signing in (password given, second factor not yet) sees no feature menu.
    if user is not None and second_factor.sign_in_complete(request):
        items += [
            {"url": reverse(name), "label": label}
            for name, label, allowed in navigation.ENTRIES
            if allowed(user)
        ]
    for item in items:
        item["active"] = item["url"] != "/" and path.startswith(item["url"]) or item["url"] == path
    return items
