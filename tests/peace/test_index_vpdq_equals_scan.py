"""The vPDQ index the worker builds (index.VpdqIndex: banked frames in the PDQ index, HMA's percentage rule on
the candidates) gives exactly what the full frame-by-frame scan (signals.vpdq_compare) gives: on videos made
by ffmpeg here (a re-encoded copy matches, a different video and a half-length clip do not at 80%), and on
synthetic frame lists near and far from each other, at several distances; saved and loaded it answers the
same."""

import subprocess

import numpy as np
import pytest

from hotline.peace import signals
from hotline.peace.index import VpdqIndex


def _video(path, *args) -> str:
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", *args, str(path)], check=True, timeout=120)
    return signals.vpdq_to_text(signals.vpdq_from_file(path))


@pytest.fixture(scope="module")
def videos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("videos")
    source = ["-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=10", "-pix_fmt", "yuv420p"]
    other = ["-f", "lavfi", "-i", "mandelbrot=size=320x240:rate=10", "-t", "4", "-pix_fmt", "yuv420p"]
    return {
        "original": _video(folder / "a.mp4", *source),
        "reencoded": _video(folder / "b.mp4", "-i", folder / "a.mp4", "-crf", "30"),
        "clip": _video(folder / "c.mp4", "-i", folder / "a.mp4", "-t", "2", "-crf", "30"),
        "other": _video(folder / "d.mp4", *other),
    }


def _both(query: str, banked: list[tuple[int, str]], distance: int = 31):
    scan = signals.vpdq_compare(query, banked, distance=distance)
    indexed = VpdqIndex.build(banked).query(query, distance)
    return sorted(scan), indexed


def _rule(results, percent=signals.VPDQ_MATCH_PERCENT):
    return [entry for entry, q, t in results if q >= percent and t >= percent]


def test_ffmpeg_videos_give_the_same_result_by_index_and_by_scan(videos):
    banked = [(1, videos["original"]), (2, videos["other"])]
    for name in ("original", "reencoded", "clip", "other"):
        scan, indexed = _both(videos[name], banked)
        assert indexed == scan, name
    assert _rule(_both(videos["reencoded"], banked)[1]) == [1]
    assert _rule(_both(videos["clip"], banked)[1]) == []  # all of the clip, half of the video
    assert 2 not in _rule(_both(videos["original"], [(2, videos["other"])])[1])


def test_a_video_left_out_of_the_index_is_not_found(videos):
    # A revoked entry is left out when the worker rebuilds (indexing.matchable_entries).
    index = VpdqIndex.build([(2, videos["other"])])
    assert _rule(index.query(videos["reencoded"])) == []
    assert _rule(VpdqIndex.build([(1, videos["original"])]).query(videos["reencoded"])) == [1]


def _frames(codes: np.ndarray, quality: int = 90) -> str:
    return " ".join(f"{c.tobytes().hex()},{quality}" for c in codes)


def test_synthetic_frames_give_the_same_result_at_every_distance(tmp_path):
    rng = np.random.default_rng(7)
    base = rng.integers(0, 256, size=(60, 32), dtype=np.uint8)
    banked = []
    for entry in range(1, 41):
        frames = base[rng.choice(60, size=int(rng.integers(3, 12)), replace=False)].copy()
        flips = rng.integers(0, 256, size=frames.shape, dtype=np.uint8) & (
            rng.random(frames.shape) < rng.choice([0.02, 0.06, 0.2])
        ).astype(np.uint8)
        banked.append((entry, _frames(frames ^ flips, quality=int(rng.choice([30, 90])))))
    index = VpdqIndex.build(banked)
    index.save(tmp_path / "vpdq.idx")
    loaded = VpdqIndex.load(tmp_path / "vpdq.idx")
    for trial in range(20):
        query = _frames(base[rng.choice(60, size=int(rng.integers(2, 15)), replace=False)])
        for distance in (0, 10, 31, 50):
            expected = sorted(signals.vpdq_compare(query, banked, distance=distance))
            assert index.query(query, distance) == expected, (trial, distance)
            assert loaded.query(query, distance) == expected, (trial, distance)
    assert any(index.query(_frames(base[:10]), 31))


def test_an_empty_index_and_low_quality_queries_find_nothing(videos):
    assert VpdqIndex.build([]).query(videos["original"]) == []
    low = " ".join(f"{frame.split(',')[0]},10" for frame in videos["original"].split())
    assert VpdqIndex.build([(1, videos["original"])]).query(low) == []
