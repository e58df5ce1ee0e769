"""STIX 2.1 timestamps: ``YYYY-MM-DDTHH:MM:SS[.s+]Z``, always UTC.

We keep microseconds (TAXII needs them); digits beyond the sixth are truncated when parsing.
"""

import re
from datetime import UTC, datetime

from .errors import StixError

__all__ = ["TIMESTAMP_RE", "parse_timestamp", "format_timestamp", "now_utc"]

TIMESTAMP_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z\Z", re.ASCII)


def parse_timestamp(s: str) -> datetime:
    """Parse a STIX timestamp into an aware UTC datetime (microseconds kept)."""
    if not isinstance(s, str):
        raise StixError(f"timestamp must be a string, not {type(s).__name__}")
    m = TIMESTAMP_RE.match(s)
    if m is None:
        raise StixError(f"{s[:64]!r} is not a STIX timestamp (expected YYYY-MM-DDTHH:MM:SS[.sss]Z, in UTC)")
    year, month, day, hour, minute, second, frac = m.groups()
    micro = int((frac + "00000")[:6]) if frac else 0
    try:
        return datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tzinfo=UTC
        )
    except ValueError as exc:
        raise StixError(f"{s!r} is not a valid timestamp: {exc}") from None


def format_timestamp(dt: datetime) -> str:
    """Format an aware datetime as a STIX timestamp in UTC with 6 fractional digits."""
    if not isinstance(dt, datetime):
        raise StixError(f"expected a datetime, not {type(dt).__name__}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise StixError("cannot format a naive datetime as a STIX timestamp: give it a time zone (UTC)")
    dt = dt.astimezone(UTC)
    return (
        f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}"
        f".{dt.microsecond:06d}Z"
    )


def now_utc() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)
