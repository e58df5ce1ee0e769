"""NUL characters (U+0000). JSON may carry them ("\\u0000"), and Hotline's STIX store keeps them as data: an
object is stored as canonical JSON, which writes them escaped. PostgreSQL's text and jsonb columns cannot
hold one, so wherever text from outside goes into a column of its own, the same rule holds on SQLite and
PostgreSQL: what reports on an object (an id in a TAXII status, a quarantine entry) writes the NUL as the
escape `\\u0000`; what a partner sends to be filed (a message, a bank entry) is refused if it holds one."""

NUL = "\x00"
ESCAPE = "\\u0000"


def contains_nul(value) -> bool:
    """True if a NUL character occurs in any string (key or value) of a JSON value."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(contains_nul(k) or contains_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(contains_nul(v) for v in value)
    return False


def escape_nul(text: str) -> str:
    """`text` with each NUL character written as the six characters `\\u0000`."""
    return text.replace(NUL, ESCAPE) if NUL in text else text
