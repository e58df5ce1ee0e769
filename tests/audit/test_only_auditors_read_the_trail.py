"""Auditors, and nobody else, browse the trail (filtered by actor, action, entry point and dates) and export
it as CSV; the export is itself recorded. The page speaks English, Indonesian and Vietnamese."""

import csv
import io
from datetime import UTC, datetime

import pytest

from hotline.audit.chain import verify
from hotline.audit.services import record
from tests.audit.conftest import records
from tests.signin import signed_in_client

TITLE = {"en": "Audit trail", "id": "Jejak audit", "vi": "Nhật ký kiểm toán"}


@pytest.fixture
def trail(dave):
    record("login", actor="alice", entry_point="web", at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC))
    record(
        "login.failed", actor="", entry_point="taxii", target="bob", at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    )
    record("desk.send", actor="alice", entry_point="cli", target="hotline-message--1",
           at=datetime(2026, 3, 3, 9, 0, tzinfo=UTC))  # fmt: skip
    return dave


@pytest.mark.parametrize("actor", ["alice", "bob", "charlie"])
def test_the_three_actors_are_refused(actors, trail, actor):
    browser = signed_in_client(actors[actor])

    assert browser.get("/audit/").status_code == 403
    assert browser.get("/audit/export.csv").status_code == 403
    assert records("audit.export") == []


def test_an_anonymous_visitor_is_sent_to_log_in(client, trail):
    response = client.get("/audit/")

    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_menu_shows_the_trail_to_auditors_only(actors, trail):
    assert 'href="/audit/"' in signed_in_client(trail).get("/").content.decode()
    assert 'href="/audit/"' not in signed_in_client(actors["alice"]).get("/").content.decode()


def rows(page: str) -> int:
    return page.count("<tr>") - 1  # the header row


@pytest.mark.parametrize(
    ("query", "actions"),
    [
        ("actor=alice", ["desk.send", "login"]),
        ("action=login.failed", ["login.failed"]),
        ("action=desk.", ["desk.send"]),
        ("entry_point=taxii", ["login.failed"]),
        ("since=2026-03-02&until=2026-03-02", ["login.failed"]),
        ("since=2026-03-02&until=2026-03-31", ["desk.send", "login.failed"]),
    ],
)
def test_an_auditor_filters_the_trail(trail, query, actions):
    page = signed_in_client(trail).get(f"/audit/?{query}")

    assert page.status_code == 200
    shown = [
        a for a in ("desk.send", "login.failed", "login") if f"<code>{a}</code>" in page.content.decode()
    ]
    assert shown == actions


def test_a_reversed_date_range_is_a_clear_error(trail):
    page = signed_in_client(trail).get("/audit/?since=2026-03-05&until=2026-03-01").content.decode()

    assert "The start date is after the end date." in page


def test_the_csv_export_holds_the_filtered_records_and_is_recorded(trail):
    response = signed_in_client(trail).get("/audit/export.csv?actor=alice")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["action"], r["actor"], r["target"]) for r in table] == [
        ("desk.send", "alice", "hotline-message--1"), ("login", "alice", "")
    ]  # fmt: skip
    assert int(table[0]["seq"]) > int(table[1]["seq"])
    assert table[0]["hash"] and table[0]["prev_hash"]
    (export,) = records("audit.export")
    assert (export.actor, export.entry_point, export.detail) == (
        "dave",
        "web",
        {"actor": "alice", "records": 2},
    )
    assert verify().ok


@pytest.mark.parametrize("language", list(TITLE))
def test_the_trail_is_in_three_languages(trail, language):
    page = signed_in_client(trail, language).get("/audit/").content.decode()

    assert f"<h1>{TITLE[language]}</h1>" in page
