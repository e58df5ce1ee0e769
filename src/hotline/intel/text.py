"""Finding stored objects by the words in them, for pickers and lists that people type into.

On PostgreSQL this is its own full-text search: a GIN index over `to_tsvector('simple', body::jsonb)` (the
words of the string values) of the named, human-facing types (migrations 0003, 0004), matched word by word as
prefixes. Without it, a word that occurs nowhere made the picker read every stored body (3–4 s at 1,000,000
objects). SQLite, the embedded default for small nodes, compares each word with LIKE over the bodies.

Both then match each typed part literally in the JSON (so a query of punctuation finds only what holds
it); callers check the words again on the object's text (e.g. without diacritics).
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Func, QuerySet

# The types the full-text index covers (changing it needs a migration that rebuilds the index).
SEARCHABLE_TYPES = (
    "threat-actor", "intrusion-set", "campaign", "indicator", "malware", "tool", "attack-pattern",
    "infrastructure", "location", "identity", "report", "vulnerability",
)  # fmt: skip

_NOT_WORD = re.compile(r"\W+")


class BodyWords(Func):
    """The words of the body's string values (JSON keys and escapes left out), written out so that it is the
    very expression the index is built on (migration 0004).

    jsonb refuses the escape \\u0000, which a stored string may hold, so NUL is read as a space: each escaped
    backslash is first written as \\u005c, so that what remains of "\\u0000" can only be a NUL's escape."""

    template = (
        r"to_tsvector('simple'::regconfig, "
        r"replace(replace(%(expressions)s, '\\', '\u005c'), '\u0000', '\u0020')::jsonb)"
    )
    output_field = SearchVectorField()


def words_of(query: str) -> list[str]:
    """The words of a typed query, lower-cased; punctuation separates words, as it does in the index."""
    return _NOT_WORD.sub(" ", query.casefold()).replace("_", " ").split()


def containing_words(entries: QuerySet, query: str) -> QuerySet:
    """Collection entries whose object's JSON holds every whitespace-separated part of `query` literally (any
    case), narrowed to the searchable types. On PostgreSQL the full-text index first narrows them to objects
    holding each word as a word prefix, so the literal check reads only those."""
    entries = entries.filter(type__in=SEARCHABLE_TYPES)
    words = words_of(query)
    if words and connection.vendor == "postgresql":
        # Words hold only word characters, so none can be read as a tsquery operator.
        tsquery = SearchQuery(" & ".join(f"{word}:*" for word in words), config="simple", search_type="raw")
        # The object's own type restates the index's condition, so the planner may use it.
        entries = entries.filter(obj__type__in=SEARCHABLE_TYPES).alias(words=BodyWords(F("obj__body")))
        entries = entries.filter(words=tsquery)
    # Literal, as typed: punctuation in a query ("' OR '1'='1", "%") finds only what holds it.
    for part in query.split():
        entries = entries.filter(obj__body__icontains=part)
    return entries
