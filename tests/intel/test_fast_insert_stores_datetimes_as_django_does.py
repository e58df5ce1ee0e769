from datetime import UTC, datetime, timedelta, timezone

from django.db import connection

from hotline.intel.services import _sqlite_datetime


def test_the_sqlite_datetime_text_is_what_django_would_store():
    samples = [
        datetime(2025, 6, 18, 9, 0, tzinfo=UTC),
        datetime(2025, 6, 18, 9, 0, 0, 123456, tzinfo=UTC),
        datetime(2025, 6, 18, 16, 0, 0, 1, tzinfo=timezone(timedelta(hours=7))),  # Jakarta time
        None,
    ]
    for value in samples:
        assert _sqlite_datetime(value) == connection.ops.adapt_datetimefield_value(value)
