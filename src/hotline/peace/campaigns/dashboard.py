"""Reach's figures, computed by queries, and their charts.

- approved content: an assignment with an `approve` review; its date is that of its first approval;
- content produced over time: approved content by kind (article, infographic, video, other) per month;
- reach: tracked-link visits + post views (the platform figures imported per post and day, summed), beside
  impressions and engagement (likes + shares + comments); by campaign and by the ambassador's province;
- the leaderboard: ambassadors by approved content, then by reach.

Charts are drawn on the server as SVG with pygal (no script, nothing fetched by the browser: they are
`data:` images, which the Content-Security-Policy allows) and every chart has its table beside it."""

import base64
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from hotline.access import policy
from hotline.peace.campaigns.models import CONTENT_KINDS, Assignment, Campaign, PostMetrics, TrackedLink
from hotline.peace.campaigns.reach_errors import NotAllowed

METRICS = ("impressions", "views", "likes", "shares", "comments")
LEADERBOARD_SIZE = 10


def kind_label(kind: str) -> str:
    return {
        "article": _("article"),
        "infographic": _("infographic"),
        "video": _("video"),
        "other": _("other"),
    }[kind]


@dataclass
class ReachRow:
    key: object  # a campaign, or a province's name
    label: str
    approved: int = 0
    visits: int = 0
    impressions: int = 0
    views: int = 0
    likes: int = 0
    shares: int = 0
    comments: int = 0
    goal_reach: int = 0
    goal_content: int = 0

    @property
    def reach(self) -> int:
        return self.visits + self.views

    @property
    def engagement(self) -> int:
        return self.likes + self.shares + self.comments


@dataclass
class LeaderRow:
    ambassador_id: int
    name: str
    province: str
    approved: int
    reach: int


@dataclass
class Figures:
    campaigns: list[Campaign]
    months: list[str] = field(default_factory=list)  # "2025-07", …
    content_by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind → count per month
    by_campaign: list[ReachRow] = field(default_factory=list)
    by_province: list[ReachRow] = field(default_factory=list)
    leaderboard: list[LeaderRow] = field(default_factory=list)
    approved: int = 0
    published: int = 0
    ambassadors: int = 0  # ambassadors with approved content
    visits: int = 0
    views: int = 0
    impressions: int = 0
    engagement: int = 0

    @property
    def reach(self) -> int:
        return self.visits + self.views


def readable_campaigns(user) -> QuerySet:
    """The campaigns whose reach the user may see: our own (a partner's shared copy has no reach here)."""
    if not policy.can_read_campaigns(user):
        raise NotAllowed("reach is for the Peace Media Center's coordinators and reviewers")
    return policy.visible_campaigns(user, Campaign.objects.filter(origin__isnull=True))


def approved_assignments(campaigns) -> QuerySet:
    return (
        Assignment.objects.filter(brief__campaign__in=campaigns)
        .annotate(
            approved_at=Min("drafts__reviews__decided_at", filter=Q(drafts__reviews__decision="approve"))
        )
        .filter(approved_at__isnull=False)
    )


def figures(user, campaign: Campaign | None = None) -> Figures:
    campaigns = readable_campaigns(user)
    if campaign is not None:
        campaigns = campaigns.filter(pk=campaign.pk)
    campaign_list = list(campaigns.order_by("-starts_on", "title"))
    result = Figures(campaigns=campaign_list)
    approved = list(
        approved_assignments(campaign_list).values_list(
            "pk", "brief__kind", "brief__campaign_id", "ambassador_id", "ambassador__name",
            "ambassador__province", "approved_at", "status",
        )
    )  # fmt: skip
    result.approved = len(approved)
    result.published = sum(1 for row in approved if row[7] == "published")

    # content produced, by kind and month
    months = sorted({row[6].strftime("%Y-%m") for row in approved})
    per = Counter((row[1], row[6].strftime("%Y-%m")) for row in approved)
    result.months = months
    result.content_by_kind = {
        kind: [per[(kind, m)] for m in months]
        for kind in CONTENT_KINDS
        if any(per[(kind, m)] for m in months)
    }

    # reach by campaign
    rows = {
        c.pk: ReachRow(c, c.title, goal_reach=c.goal_reach, goal_content=c.goal_content)
        for c in campaign_list
    }
    for row in approved:
        rows[row[2]].approved += 1
    links = TrackedLink.objects.filter(campaign__in=campaign_list)
    for pk, visits in links.values_list("campaign_id").annotate(Sum("visits")):
        rows[pk].visits = visits or 0
    metrics = PostMetrics.objects.filter(publication__assignment__brief__campaign__in=campaign_list)
    sums = {name: Sum(name) for name in METRICS}
    for found in metrics.values("publication__assignment__brief__campaign_id").annotate(**sums):
        _add(rows[found["publication__assignment__brief__campaign_id"]], found)
    result.by_campaign = list(rows.values())

    # reach by province (the ambassador's)
    provinces: dict[str, ReachRow] = {}

    def province(name: str) -> ReachRow:
        return provinces.setdefault(name, ReachRow(name, name or _("(no province)")))

    for row in approved:
        province(row[5]).approved += 1
    for name, visits in links.values_list("ambassador__province").annotate(Sum("visits")):
        province(name).visits += visits or 0
    for found in metrics.values("publication__assignment__ambassador__province").annotate(**sums):
        _add(province(found["publication__assignment__ambassador__province"]), found)
    result.by_province = sorted(provinces.values(), key=lambda r: (-r.reach, -r.approved, r.label))

    # the leaderboard
    reach_of: dict[int, int] = defaultdict(int)
    for pk, visits in links.values_list("ambassador_id").annotate(Sum("visits")):
        reach_of[pk] += visits or 0
    for pk, views in metrics.values_list("publication__assignment__ambassador_id").annotate(Sum("views")):
        reach_of[pk] += views or 0
    counts = Counter(row[3] for row in approved)
    names = {row[3]: (row[4], row[5]) for row in approved}
    leaders = [LeaderRow(pk, *names[pk], n, reach_of[pk]) for pk, n in counts.items()]
    leaders.sort(key=lambda r: (-r.approved, -r.reach, r.name))
    result.leaderboard = leaders[:LEADERBOARD_SIZE]
    result.ambassadors = len(counts)

    for row in result.by_campaign:
        result.visits += row.visits
        result.views += row.views
        result.impressions += row.impressions
        result.engagement += row.engagement
    return result


