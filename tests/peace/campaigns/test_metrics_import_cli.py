"""`hotline campaigns metrics-import FILE --data-dir DIR`: imports a clean file and says what it did;
refuses a bad one with one line per problem and a failing exit status, importing nothing."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.live import REPOSITORY, SETTINGS, hotline, node_database, node_environment

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "post-metrics.csv"
_SETUP = """
import django; django.setup()
from tests.actors import create_actors
from tests.peace.campaigns.reach_fixtures import make_ambassador, make_campaign, make_publication
from hotline.access import roles
from hotline.access.services import create_user
create_actors()
create_user("cora", roles.COORDINATOR, "correct-horse-battery-staple-42")
make_publication(make_campaign(), make_ambassador("A-1", "Ayu", "Aceh"), "https://www.instagram.com/p/DEMO-damai-1/")
"""


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("metrics-cli") / "bnpt"
    hotline(data_dir, "init", "--node", "bnpt")
    subprocess.run(
        [sys.executable, "-c", _SETUP], check=True, capture_output=True, cwd=REPOSITORY,
        env=node_environment(data_dir, {"DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    return data_dir


def _metrics(data_dir) -> int:
    with node_database(data_dir) as db:
        return db.execute("SELECT COUNT(*) AS n FROM campaigns_postmetrics")[0]["n"]


def test_a_bad_file_is_refused_with_a_line_per_problem(node, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(SAMPLE.read_text().replace("2025-07-11", "yesterday").replace(",4100,", ",lots,"))
    done = hotline(node, "campaigns", "metrics-import", str(bad), "--as", "cora", check=False)
    assert done.returncode == 1
    assert f"{bad}: line 3, column date: 'yesterday' is not a date" in done.stderr
    assert f"{bad}: line 3, column impressions: 'lots' is not a whole number" in done.stderr
    assert "2 problem(s): nothing was imported" in done.stderr
    assert _metrics(node) == 0


def test_the_sample_imports_and_reimports(node):
    done = hotline(node, "campaigns", "metrics-import", str(SAMPLE), "--as", "cora")
    assert done.stdout.strip() == "2 created, 0 updated, 3 skipped (unknown URL)"
    assert "line 4: https://www.youtube.com/watch?v=DEMO-damai-2 is none of our publications" in done.stderr
    again = hotline(
        node, "campaigns", "metrics-import", str(SAMPLE)
    )  # without --as: the node admin, else the first coordinator
    assert again.stdout.strip() == "0 created, 2 updated, 3 skipped (unknown URL)"
    assert _metrics(node) == 2


def test_an_officer_may_not_import(node):
    done = hotline(node, "campaigns", "metrics-import", str(SAMPLE), "--as", "alice", check=False)
    assert done.returncode == 1 and "only a campaign coordinator imports metrics" in done.stderr
