"""A record, once written, cannot be changed or removed: the model and its queryset refuse, and so does the
database itself (triggers), whatever program issues the UPDATE or DELETE."""

import pytest
from django.db import DatabaseError, connection, transaction

from hotline.audit.chain import verify
from hotline.audit.models import AppendOnly, Record
from hotline.audit.services import record


@pytest.fixture
def written(db):
    return [record("login", actor="alice", entry_point="web", target="alice") for _ in range(3)]


def test_the_model_refuses_to_change_a_record(written):
    row = written[1]
    row.target = "bob"
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()
    assert Record.objects.get(pk=row.pk).target == "alice"


def test_the_queryset_refuses_bulk_changes(written):
    with pytest.raises(AppendOnly):
        Record.objects.filter(seq=2).update(target="bob")
    with pytest.raises(AppendOnly):
        Record.objects.all().delete()
    assert Record.objects.count() == 3


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_record SET target = 'bob' WHERE seq = 2", "DELETE FROM audit_record WHERE seq = 2"]
)
def test_the_database_refuses_update_and_delete(written, sql):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert Record.objects.filter(seq=2, target="alice").exists()
    assert verify().ok


def test_each_record_links_to_the_one_before(written):
    first, second, third = written
    assert [r.seq for r in written] == [1, 2, 3]
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert len({r.hash for r in written}) == 3
    verdict = verify()
    assert verdict.ok and verdict.count == 3 and verdict.head_hash == third.hash


def test_a_rolled_back_action_leaves_no_record_and_no_gap(db):
    record("export", actor="alice", entry_point="cli")
    with pytest.raises(RuntimeError), transaction.atomic():
        record("export", actor="alice", entry_point="cli")
        raise RuntimeError("the action failed")
    after = record("export", actor="alice", entry_point="cli")
    assert after.seq == 2
    assert verify().ok


def test_an_unknown_entry_point_is_refused(db):
    with pytest.raises(ValueError, match="entry point"):
        record("login", actor="alice", entry_point="carrier-pigeon")
    assert not Record.objects.exists()
