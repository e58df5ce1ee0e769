"""The progress report of the action plan as CSV and PDF, in the language chosen, from the command line
(`hotline programme report`) and from the UI; its text is checked (the PDF's with pypdf). Only readers of
the programme may have it; bad arguments are refused."""

import csv
import io

import pypdf
import pytest

from hotline.programme import report
from hotline.programme.errors import NotAllowed, ProgrammeError
from tests.signin import signed_in_client


def _pdf_text(data: bytes) -> str:
    """The PDF's text, with the table cells' line breaks made spaces."""
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


def test_csv_in_indonesian(seeded, secretary):
    rows = list(csv.reader(io.StringIO(report.generate(secretary, "csv", "id").decode("utf-8-sig"))))
    assert rows[0] == ["Laporan kemajuan rencana aksi JWG Penanggulangan Terorisme"]
    assert rows[2][:3] == ["Pertemuan", "Butir", "Teks kesepakatan"]
    point2 = next(r for r in rows[3:] if r[:2] == ["JWG-2", "2"])
    assert "penggunaan teknologi AI oleh jaringan teroris" in point2[2]
    assert point2[6] == "sedang dikerjakan"
    assert "Workshop: Use of AI by terrorist networks" in point2[7]


def test_pdf_in_vietnamese_keeps_its_diacritics(seeded, secretary):
    text = _pdf_text(report.generate(secretary, "pdf", "vi"))
    assert "Báo cáo tiến độ kế hoạch hành động" in text
    assert "Hợp tác trong các diễn đàn đa phương" in text
    assert "JWG-2" in text


def test_pdf_from_the_ui_in_english(seeded, actors):
    response = signed_in_client(actors["alice"]).get("/programme/report.pdf?language=en")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _pdf_text(response.content)
    assert "Progress report of the JWG on CT action plan" in text
    assert "Exchange of information and intelligence through a Hotline" in text


def test_refusals(seeded, secretary, actors):
    with pytest.raises(ProgrammeError, match="unknown format"):
        report.generate(secretary, "docx")
    with pytest.raises(ProgrammeError, match="unknown language"):
        report.generate(secretary, "csv", "fr")
    with pytest.raises(NotAllowed):
        report.generate(actors["charlie"], "csv")
    assert signed_in_client(actors["charlie"]).get("/programme/report.pdf").status_code == 403
