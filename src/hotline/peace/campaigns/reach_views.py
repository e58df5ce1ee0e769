"""The pages of reach (thin: they call links, metrics_import, dashboard, report and sharing)."""

from django.http import HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from hotline.peace.campaigns import links

_PRIVATE_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


@require_safe
def visit(request, code: str):
    """`/r/<code>`: a 302 to the ambassador's content, one visit counted (GET only: a HEAD, as link
    previewers send, is answered without counting). Nothing about the visitor is read or kept, and no
    cookie is set."""
    # Without a session on the request, SessionMiddleware saves nothing and sets no cookie on the way out
    # (a signed-in officer's session is not even refreshed by following a link).
    request.__dict__.pop("session", None)
    target = links.visit(code, count=request.method == "GET")
    if target is None:
        response = HttpResponse(b"Not found\n", status=404, content_type="text/plain; charset=utf-8")
    else:
        response = HttpResponseRedirect(target)
    for name, value in _PRIVATE_HEADERS.items():
        response[name] = value
    return response
