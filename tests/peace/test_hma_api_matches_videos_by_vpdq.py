"""The HMA-compatible API matches videos by vPDQ as HMA's "vpdq" signal type does: /h/hash gives a video's
vPDQ in HMA's form (a JSON list of "pdqhex,quality,seconds" frames) beside its video_md5; GET /m/lookup
with signal_type=vpdq and POST /m/lookup with a video answer the banks whose videos match (a re-encoded copy
does, a different video does not; both videos' frame-match percentages must reach
HOTLINE_PEACE_VPDQ_MATCH_PERCENT). Bad vPDQ signals get HMA's 400 error; officers without a Peace Media
Center role (alice, bob, charlie) are refused. Videos are made by ffmpeg in the test, against a live node."""

import io
import json
import re
import time

import pytest
import requests

from tests.peace import media
from tests.peace.live_support import peace_node

pytestmark = pytest.mark.live

BANK = "HMA_VIDEO_BANK"


@pytest.fixture(scope="module")
def videos(tmp_path_factory):
    return media.videos(tmp_path_factory.mktemp("videos"))


@pytest.fixture(scope="module")
def node(tmp_path_factory, videos):
    live = peace_node(tmp_path_factory.mktemp("hma-video") / "bnpt")
    assert _call(live, "POST", "c/banks", json={"name": BANK}).status_code == 201
    added = _call(live, "POST", f"c/bank/{BANK}/content", **_video(videos["original"]))
    assert added.status_code == 200, added.text
    assert set(added.json()["signals"]) == {"video_md5", "vpdq"}
    yield live
    live.stop()


def _call(node, method: str, path: str, user: str = "coordinator", **kwargs) -> requests.Response:
    headers = {**node.auth(user), **kwargs.pop("headers", {})}
    return requests.request(method, f"{node.url}/hma/{path}", headers=headers, timeout=120, **kwargs)


def _video(data: bytes) -> dict:
    return {"files": {"video": ("clip.mp4", io.BytesIO(data), "video/mp4")}}


def test_hashing_a_video_gives_its_vpdq_in_hmas_form(node, videos):
    response = _call(node, "POST", "h/hash", user="reviewer", **_video(videos["reencoded"]))
    assert response.status_code == 200, response.text
    hashed = response.json()
    assert set(hashed) == {"video_md5", "vpdq"}
    frames = json.loads(hashed["vpdq"])
    assert len(frames) == 4  # one frame a second of a 4-second video
    assert all(re.fullmatch(r"[0-9a-f]{64},\d{1,3},\d+\.\d{3}", frame) for frame in frames)
    assert [float(frame.split(",")[2]) for frame in frames] == sorted(float(f.split(",")[2]) for f in frames)


def test_a_reencoded_copy_is_found_by_its_vpdq_signal(node, videos):
    signal = _call(node, "POST", "h/hash", user="reviewer", **_video(videos["reencoded"])).json()["vpdq"]
    found = _call(node, "GET", "m/lookup", user="reviewer", params={"signal_type": "vpdq", "signal": signal})
    assert found.status_code == 200 and found.json() == [BANK]


def test_a_reencoded_copy_is_found_by_upload_and_a_different_video_is_not(node, videos):
    copy = _call(node, "POST", "m/lookup", user="reviewer", **_video(videos["reencoded"]))
    assert copy.status_code == 200 and copy.json() == {"video_md5": [], "vpdq": [BANK]}
    same = _call(node, "POST", "m/lookup", user="reviewer", **_video(videos["original"]))
    assert same.json() == {"video_md5": [BANK], "vpdq": [BANK]}
    other = _call(node, "POST", "m/lookup", user="reviewer", **_video(videos["unrelated"]))
    assert other.status_code == 200 and other.json() == {"video_md5": [], "vpdq": []}


def test_a_clip_of_half_the_video_is_not_a_match_at_the_default_percent(node, videos):
    clip = _call(node, "POST", "m/lookup", user="reviewer", **_video(videos["clip"]))
    assert clip.json() == {"video_md5": [], "vpdq": []}  # 100% of the clip's frames, 50% of the video's


@pytest.mark.parametrize(
    "signal, message",
    [
        ("not json [", "vpdq: a JSON list"),
        ("[1, 2]", "frame 0 is not"),
        ('["' + "a" * 64 + ',100"]', "frame 0 is not"),
        ('["' + "g" * 64 + ',100,0.000"]', "frame 0 is not"),
        ('["' + "a" * 64 + ',101,0.000"]', "frame 0 is not"),
        ("[]", "non-empty"),
        ("[oops", "not valid JSON"),
    ],
)
def test_a_bad_vpdq_signal_gets_a_clear_400(node, signal, message):
    response = _call(
        node, "GET", "m/lookup", user="reviewer", params={"signal_type": "vpdq", "signal": signal}
    )
    assert response.status_code == 400
    assert message in response.json()["message"]


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_officers_without_a_peace_role_may_not_match_videos(node, videos, who):
    signal = json.dumps(["0" * 64 + ",100,0.000"])
    params = {"signal_type": "vpdq", "signal": signal}
    assert _call(node, "GET", "m/lookup", user=who, params=params).status_code == 403
    assert _call(node, "POST", "m/lookup", user=who, **_video(videos["reencoded"])).status_code == 403
    assert _call(node, "POST", "h/hash", user=who, **_video(videos["reencoded"])).status_code == 403


def test_a_video_banked_by_its_vpdq_signal_alone_is_matched(node, videos):
    signal = _call(node, "POST", "h/hash", user="reviewer", **_video(videos["original"])).json()["vpdq"]
    assert _call(node, "POST", "c/banks", json={"name": "HMA_VPDQ_SIGNALS"}).status_code == 201
    added = _call(node, "POST", "c/bank/HMA_VPDQ_SIGNALS/signal", json={"vpdq": signal})
    assert added.status_code == 200, added.text
    entry = _call(node, "GET", f"c/bank/HMA_VPDQ_SIGNALS/content/{added.json()['id']}").json()
    assert entry["content_type"] == "video"
    # Banked frames are matched through the index the node's worker rebuilds after a change (within a minute).
    deadline = time.monotonic() + 90
    while True:
        copy = _call(node, "POST", "m/lookup", user="reviewer", **_video(videos["reencoded"]))
        if copy.json()["vpdq"] != [BANK] or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert copy.json() == {"video_md5": [], "vpdq": [BANK, "HMA_VPDQ_SIGNALS"]}
    refused = _call(node, "POST", "c/bank/HMA_VPDQ_SIGNALS/signal", json={"vpdq": '["nothex,1,0"]'})
    assert refused.status_code == 400 and "frame 0" in refused.json()["message"]
    assert (
        _call(
            node, "POST", "c/bank/HMA_VPDQ_SIGNALS/signal", user="reviewer", json={"vpdq": signal}
        ).status_code
        == 403
    )
