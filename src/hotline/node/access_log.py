"""gunicorn's access log, minus who follows a tracked link: for `/r/…` the client's address, user agent and
referrer are replaced by "-" (the campaigns' reach counts visits, never visitors)."""

from gunicorn.glogging import Logger

PRIVATE_PREFIXES = ("/r/",)
_ANONYMOUS = ("h", "a", "f", "u")


class AccessLog(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        if (environ.get("PATH_INFO") or "").startswith(PRIVATE_PREFIXES):
            for name in _ANONYMOUS:
                atoms[name] = "-"
            for name in list(atoms):  # headers ({x-forwarded-for}i and the like) and the environ ({…}e)
                if name.startswith("{") and name.endswith(("}i", "}e")):
                    atoms[name] = "-"
        return atoms
