"""`hotline ambassadors import FILE --data-dir DIR`, `ambassadors bootcamp` and `ambassadors list`, run as the
real command on a node's data directory."""

import json

import pytest

from tests.actors import PASSWORD
from tests.live import hotline
from tests.peace.campaigns.registry_data import HEADER, SAMPLE

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "bnpt"
    hotline(path, "init", "--node", "bnpt")
    hotline(path, "user", "add", "coordinator", "--role", "coordinator", env={"HOTLINE_PASSWORD": PASSWORD})
    for code, place in (("2025-medan", "Medan"), ("2025-danang", "Đà Nẵng")):
        made = hotline(
            path, "ambassadors", "bootcamp", code, "--place", place, "--starts", "2025-03-10",
            "--ends", "2025-03-13", "--trainer", "Rina Siregar", "--trainer", "Agus Pratama",
        )  # fmt: skip
        assert made.stdout == f"Bootcamp {code} created\n"
    return path


def test_the_sample_is_imported_then_reimported_without_duplicates(data_dir):
    first = hotline(data_dir, "ambassadors", "import", str(SAMPLE))
    assert first.stdout == "20 row(s): 20 created, 0 updated, 0 unchanged\n"
    again = hotline(data_dir, "ambassadors", "import", str(SAMPLE))
    assert again.stdout == "20 row(s): 0 created, 0 updated, 20 unchanged\n"

    listed = json.loads(hotline(data_dir, "ambassadors", "list", "--json").stdout)
    assert len(listed) == 20 and len({row["external_id"] for row in listed}) == 20
    found = json.loads(
        hotline(data_dir, "ambassadors", "list", "nguyen", "--skill", "video", "--json").stdout
    )
    assert [(row["external_id"], row["province"]) for row in found] == [("DD-0011", "Hà Nội")]
    human = hotline(data_dir, "ambassadors", "list", "--cohort", "2025-danang").stdout
    assert "Nguyễn Văn An" in human and human.endswith("7 active of 8, in 7 province(s)\n")


def test_a_file_with_bad_rows_imports_nothing_and_names_each_row(data_dir, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "DD-0900,Ayu,,Lampung,,id,writing,,,yes,\n"
        + "DD-0901,Budi,,Narnia,,id,writing,,,yes,\n"
        + "DD-0902,Citra,,Bali,,id,painting,,,yes,\n",
        encoding="utf-8",
    )
    done = hotline(data_dir, "ambassadors", "import", str(bad), check=False)

    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "line 3: column province: 'Narnia' is not a province of Indonesia or Vietnam",
        "line 4: column skills: 'painting' not skills (writing, visual_design, video, it)",
        "hotline: 2 bad row(s): nothing imported",
    ]
    assert "DD-0900" not in hotline(data_dir, "ambassadors", "list").stdout


def test_a_missing_file_and_a_user_who_may_not(data_dir, tmp_path):
    done = hotline(data_dir, "ambassadors", "import", str(tmp_path / "none.csv"), check=False)
    assert done.returncode == 1 and "no such file" in done.stderr
    hotline(data_dir, "user", "add", "writer", "--role", "ambassador", env={"HOTLINE_PASSWORD": PASSWORD})
    done = hotline(data_dir, "ambassadors", "import", str(SAMPLE), "--as", "writer", check=False)
    assert done.returncode == 1 and "campaigns.manage" in done.stderr
