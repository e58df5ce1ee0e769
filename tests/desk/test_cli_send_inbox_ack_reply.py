"""The desk from the command line, end to end in subprocesses: send, inbox, ack, reply; bad input explains
itself and stores nothing."""

import json

import pytest

from tests.live import hotline

ENV = {"HOTLINE_PASSWORD": "tram-lantern-orbit-9"}


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    path = tmp_path_factory.mktemp("desk-cli") / "bnpt"
    hotline(path, "init", "--node", "bnpt", "--title", "BNPT (Indonesia)")
    hotline(path, "user", "add", "duty1", "--role", "officer", env=ENV)
    hotline(path, "user", "add", "duty2", "--role", "officer", env=ENV)
    hotline(path, "user", "add", "chief", "--role", "admin", env=ENV)
    hotline(path, "partner", "add", "mps", "--title", "Ministry of Public Security (Viet Nam)")
    return path


def _json(result):
    return json.loads(result.stdout)


def test_send_to_a_partner_prints_the_id_and_lands_in_its_outbound_collection(node, tmp_path):
    photo = tmp_path / "note.txt"
    photo.write_text("Tersangka terlihat di pelabuhan Batam.\n", encoding="utf-8")

    out = hotline(
        node, "send", "--to", "mps", "--kind", "alert", "--priority", "flash",
        "--subject", "Ancaman serangan",
        "--body", "Sel teroris merencanakan serangan di pelabuhan Batam minggu ini.", "--tlp", "amber+strict",
        "--attach", str(photo),
    )  # fmt: skip
    message_id = out.stdout.strip()
    assert message_id.startswith("hotline-message--")

    exported = tmp_path / "outbound.json"
    hotline(node, "export", "--collection", "outbound-mps", "-o", str(exported), "--as", "chief")
    objects = {o["id"]: o for o in json.loads(exported.read_text())["objects"]}
    message = objects[message_id]
    assert (message["priority"], message["lang"]) == ("flash", "id")
    assert objects[message["attachment_refs"][0]]["mime_type"] == "text/plain"


def test_internal_message_inbox_ack_and_reply(node):
    sent = _json(
        hotline(
            node, "send", "--to", "internal", "--kind", "rfi", "--priority", "urgent", "--subject",
            "Riwayat perjalanan", "--body", "Mohon periksa riwayat perjalanan tersangka.", "--as", "duty2",
            "--json",
        )
    )  # fmt: skip
    assert (sent["direction"], sent["state"], sent["language"]) == ("internal", "received", "id")

    inbox = _json(hotline(node, "inbox", "--json", "--as", "duty1"))
    row = next(m for m in inbox if m["id"] == sent["id"])
    assert row["state"] == "received" and row["ack_status"] == "due" and row["ack_due"] and row["reply_due"]
    listing = hotline(node, "inbox", "--as", "duty1").stdout
    assert sent["id"][17:25] in listing and "Riwayat perjalanan" in listing

    short = sent["id"].split("--")[1][:8]
    acked = _json(hotline(node, "ack", short, "--as", "duty1", "--json"))
    assert (
        acked["state"] == "acknowledged" and acked["assigned_to"] == "duty1" and acked["ack_status"] == "met"
    )

    reply = _json(hotline(node, "reply", sent["id"], "--body", "Tidak ada perjalanan sejak 2024.", "--json"))
    assert reply["kind"] == "reply" and reply["in_reply_to"] == sent["id"]
    assert reply["assigned_to"] == "duty2"  # a reply goes to whoever asked

    after = {m["id"]: m for m in _json(hotline(node, "inbox", "--json"))}
    assert after[sent["id"]]["state"] == "answered" and after[sent["id"]]["reply_status"] == "met"


def test_bad_input_explains_and_stores_nothing(node, tmp_path):
    before = _json(hotline(node, "inbox", "--json", "--all"))
    exe = tmp_path / "report.pdf"
    exe.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64)
    base = ["send", "--to", "internal", "--kind", "alert", "--priority", "flash", "--subject", "x"]

    cases = {
        "no partner 'nowhere' (partners: mps)": ["send", "--to", "nowhere", *base[3:]],
        "cannot read it": [*base, "--attach", str(tmp_path / "missing.txt")],
        "application/x-msdownload are not accepted": [*base, "--attach", str(exe)],
        "over the limit of 100 bytes": [*base, "--attach", str(_big(tmp_path))],
        "no active user 'ghost'": [*base, "--as", "ghost"],
        "tlp must be one of": [*base, "--tlp", "purple"],
    }
    for expected, args in cases.items():
        result = hotline(node, *args, check=False, env={"HOTLINE_ATTACHMENT_MAX_BYTES": "100"})
        assert result.returncode == 1 and expected in result.stderr, (args, result.stderr)
        assert result.stdout == ""

    assert _json(hotline(node, "inbox", "--json", "--all")) == before


def test_acting_on_an_unknown_message_or_an_illegal_step_is_explained(node):
    unknown = hotline(node, "ack", "deadbeef", check=False)
    sent = hotline(
        node, "send", "--to", "internal", "--kind", "notice", "--priority", "routine", "--subject", "n"
    )
    message_id = sent.stdout.strip()
    hotline(node, "ack", message_id)
    twice = hotline(node, "ack", message_id, check=False)

    assert unknown.returncode == 1 and "no message hotline-message--deadbeef" in unknown.stderr
    assert twice.returncode == 1 and "cannot go from acknowledged to acknowledged" in twice.stderr


def _big(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("x" * 101)
    return path
