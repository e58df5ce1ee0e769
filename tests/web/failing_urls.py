"""The node's URLs plus two addresses whose views fail with an unexpected exception (one on a page, one under
/taxii2/), for the tests of what a user sees then. Used as ROOT_URLCONF by those tests only."""

from django.urls import path

from hotline.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


class DeliberateFailure(Exception):
    """Raised by the failing views; its text must never reach the user."""


def fail(request):
    raise DeliberateFailure("SECRET-INTERNAL-DETAIL in /srv/hotline/settings.py line 42")


urlpatterns = [path("boom/", fail), path("taxii2/boom/", fail), *urlpatterns]
