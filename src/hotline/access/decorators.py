"""The guard of a feature's pages: a sign-in, then the access policy's answer, then the view.

A feature passes its policy predicate, its own "not allowed" and "not found" pages, and the exceptions that
mean each; the view itself stays free of those checks."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render


def guarded_view(allowed, *, denied: str, not_found: str, refusals: tuple = (), missing: tuple = ()):
    """`allowed(user)` decides entry (403 with `denied` otherwise); a `refusals` exception raised by the view
    is a 403 too, a `missing` one a 404 with `not_found` (what the user may not see does not exist)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                return render(request, denied, status=403)
            try:
                return view(request, *args, **kwargs)
            except refusals:
                return render(request, denied, status=403)
            except missing:
                return render(request, not_found, status=404)

        return wrapper

    return decorate