def _add(row: ReachRow, found: dict) -> None:
    for name in METRICS:
        setattr(row, name, getattr(row, name) + (found[name] or 0))


# --- charts ---------------------------------------------------------------------------------------------


def _config(title: str, **options):
    import pygal
    from pygal.style import Style

    style = Style(
        background="white", plot_background="white", font_family="DejaVu Sans, sans-serif",
        colors=("#1f5f8b", "#e07b00", "#2e8540", "#8a3ffc", "#b0b0b0"),
    )  # fmt: skip
    config = pygal.Config()
    config.title = title
    config.style = style
    config.js = []  # no tooltip script: nothing is fetched, and none would run in an <img>
    config.disable_xml_declaration = True
    config.width, config.height = 760, 360
    config.legend_at_bottom = True
    config.print_values = False
    config.show_y_guides = True
    config.x_label_rotation = 0
    for name, value in options.items():
        setattr(config, name, value)
    return config


def _data_uri(chart) -> str:
    """The chart as a `data:` URI, without pygal's inline configuration script (which an <img> would not
    run anyway): a picture and nothing else."""
    from pygal.etree import etree

    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)  # the script, and comments (pygal's credits)
    svg = etree.tostring(tree, encoding="unicode").encode("utf-8")
    return "data:image/svg+xml;charset=utf-8;base64," + base64.b64encode(svg).decode("ascii")


def _whole_numbers(chart, highest: int) -> None:
    """Counts of pieces are whole: ticks 0, 1, 2 … rather than 0.2, 0.4 … when there are few."""
    if highest <= 20:
        chart.y_labels = list(range(0, max(highest, 1) + 1))


def content_chart(data: Figures) -> str:
    """Approved content by kind, per month (stacked bars), as a data: URI."""
    import pygal

    chart = pygal.StackedBar(_config(_("Approved content by kind and month")))
    chart.x_labels = data.months
    for kind, counts in data.content_by_kind.items():
        chart.add(kind_label(kind), counts)
    _whole_numbers(chart, max((sum(c) for c in zip(*data.content_by_kind.values(), strict=True)), default=0))
    return _data_uri(chart)


def reach_chart(rows: list[ReachRow], title: str) -> str:
    """Link visits and post views per row (campaign or province), as a data: URI."""
    import pygal

    chart = pygal.StackedBar(_config(title, x_label_rotation=20 if len(rows) > 4 else 0))
    chart.x_labels = [row.label[:30] for row in rows]
    chart.add(_("link visits"), [row.visits for row in rows])
    chart.add(_("post views"), [row.views for row in rows])
    return _data_uri(chart)


def leaderboard_chart(rows: list[LeaderRow]) -> str:
    import pygal

    chart = pygal.HorizontalBar(_config(_("Ambassadors by approved content"), show_legend=False))
    chart.x_labels = [row.name for row in reversed(rows)]
    chart.add(_("approved content"), [row.approved for row in reversed(rows)])
    _whole_numbers(chart, max((row.approved for row in rows), default=0))
    return _data_uri(chart)


def charts(data: Figures) -> dict[str, str]:
    return {
        "content": content_chart(data),
        "campaigns": reach_chart(data.by_campaign, _("Reach by campaign")),
        "provinces": reach_chart(data.by_province, _("Reach by province")),
        "leaderboard": leaderboard_chart(data.leaderboard),
    }
