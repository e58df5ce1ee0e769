"""Search across subject, body and attached intelligence, in Indonesian, Vietnamese and English.

Each message keeps `search_text`: its words lower-cased, without diacritics (Vietnamese "Cảnh báo khẩn" is
stored as "canh bao khan"; đ becomes d). A query is normalised the same way and every word must occur: one
database query on that column, never a scan in Python. SQLite looks each word up with LIKE; PostgreSQL uses
its own full-text search (the `simple` configuration, each word as a prefix) on a GIN index over the column.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.db import connection
from django.db.models import QuerySet

from hotline.access import policy
from hotline.desk.models import Message

# Letters that carry no combining mark under Unicode decomposition, mapped by hand.
_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})
_NOT_WORD = re.compile(r"[^\w]+")
# Properties of attached STIX objects whose text is searchable.
TEXT_PROPERTIES = (
    "name", "description", "abstract", "content", "aliases", "objective", "pattern", "value",
    "labels", "city", "country", "goals", "roles",
)  # fmt: skip


def normalise(text: str) -> str:
    """Lower case, no diacritics, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", plain).replace("_", " ").split())


def object_text(obj: dict) -> str:
    parts = []
    for name in TEXT_PROPERTIES:
        value = obj.get(name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            parts.extend(v for v in value if isinstance(v, str))
    return " ".join(parts)


def search_text(subject: str, body: str, objects: Iterable[dict] = (), file_names: Iterable[str] = ()) -> str:
    return normalise(" ".join([subject, body, *map(object_text, objects), *file_names]))


def search(user, query: str, *, messages: QuerySet | None = None) -> QuerySet:
    """The messages the user may see that contain every word of `query` (newest first)."""
    terms = normalise(query or "").split()
    found = policy.visible_messages(user, messages if messages is not None else Message.objects.all())
    if not terms:
        return found.none()
    if connection.vendor == "postgresql":
        found = _full_text(found, terms)
    else:
        for term in terms:
            found = found.filter(search_text__contains=term)
    return found.select_related("partner", "assigned_to").order_by("-created_at")


def _full_text(messages: QuerySet, terms: list[str]) -> QuerySet:
    from django.contrib.postgres.search import SearchQuery, SearchVector

    # Normalised terms hold only word characters, so none can be read as a tsquery operator.
    query = SearchQuery(" & ".join(f"{term}:*" for term in terms), config="simple", search_type="raw")
    return messages.annotate(search_vector=SearchVector("search_text", config="simple")).filter(
        search_vector=query
    )
