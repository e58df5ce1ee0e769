"""`hotline programme report --data-dir DIR --format pdf|csv -o FILE [--language id|vi|en]`, run as the real
command on a node's data directory (after `hotline programme seed`); bad arguments fail clearly."""

import csv
import io

import pypdf
import pytest

from tests.actors import PASSWORD
from tests.live import hotline

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "mps"
    hotline(path, "init", "--node", "mps")
    hotline(path, "user", "add", "dina", "--role", "secretariat", env={"HOTLINE_PASSWORD": PASSWORD})
    hotline(path, "programme", "seed")
    return path


def test_csv_in_vietnamese(data_dir, tmp_path):
    out = tmp_path / "report.csv"
    hotline(
        data_dir, "programme", "report", "--format", "csv", "-o", str(out), "--language", "vi", "--as", "dina"
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Báo cáo tiến độ kế hoạch hành động của JWG về chống khủng bố"]
    assert any("Trao đổi thông tin và tình báo" in row[2] for row in rows[3:])


def test_pdf_in_indonesian(data_dir, tmp_path):
    out = tmp_path / "report.pdf"
    hotline(data_dir, "programme", "report", "--format", "pdf", "-o", str(out), "--language", "id")
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages).split())
    assert "Laporan kemajuan rencana aksi JWG" in text
    assert "Kolaborasi dalam forum multilateral: SOMTC, INTERPOL, ARF." in text


def test_an_unknown_user_fails_clearly(data_dir, tmp_path):
    out = tmp_path / "x.csv"
    done = hotline(
        data_dir, "programme", "report", "--format", "csv", "-o", str(out), "--as", "nobody", check=False
    )
    assert done.returncode != 0 and "no active user 'nobody'" in done.stderr
    assert not out.exists()
