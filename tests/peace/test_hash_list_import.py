"""Hash lists in the shapes ThreatExchange/HMA and TCAP publish are imported; every row is validated, and a
file with a bad row is refused whole with one error per bad row, nothing imported."""

import json

import pytest

from hotline.peace import services
from hotline.peace.errors import ImportRefused, NotAllowed, PeaceError
from hotline.peace.models import BankEntry

PDQ_A = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
PDQ_B = "a" * 64
MD5_A = "d41d8cd98f00b204e9800998ecf8427e"
SHA_A = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def _import(user, bank, text: str, name: str):
    return services.import_hash_list(user, bank, text.encode(), name)


def test_hma_csv_with_labels(coordinator, bank):
    csv = (
        "signal_type,signal,organisation,behaviour,tags,tlp,notes\n"
        f"pdq,{PDQ_A},Synthetic Front,recruitment,poster;2024,green,seen twice\n"
        f"video_md5,{MD5_A},,,,,\n"
        "url,https://example.invalid/x,,threat,,,\n"
    )
    result = _import(coordinator, bank, csv, "list.csv")
    assert (result.added, result.duplicates, result.skipped) == (3, 0, 0)
    image = BankEntry.objects.get(pdq=PDQ_A)
    assert (image.content_type, image.organisation, image.behaviour, image.tags, image.tlp, image.notes) == (
        "image", "Synthetic Front", "recruitment", ["poster", "2024"], "green", "seen twice",
    )  # fmt: skip
    assert BankEntry.objects.get(md5=MD5_A).content_type == "video"
    assert BankEntry.objects.get(url="https://example.invalid/x").tlp == "amber"  # the bank's


def test_threatexchange_descriptor_csv(coordinator, bank):
    csv = f"indicator_type,raw_indicator,tags\nHASH_PDQ,{PDQ_A},propaganda\nHASH_SHA256,{SHA_A},\n"
    assert _import(coordinator, bank, csv, "te.csv").added == 2
    assert BankEntry.objects.get(sha256=SHA_A).content_type == "video"
    assert BankEntry.objects.get(pdq=PDQ_A).tags == ["propaganda"]


def test_threatexchange_signal_file(coordinator, bank):
    assert _import(coordinator, bank, f"pdq {PDQ_A}\nvideo_md5 {MD5_A}\n", "signals.txt").added == 2


def test_tcap_json_paged_and_deleted_rows(coordinator, bank):
    document = {
        "count": 3,
        "next": None,
        "results": [
            {"id": 1, "hash_digest": PDQ_A, "algorithm": "PDQ", "ideology": "islamist", "file_type": "png",
             "deleted": False},
            {"id": 2, "hash_digest": MD5_A, "algorithm": "MD5", "ideology": "far-right", "file_type": "mp4",
             "deleted": False},
            {"id": 3, "hash_digest": PDQ_B, "algorithm": "PDQ", "ideology": "islamist", "file_type": "jpg",
             "deleted": True},
        ],
    }  # fmt: skip
    result = _import(coordinator, bank, json.dumps(document), "tcap.json")
    assert (result.added, result.skipped) == (2, 1)
    assert BankEntry.objects.get(pdq=PDQ_A).tags == ["islamist"]
    assert BankEntry.objects.get(md5=MD5_A).content_type == "video"
    assert not BankEntry.objects.filter(pdq=PDQ_B).exists()


def test_hma_json_rows_and_signal_mappings(coordinator, bank):
    rows = [{"signal_type": "pdq", "signal": PDQ_A, "behaviour": "glorification"}, {"video_md5": MD5_A}]
    assert _import(coordinator, bank, json.dumps(rows), "hma.json").added == 2


def test_rows_already_in_the_bank_are_skipped(coordinator, bank):
    _import(coordinator, bank, f"signal_type,signal\npdq,{PDQ_A}\n", "a.csv")
    result = _import(
        coordinator, bank, f"signal_type,signal\npdq,{PDQ_A}\npdq,{PDQ_A}\npdq,{PDQ_B}\n", "b.csv"
    )
    assert (result.added, result.duplicates) == (1, 2)
    assert BankEntry.objects.count() == 2


def test_a_file_with_bad_rows_is_refused_whole_with_one_error_per_row(coordinator, bank):
    csv = (
        "signal_type,signal,behaviour,tlp\n"
        f"pdq,{PDQ_A},,\n"  # good
        "pdq,not-a-hash,,\n"  # row 3
        f"sha1,{MD5_A},,\n"  # row 4
        f"pdq,{PDQ_B},hate,\n"  # row 5
        f"video_md5,{MD5_A},,purple\n"  # row 6
        "url,ftp://example.invalid/,,\n"  # row 7
    )
    with pytest.raises(ImportRefused) as refused:
        _import(coordinator, bank, csv, "bad.csv")
    problems = refused.value.problems
    assert [p.split(":")[0] for p in problems] == ["row 3", "row 4", "row 5", "row 6", "row 7"]
    assert "64 hexadecimal" in problems[0]
    assert "unknown signal type 'sha1'" in problems[1]
    assert "behaviour 'hate'" in problems[2]
    assert "tlp 'purple'" in problems[3]
    assert "not an http(s) URL" in problems[4]
    assert not BankEntry.objects.exists()


def test_bad_json_rows_are_reported_by_position(coordinator, bank):
    rows = [{"hash_digest": PDQ_A, "algorithm": "PDQ"}, {"hash_digest": "zz", "algorithm": "PDQ"}, "x", {}]
    with pytest.raises(ImportRefused) as refused:
        _import(coordinator, bank, json.dumps(rows), "tcap.json")
    assert [p.split(":")[0] for p in refused.value.problems] == ["row 2", "row 3", "row 4"]
    assert not BankEntry.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("{not json", "not valid JSON"),
        ('{"rows": []}', "list of rows"),
        ("hash,value\n1,2\n", "signal_type and signal"),
    ],
)
def test_a_file_that_is_no_hash_list_is_refused(coordinator, bank, text, message):
    with pytest.raises(PeaceError, match=message):
        _import(coordinator, bank, text, "x.json" if text.startswith("{") else "x.csv")
    assert not BankEntry.objects.exists()


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "reviewer"])
def test_only_coordinators_import(actors, reviewer, bank, who):
    user = reviewer if who == "reviewer" else actors[who]
    with pytest.raises(NotAllowed):
        _import(user, bank, f"signal_type,signal\npdq,{PDQ_A}\n", "a.csv")
    assert not BankEntry.objects.exists()
