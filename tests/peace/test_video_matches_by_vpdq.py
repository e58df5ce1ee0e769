"""A video added to a bank keeps its vPDQ (one PDQ hash a second); a video submitted for matching is compared
with the banks' videos frame by frame: a re-encoded copy matches with the percentages of frames that matched,
an unrelated video does not, and a short clip of a banked video matches only if the threshold
(`PEACE_VPDQ_MATCH_PERCENT`, 80% of both videos' frames) is lowered. The banked frames are looked up in the
index the worker builds (`indexing.rebuild`, as the worker runs it). Videos are made by ffmpeg in the test."""

import subprocess

import pytest
from django.urls import reverse

from hotline import stix
from hotline.peace import indexing, matching, services, signals, triage
from tests.signin import signed_in_client


def ffmpeg(path, *args) -> bytes:
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", *args, str(path)], check=True, timeout=120)
    return path.read_bytes()


@pytest.fixture(scope="module")
def videos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("videos")
    original = ffmpeg(folder / "a.mp4", "-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=10",
                      "-pix_fmt", "yuv420p")  # fmt: skip
    return {
        "original": original,
        "reencoded": ffmpeg(folder / "b.mp4", "-i", folder / "a.mp4", "-crf", "30"),
        "clip": ffmpeg(folder / "c.mp4", "-i", folder / "a.mp4", "-t", "2", "-crf", "30"),
        "unrelated": ffmpeg(
            folder / "d.mp4",
            "-f",
            "lavfi",
            "-i",
            "mandelbrot=size=320x240:rate=10",
            "-t",
            "4",
            "-pix_fmt",
            "yuv420p",
        ),  # fmt: skip
    }


@pytest.fixture
def video_entry(coordinator, bank, videos):
    entry = services.add_content(coordinator, bank, videos["original"], services.Labels(behaviour="threat"))
    indexing.rebuild()
    return entry


def test_a_banked_video_keeps_its_vpdq_and_shares_it(video_entry):
    assert video_entry.content_type == "video" and len(video_entry.vpdq.split()) == 4
    assert signals.is_valid_vpdq_text(video_entry.vpdq)
    obj = services.entry_object(video_entry)
    assert obj["vpdq"] == video_entry.vpdq and stix.validate_object(obj) == []
    assert stix.validate_object({**obj, "vpdq": "not frames"})


def test_a_reencoded_copy_matches_by_its_frames(reviewer, video_entry, videos):
    report = matching.match_content(reviewer, videos["reencoded"])
    assert report.content_type == "video" and "vpdq" in report.signals
    [found] = report.matches
    assert (found.entry, found.signal) == (video_entry, "vpdq")
    assert found.frames == (100.0, 100.0)
    assert found.as_dict()["vpdq"] == {"query_match_percent": 100.0, "compared_match_percent": 100.0}


def test_an_unrelated_video_does_not_match(reviewer, video_entry, videos):
    assert matching.match_content(reviewer, videos["unrelated"]).matches == []


def test_a_clip_matches_only_below_the_threshold(reviewer, video_entry, videos, settings):
    assert (
        matching.match_content(reviewer, videos["clip"]).matches == []
    )  # 100% of the clip, 50% of the video
    settings.PEACE_VPDQ_MATCH_PERCENT = 50
    [found] = matching.match_content(reviewer, videos["clip"]).matches
    assert found.entry == video_entry and found.frames == (100.0, 50.0)


def test_a_revoked_or_disabled_video_does_not_match(coordinator, reviewer, bank, video_entry, videos):
    services.set_bank_enabled(coordinator, bank, False)
    assert matching.match_content(reviewer, videos["reencoded"]).matches == []
    services.set_bank_enabled(coordinator, bank, True)
    services.revoke_entry(coordinator, video_entry)
    assert matching.match_content(reviewer, videos["reencoded"]).matches == []  # at once, before a rebuild
    assert indexing.rebuild_if_stale()
    assert matching.match_content(reviewer, videos["reencoded"]).matches == []


def test_a_video_added_after_the_last_build_matches_once_the_worker_rebuilds(
    coordinator, reviewer, bank, videos
):
    services.add_content(coordinator, bank, videos["original"], services.Labels())
    report = matching.match_content(reviewer, videos["reencoded"])
    assert report.matches == [] and report.index_ready is False
    assert indexing.rebuild_if_stale()
    assert [m.signal for m in matching.match_content(reviewer, videos["reencoded"]).matches] == ["vpdq"]


def test_the_match_page_and_triage_show_video_matches(reviewer, video_entry, videos):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = signed_in_client(reviewer).post(
        reverse("peace:match"), {"file": SimpleUploadedFile("copy.mp4", videos["reencoded"])}
    )
    assert page.status_code == 200 and "100% / 100%" in page.content.decode()
    submission = triage.submit(reviewer, triage.Post(data=videos["reencoded"]))
    assert [(m["entry"], m["signal"]) for m in submission.matches] == [(video_entry.pk, "vpdq")]


def test_a_file_that_claims_to_be_a_video_but_is_not_gets_a_clear_error(coordinator, bank, videos):
    broken = videos["original"][:64]  # the MP4 header, then nothing
    with pytest.raises(services.PeaceError, match="video"):
        services.add_content(coordinator, bank, broken, services.Labels())
    assert not bank.entries.exists()
