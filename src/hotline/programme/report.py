"""The progress report of the action plan (the agreed points, their status, activities and evidence), as
CSV or PDF, in English, Indonesian or Vietnamese: what a secretariat brings to the next JWG meeting. The
PDF embeds DejaVu Sans (Debian's fonts-dejavu-core) so Vietnamese diacritics print."""

import csv
import io
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hotline.programme import services
from hotline.programme.errors import ProgrammeError

FORMATS = ("csv", "pdf")
LANGUAGES = ("en", "id", "vi")
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


def _rows(user, language: str) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Meeting"), _("Point"), _("Agreed text"), _("Owner"), _("Responsible unit"), _("Due date"),
        _("Status"), _("Activities"), _("Evidence"),
    ]  # fmt: skip
    rows = []
    for point in services.visible_points(user).prefetch_related("activities", "evidence"):
        activities = "; ".join(f"{a.get_kind_display()}: {a.title}" for a in point.activities.all())
        evidence = "; ".join(e.title for e in point.evidence.all())
        rows.append([
            point.meeting.code, str(point.number), point.text(language), str(point.get_owner_side_display()),
            point.responsible_unit, point.due_date.isoformat() if point.due_date else "",
            str(point.get_status_display()), activities, evidence,
        ])  # fmt: skip
    return header, rows


def generate(user, fmt: str, language: str = "en") -> bytes:
    if fmt not in FORMATS:
        raise ProgrammeError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    if language not in LANGUAGES:
        raise ProgrammeError(f"unknown language {language!r}; one of: {', '.join(LANGUAGES)}")
    services._require_read(user)
    with translation.override(language):
        header, rows = _rows(user, language)
        title = _("Progress report of the JWG on CT action plan")
        generated = _("Generated %(when)s") % {"when": timezone.now().strftime("%Y-%m-%d %H:%M UTC")}
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow([title])
            writer.writerow([generated])
            writer.writerow(header)
            writer.writerows(rows)
            return out.getvalue().encode("utf-8-sig")
        return _pdf(title, generated, header, rows)


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for directory in FONT_DIRS:
        if (directory / "DejaVuSans.ttf").is_file():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(directory / "DejaVuSans.ttf")))
            return "DejaVuSans"
    raise ProgrammeError("the PDF report needs DejaVu Sans: install Debian's fonts-dejavu-core")


def _pdf(title: str, generated: str, header: list[str], rows: list[list[str]]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=8, leading=10)
    heading = ParagraphStyle("heading", fontName=font, fontSize=14, leading=18)

    def cell(text: str) -> Paragraph:
        return Paragraph(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), body)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), title=title, leftMargin=12 * mm, rightMargin=12 * mm
    )
    widths = [16 * mm, 14 * mm, 70 * mm, 20 * mm, 30 * mm, 22 * mm, 22 * mm, 48 * mm, 27 * mm]
    table = Table([[cell(h) for h in header]] + [[cell(c) for c in row] for row in rows], colWidths=widths,
                  repeatRows=1)  # fmt: skip
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )  # fmt: skip
    )
    doc.build([Paragraph(title, heading), Paragraph(generated, body), Spacer(1, 6 * mm), table])
    return buffer.getvalue()
