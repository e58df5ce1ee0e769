"""vPDQ of videos: one PDQ hash per sampled frame (vpdq, built against FFmpeg's libraries by `make install`);
an unreadable file gets a clear error."""

import numpy as np
import pytest
from PIL import Image

from hotline.peace.signals import (
    SignalError,
    is_valid_pdq,
    pdq_distance,
    vpdq_available,
    vpdq_compare,
    vpdq_from_file,
)


def animation(path, seed: int, size: int = 160) -> None:
    """A six-frame animated GIF of moving colour gradients (libav reads it like any video)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size]
    frames = []
    for step in range(6):
        fx, fy = rng.uniform(1, 4, 2)
        picture = np.stack([np.sin((fx * x + fy * y + 7 * step + 40 * c) / 9) for c in range(3)], axis=2)
        frames.append(Image.fromarray(((picture + 1) * 127).astype(np.uint8)))
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=500, loop=0)


def test_vpdq_is_installed():
    assert vpdq_available()


def test_each_sampled_frame_gets_a_pdq_hash(tmp_path):
    animation(tmp_path / "a.gif", seed=1)
    frames = vpdq_from_file(tmp_path / "a.gif", seconds_per_hash=0)
    assert [f[0] for f in frames] == list(range(6))
    assert all(is_valid_pdq(h) and 0 <= q <= 100 for _, h, q, _ in frames)
    assert [f[3] for f in frames] == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
    # The same video hashed twice gives the same hashes; another video does not.
    assert vpdq_from_file(tmp_path / "a.gif", seconds_per_hash=0) == frames
    animation(tmp_path / "b.gif", seed=2)
    other = vpdq_from_file(tmp_path / "b.gif", seconds_per_hash=0)
    assert pdq_distance(frames[1][1], other[1][1]) > 31


def test_unreadable_video_gets_a_clear_error(tmp_path):
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video at all")
    with pytest.raises(SignalError):
        vpdq_from_file(junk)
    with pytest.raises(SignalError):
        vpdq_from_file(tmp_path / "missing.mp4")


def _frames(*hashes_and_qualities) -> str:
    return " ".join(f"{h},{q}" for h, q in hashes_and_qualities)


def test_vpdq_compare_counts_distinct_good_frames_of_both_videos():
    a, b, c = "0" * 64, "f" * 64, "0f" * 32
    near_a = "1" + "0" * 63  # 1 bit from a
    query = _frames((a, 90), (a, 90), (b, 90), (c, 10))  # a counted once; c below quality 50 left out
    targets = [(1, _frames((near_a, 80), (c, 80))), (2, _frames((b, 70))), (3, _frames((c, 90)))]
    assert vpdq_compare(query, targets) == [(1, 50.0, 50.0), (2, 50.0, 100.0)]
    assert vpdq_compare(query, targets, distance=0) == [(2, 50.0, 100.0)]
    assert vpdq_compare(_frames((c, 10)), targets) == []
