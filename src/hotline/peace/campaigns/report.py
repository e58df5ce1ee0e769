"""A campaign's report, as CSV or PDF, in English, Indonesian or Vietnamese: the campaign (theme, dates,
goals, the key message in the report's language), its figures (content, reach and engagement against the
goals), content by kind and month, reach by province, the leaderboard and each publication with its
figures. The PDF is drawn with reportlab in DejaVu Sans (Vietnamese diacritics), found as the programme's
report finds it."""

import csv
import io

from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hotline.peace.campaigns import dashboard
from hotline.peace.campaigns.models import Campaign, Publication
from hotline.peace.campaigns.reach_errors import ReachError

FORMATS = ("csv", "pdf")
LANGUAGES = ("en", "id", "vi")


def _status(campaign: Campaign) -> str:
    return {"draft": _("draft"), "active": _("active"), "closed": _("closed")}.get(
        campaign.status, campaign.status
    )


def _sections(user, campaign: Campaign, language: str) -> tuple[str, list[tuple[str, list[str], list[list]]]]:
    data = dashboard.figures(user, campaign)
    key_message = getattr(campaign, f"key_message_{language}") or campaign.key_message_en
    title = _("Campaign report: %(title)s") % {"title": campaign.title}
    about = [
        [_("Theme"), campaign.theme],
        [_("Dates"), f"{campaign.starts_on:%Y-%m-%d} – {campaign.ends_on:%Y-%m-%d}"],
        [_("Status"), _status(campaign)],
        [_("Key message"), key_message],
        [_("Regions"), ", ".join(campaign.regions or [])],
    ]
    row = data.by_campaign[0] if data.by_campaign else dashboard.ReachRow(campaign, campaign.title)
    figures = [
        [_("Approved content"), data.approved, campaign.goal_content or "—"],
        [_("Published"), data.published, ""],
        [_("Ambassadors with approved content"), data.ambassadors, ""],
        [_("Reach (link visits + post views)"), data.reach, campaign.goal_reach or "—"],
        [_("Link visits"), data.visits, ""],
        [_("Post views"), data.views, ""],
        [_("Impressions"), data.impressions, ""],
        [_("Likes"), row.likes, ""],
        [_("Shares"), row.shares, ""],
        [_("Comments"), row.comments, ""],
    ]
    kinds = list(data.content_by_kind)
    content = [[m, *(data.content_by_kind[k][i] for k in kinds)] for i, m in enumerate(data.months)]
    provinces = [[r.label, r.approved, r.visits, r.views, r.reach] for r in data.by_province]
    leaders = [[i, r.name, r.province, r.approved, r.reach] for i, r in enumerate(data.leaderboard, 1)]
    publications = []
    for publication in (
        Publication.objects.filter(assignment__brief__campaign=campaign)
        .select_related("assignment__ambassador", "assignment__brief")
        .annotate(views=Sum("metrics__views"), impressions=Sum("metrics__impressions"))
        .order_by("published_on", "pk")
    ):
        ambassador = publication.assignment.ambassador
        publications.append([
            f"{publication.published_on:%Y-%m-%d}", ambassador.name, ambassador.province,
            dashboard.kind_label(publication.assignment.brief.kind), publication.platform, publication.url,
            publication.views or 0, publication.impressions or 0,
        ])  # fmt: skip
    sections = [
        (_("The campaign"), [_("What"), _("Value")], about),
        (_("Figures"), [_("Figure"), _("Value"), _("Goal")], figures),
        (_("Approved content by kind and month"), [_("Month"), *map(dashboard.kind_label, kinds)], content),
        (
            _("Reach by province"),
            [_("Province"), _("Approved content"), _("Link visits"), _("Post views"), _("Reach")],
            provinces,
        ),  # fmt: skip
        (_("Leaderboard"), ["#", _("Ambassador"), _("Province"), _("Approved content"), _("Reach")], leaders),
        (
            _("Publications"),
            [
                _("Date"),
                _("Ambassador"),
                _("Province"),
                _("Kind"),
                _("Platform"),
                _("Address"),
                _("Post views"),
                _("Impressions"),
            ],
            publications,
        ),  # fmt: skip
        (
            _("Tracked links"),
            [_("Ambassador"), _("Visits")],
            [
                [link.ambassador.name, link.visits]
                for link in campaign.links.select_related("ambassador").order_by(
                    "-visits", "ambassador__name"
                )
            ],
        ),  # fmt: skip
    ]
    return title, sections


def generate(user, campaign: Campaign, fmt: str, language: str = "en") -> bytes:
    if fmt not in FORMATS:
        raise ReachError(f"unknown format {fmt!r}; one of: {', '.join(FORMATS)}")
    if language not in LANGUAGES:
        raise ReachError(f"unknown language {language!r}; one of: {', '.join(LANGUAGES)}")
    dashboard.readable_campaigns(user).get(pk=campaign.pk)  # NotAllowed, or DoesNotExist for a hidden one
    with translation.override(language):
        title, sections = _sections(user, campaign, language)
        generated = _("Generated %(when)s") % {"when": timezone.now().strftime("%Y-%m-%d %H:%M UTC")}
        if fmt == "csv":
            return _csv(title, generated, sections)
        return _pdf(title, generated, sections)


def _csv(title: str, generated: str, sections) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title])
    writer.writerow([generated])
    for heading, header, rows in sections:
        writer.writerow([])
        writer.writerow([heading])
        writer.writerow(header)
        writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _font() -> str:
    from hotline.programme import report as programme_report
    from hotline.programme.errors import ProgrammeError

    try:
        return programme_report._font()
    except ProgrammeError as exc:
        raise ReachError(str(exc)) from None


def _pdf(title: str, generated: str, sections) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=8, leading=10)
    heading = ParagraphStyle("heading", fontName=font, fontSize=14, leading=18)
    subheading = ParagraphStyle("subheading", fontName=font, fontSize=11, leading=14, spaceBefore=8)

    def escape(value) -> str:
        return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def cell(value) -> Paragraph:
        return Paragraph(escape(value), body)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, leftMargin=12 * mm, rightMargin=12 * mm)
    story = [Paragraph(escape(title), heading), Paragraph(escape(generated), body), Spacer(1, 4 * mm)]
    for name, header, rows in sections:
        story.append(Paragraph(escape(name), subheading))
        if not rows:
            story.append(Paragraph(escape(_("Nothing yet.")), body))
            continue
        table = Table([[cell(h) for h in header]] + [[cell(c) for c in row] for row in rows], repeatRows=1)
        table.setStyle(
            TableStyle([
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ])
        )  # fmt: skip
        story.append(table)
    doc.build(story)
    return buffer.getvalue()
