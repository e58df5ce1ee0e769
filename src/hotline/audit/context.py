"""Where the current action comes from: the entry point (web, taxii, cli, federation, worker) and, for a web
or API request, the request (its user and address). Plain Python, importable before Django is set up.

The process sets its default once (`hotline` commands: cli; `hotline worker`: worker); the web middleware
and the TAXII endpoints set theirs per request, so a service called from any of them records the right one
without being told.
"""

import contextlib
import contextvars
import functools
import getpass
from dataclasses import dataclass

WEB, TAXII, CLI, FEDERATION, WORKER = "web", "taxii", "cli", "federation", "worker"
ENTRY_POINTS = (WEB, TAXII, CLI, FEDERATION, WORKER)


@dataclass(frozen=True)
class Origin:
    entry_point: str
    request: object | None = None
    actor: object | None = None  # the user a command acts as (`--as`), when there is no request


_process_default = Origin(WEB)
_current: contextvars.ContextVar[Origin | None] = contextvars.ContextVar("hotline_audit_origin", default=None)


def set_process_entry_point(entry_point: str) -> None:
    """The entry point of everything this process does outside a request (a command, the worker)."""
    global _process_default
    if entry_point not in ENTRY_POINTS:
        raise ValueError(f"unknown entry point {entry_point!r}")
    _process_default = Origin(entry_point)


def set_process_actor(user) -> None:
    """The user this process acts as (a command's `--as`): actions without a request are theirs."""
    global _process_default
    _process_default = Origin(_process_default.entry_point, None, user)


def current() -> Origin:
    return _current.get() or _process_default


@contextlib.contextmanager
def origin(entry_point: str, request=None):
    """Within this block, actions come from `entry_point` (and `request`, if any)."""
    if entry_point not in ENTRY_POINTS:
        raise ValueError(f"unknown entry point {entry_point!r}")
    token = _current.set(Origin(entry_point, request))
    try:
        yield
    finally:
        _current.reset(token)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (a container)
        return ""


class AuditOriginMiddleware:
    """Marks each web request as the origin of what it does (TAXII views narrow it to `taxii`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with origin(WEB, request):
            return self.get_response(request)


def entry_point_view(entry_point: str):
    """A view decorator: the request's actions come from `entry_point` (e.g. taxii)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            with origin(entry_point, request):
                return view(request, *args, **kwargs)

        return wrapper

    return decorate
