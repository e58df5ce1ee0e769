from datetime import UTC, datetime, timedelta, timezone

from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from hotline.intel.services import _sqlite_datetime


def test_the_sqlite_datetime_text_is_what_django_would_store():
    # Compared with Django's own SQLite adaptation, whichever database this run uses.
    sqlite_ops = SQLiteWrapper({"NAME": ":memory:", "TIME_ZONE": None}).ops
    samples = [
        datetime(2025, 6, 18, 9, 0, tzinfo=UTC),
        datetime(2025, 6, 18, 9, 0, 0, 123456, tzinfo=UTC),
        datetime(2025, 6, 18, 16, 0, 0, 1, tzinfo=timezone(timedelta(hours=7))),  # Jakarta time
        None,
    ]
    for value in samples:
        assert _sqlite_datetime(value) == sqlite_ops.adapt_datetimefield_value(value)
