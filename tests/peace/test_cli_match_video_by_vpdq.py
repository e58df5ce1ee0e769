"""`hotline match VIDEO` finds a banked video by its vPDQ: a hash list with the video's vPDQ in HMA's form
(signal type `vpdq`, a JSON list of "pdqhex,quality,seconds" frames) is imported with `hotline bank import`;
a re-encoded copy then matches with the share of frames that matched on each side, and a different video does
not. Run as the real command on a node's data directory; videos made by ffmpeg in the test."""

import csv
import json

import pytest

from hotline.peace import signals
from tests.actors import PASSWORD
from tests.live import hotline
from tests.peace import media

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def videos(tmp_path_factory):
    return media.videos(tmp_path_factory.mktemp("videos"))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, videos):
    path = tmp_path_factory.mktemp("cli-video") / "bnpt"
    hotline(path, "init", "--node", "bnpt")
    hotline(path, "user", "add", "coordinator", "--role", "coordinator", env={"HOTLINE_PASSWORD": PASSWORD})
    hotline(path, "bank", "create", "VIDEO_BANK", "--description", "synthetic", "--tlp", "green")
    hash_list = path.parent / "videos.csv"
    with hash_list.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["signal_type", "signal", "organisation", "behaviour"])
        vpdq = signals.vpdq_to_hma(signals.vpdq_from_bytes(videos["original"]))
        writer.writerow(["vpdq", vpdq, "Synthetic Front", "recruitment"])
    assert "1 added" in hotline(path, "bank", "import", "VIDEO_BANK", str(hash_list)).stdout
    return path


def test_a_reencoded_copy_matches_by_vpdq(data_dir, videos, tmp_path):
    copy = tmp_path / "copy.mp4"
    copy.write_bytes(videos["reencoded"])
    report = json.loads(hotline(data_dir, "match", str(copy), "--json").stdout)
    assert report["content_type"] == "video" and signals.is_valid_vpdq_text(report["signals"]["vpdq"])
    [found] = report["matches"]
    assert (found["bank"], found["signal"], found["organisation"]) == (
        "VIDEO_BANK",
        "vpdq",
        "Synthetic Front",
    )
    assert found["vpdq"] == {"query_match_percent": 100.0, "compared_match_percent": 100.0}
    human = hotline(data_dir, "match", str(copy)).stdout
    assert "MATCH VIDEO_BANK" in human and "by vpdq (100% of its frames, 100% of the bank video's)" in human


def test_a_different_video_does_not_match(data_dir, videos, tmp_path):
    other = tmp_path / "other.mp4"
    other.write_bytes(videos["unrelated"])
    done = hotline(data_dir, "match", str(other), "--exit-status", check=False)
    assert done.returncode == 2 and "no match" in done.stdout


def test_a_hash_list_with_a_bad_vpdq_imports_nothing(data_dir, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('signal_type,signal\nvpdq,"[""' + "a" * 64 + ',100""]"\n')
    done = hotline(data_dir, "bank", "import", "VIDEO_BANK", str(bad), check=False)
    assert done.returncode == 1 and "nothing imported" in done.stderr
    assert 'row 2: vpdq: frame 0 is not "pdqhex,quality,timestamp"' in done.stderr
    listed = json.loads(hotline(data_dir, "bank", "list", "--json").stdout)
    assert [(b["name"], b["entries"]) for b in listed] == [("VIDEO_BANK", 1)]
