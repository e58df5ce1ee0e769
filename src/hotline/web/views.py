import hmac

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from prometheus_client import CONTENT_TYPE_LATEST

from hotline.access import policy
from hotline.node import health as health_checks


def home(request):
    collections = policy.visible_collections(request.user).order_by("alias")
    return render(request, "web/home.html", {"collections": collections})


def health(request):
    """Alive: the process answers (a load balancer's liveness check)."""
    return JsonResponse({"status": "ok"})


def ready(request):
    """Ready: the database answers and is migrated (a load balancer's readiness check)."""
    problems = health_checks.readiness()
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ready"})


def metrics(request):
    """Prometheus metrics: for the token in HOTLINE_METRICS_TOKEN, or from this machine when none is set."""
    expected = settings.METRICS_TOKEN
    if expected:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        allowed = hmac.compare_digest(given.encode(), expected.encode())
    else:
        allowed = request.META.get("REMOTE_ADDR") in ("127.0.0.1", "::1")
    if not allowed:
        return HttpResponse("metrics: not allowed\n", status=403, content_type="text/plain")
    return HttpResponse(health_checks.metrics_text(), content_type=CONTENT_TYPE_LATEST)
