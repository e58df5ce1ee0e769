"""A video entry's page shows its vPDQ (the frames' PDQ hashes) among its signals, and the HMA bank content
API lists it (in HMA's JSON form), to those who may read the banks; alice (officer), bob (partner's account)
and charlie (ambassador) are refused and see none of it."""

import json
import subprocess

import pytest
from django.urls import reverse

from hotline.peace import hma, services
from hotline.peace import signals as signals_module
from tests.signin import signed_in_client


@pytest.fixture
def video_entry(coordinator, bank, tmp_path):
    path = tmp_path / "v.mp4"
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=10",
         "-pix_fmt", "yuv420p", str(path)],
        check=True, timeout=120,
    )  # fmt: skip
    return services.add_content(coordinator, bank, path.read_bytes(), services.Labels())


def test_the_entry_signals_include_vpdq(video_entry):
    signals = video_entry.signals()
    assert signals["vpdq"] == video_entry.vpdq and len(video_entry.vpdq.split()) == 3
    assert {"md5", "sha256"} <= set(signals)
    # HMA's form (a JSON list of "pdqhex,quality,seconds"), which reads back to the stored form.
    listed = hma.entry_json(video_entry)["signals"]["vpdq"]
    assert listed.startswith('["') and json.loads(listed)[1].endswith(",1.000")
    assert signals_module.vpdq_from_signal(listed) == video_entry.vpdq


@pytest.mark.parametrize("who", ["reviewer", "coordinator"])
def test_the_entry_page_shows_the_vpdq_frames(request, video_entry, who):
    page = signed_in_client(request.getfixturevalue(who)).get(reverse("peace:entry", args=[video_entry.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<dt>vpdq</dt>" in html
    assert all(frame in html for frame in video_entry.vpdq.split())


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_users_without_a_peace_role_do_not_see_the_vpdq(actors, video_entry, who):
    page = signed_in_client(actors[who]).get(reverse("peace:entry", args=[video_entry.pk]))
    assert page.status_code == 403
    assert video_entry.vpdq.split()[0].split(",")[0] not in page.content.decode()
