"""The process that prepares chunks (forked by `intel.add_objects` from 6,000 objects) inherits the parent's
open database connection. It must never use or close it: on PostgreSQL, closing it in the child (libpq's
PQfinish) would end the parent's session. The child finds no connection at all; the parent's session stays
the same session, in the same transaction, across several forked preparations. Runs on both databases (the
first test is PostgreSQL's session check where the server is PostgreSQL)."""

import pytest
from django.db import connection, connections

from hotline.intel import services
from hotline.intel.models import CollectionEntry
from tests.factories import sdo


def _session_id():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_backend_pid()")
            return cursor.fetchone()[0]
        cursor.execute("SELECT 1")
        return id(connection.connection)


def _close_every_connection():
    connections.close_all()


def _query_in_the_child():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def test_the_parent_keeps_its_session_across_several_forked_preparations(db):
    assert services._can_fork(), "this machine runs the parallel path (two CPUs, fork, one thread)"
    collection = services.create_collection("c", "C")
    session = _session_id()
    raw_connection = connection.connection

    stored = 0
    for _ in range(3):
        objects = [sdo("campaign") for _ in range(40)]
        result = services.add_objects(collection, objects, chunk_size=10, parallel=True)
        stored += len(result.successes)
        assert result.failures == []
        assert _session_id() == session
        assert connection.connection is raw_connection

    assert CollectionEntry.objects.filter(collection=collection).count() == stored == 120
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT state FROM pg_stat_activity WHERE pid = %s", [session])
            assert cursor.fetchone()[0] == "active"


def test_a_child_that_closes_every_connection_closes_none_of_the_parents(db):
    services.create_collection("c", "C")
    session = _session_id()

    with services.forked_pool() as pool:
        error = pool.submit(_close_every_connection).exception()

    assert _session_id() == session
    assert services.create_collection("d", "D").pk
    assert isinstance(error, RuntimeError) and "must not use the database" in str(error)


def test_a_child_that_queries_is_refused_before_reaching_the_parents_session(db):
    session = _session_id()

    with (
        services.forked_pool() as pool,
        pytest.raises(RuntimeError, match="connection 'default', .cursor"),
    ):
        pool.submit(_query_in_the_child).result()

    assert _session_id() == session
