"""TAXII 2.1 on HTTP: media types, error bodies, and JSON responses."""

import json

from django.http import HttpResponse

TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1"
_TAXII_TYPE = "application/taxii+json"
_ANY = ("*/*", "application/*")


class TaxiiError(Exception):
    """An error answered as a TAXII error message (TAXII 2.1 section 3.6.1)."""

    def __init__(self, status: int, title: str, description: str = "", headers: dict | None = None):
        super().__init__(title)
        self.status = status
        self.title = title
        self.description = description
        self.headers = headers or {}

    def response(self) -> HttpResponse:
        body = {"title": self.title, "http_status": str(self.status)}
        if self.description:
            body["description"] = self.description
        response = taxii_response(body, status=self.status)
        for name, value in self.headers.items():
            response[name] = value
        return response


def _media_ranges(header: str):
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        params = {}
        for piece in pieces[1:]:
            key, _, value = piece.partition("=")
            params[key.strip().lower()] = value.strip().strip('"')
        yield media, params


def accepts_taxii(accept_header: str | None) -> bool:
    """True if the client accepts TAXII 2.1 JSON (no Accept header means it accepts anything)."""
    if not accept_header:
        return True
    for media, params in _media_ranges(accept_header):
        if params.get("q") == "0":
            continue
        if media in _ANY:
            return True
        if media == _TAXII_TYPE and params.get("version", "2.1") == "2.1":
            return True
    return False


def is_taxii_content(content_type: str | None) -> bool:
    if not content_type:
        return False
    media, params = next(_media_ranges(content_type))
    return media == _TAXII_TYPE and params.get("version", "2.1") == "2.1"


def taxii_response(data, status: int = 200, headers: dict | None = None) -> HttpResponse:
    body = (
        data if isinstance(data, bytes | str) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    )
    response = HttpResponse(body, status=status, content_type=TAXII_MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
