"""`hotline campaigns report CAMPAIGN --format pdf|csv -o FILE --language en|id|vi --data-dir DIR` writes the
campaign report; an unknown campaign or a user who may not read campaigns is refused."""

import csv
import io
import subprocess
import sys

import pytest
from pypdf import PdfReader

from tests.live import REPOSITORY, SETTINGS, hotline, node_environment

_SETUP = """
import django; django.setup()
from tests.actors import create_actors
from tests.peace.campaigns.reach_fixtures import make_ambassador, make_campaign, make_publication
from hotline.access import roles
from hotline.access.services import create_user
create_actors()
create_user("cora", roles.COORDINATOR, "correct-horse-battery-staple-42")
campaign = make_campaign("Damai")
make_publication(campaign, make_ambassador("A-1", "Ayu", "Aceh"), "https://a.example/1")
print(campaign.pk)
"""


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("report-cli") / "bnpt"
    hotline(data_dir, "init", "--node", "bnpt")
    done = subprocess.run(
        [sys.executable, "-c", _SETUP], check=True, capture_output=True, text=True, cwd=REPOSITORY,
        env=node_environment(data_dir, {"DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    return data_dir, done.stdout.strip().splitlines()[-1]


def test_pdf_and_csv_are_written(node, tmp_path):
    data_dir, pk = node
    pdf, table = tmp_path / "r.pdf", tmp_path / "r.csv"
    hotline(
        data_dir,
        "campaigns",
        "report",
        pk,
        "--format",
        "pdf",
        "-o",
        str(pdf),
        "--language",
        "vi",
        "--as",
        "cora",
    )
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Báo cáo chiến dịch: Damai" in text and "Hòa bình là đẹp" in text
    hotline(
        data_dir,
        "campaigns",
        "report",
        pk,
        "--format",
        "csv",
        "-o",
        str(table),
        "--language",
        "id",
        "--as",
        "cora",
    )
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Laporan kampanye: Damai"]


def test_unknown_campaign_and_a_user_without_the_right_are_refused(node, tmp_path):
    data_dir, pk = node
    out = tmp_path / "r.csv"
    done = hotline(data_dir, "campaigns", "report", "999", "--format", "csv", "-o", str(out), check=False)
    assert done.returncode == 1 and "no campaign '999'" in done.stderr
    done = hotline(
        data_dir, "campaigns", "report", pk, "--format", "csv", "-o", str(out), "--as", "alice", check=False
    )
    assert done.returncode == 1 and "reach is for the Peace Media Center" in done.stderr
    assert not out.exists()
