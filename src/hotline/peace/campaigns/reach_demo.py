"""The demo's reach (BNPT node only): a small counter-narrative campaign with three invented ambassadors'
approved and published content, their tracked links with visits over two weeks, platform metrics, and the
campaign shared with the other demo node (where it appears read-only). Everything is marked DEMO and
invented. Safe to run twice."""

from datetime import datetime, timedelta

DEMO_CAMPAIGN = "DEMO: Damai di dunia maya"
# (external id, name, province, kind, the address of their first post: those of samples/post-metrics.csv,
# so importing the sample into the demo updates them)
AMBASSADORS = (
    ("DEMO-R-1", "Ayu Lestari (demo)", "Aceh", "article", "https://www.instagram.com/p/DEMO-damai-1/"),
    ("DEMO-R-2", "Budi Santoso (demo)", "Jawa Barat", "video", "https://www.youtube.com/watch?v=DEMO-damai-2"),
    (
        "DEMO-R-3", "Citra Dewi (demo)", "Sulawesi Tengah", "infographic",
        "https://www.tiktok.com/@dutadamai/video/7000000000000000001",
    ),
)  # fmt: skip


def seed(node: str) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hotline.federation.models import Partner
    from hotline.peace.campaigns import links, models, sharing

    if node != "bnpt" or models.Campaign.objects.filter(title=DEMO_CAMPAIGN).exists():
        return
    coordinator = get_user_model().objects.get(username="coordinator")
    today = timezone.now().date()
    start = today - timedelta(days=90)
    campaign = models.Campaign.objects.create(
        title=DEMO_CAMPAIGN, theme="online recruitment (demo)", status="active",
        description="An invented campaign for the demo.",
        key_message_id="Damai itu kuat, kebencian itu lemah.",
        key_message_vi="Hòa bình là sức mạnh, hận thù là yếu đuối.",
        key_message_en="Peace is strength; hatred is weakness.", audiences="students\nyoung workers",
        regions=["Aceh", "Jawa Barat", "Sulawesi Tengah"], starts_on=start,
        ends_on=today + timedelta(days=60),
        goal_content=6, goal_reach=20000, created_by=coordinator,
    )  # fmt: skip
    for number, (external_id, name, province, kind, first_post) in enumerate(AMBASSADORS, 1):
        ambassador, _ = models.Ambassador.objects.get_or_create(
            external_id=external_id, defaults={"name": name, "province": province, "languages": ["id"]}
        )
        for piece in range(number):  # 1, 2 and 3 pieces: a leaderboard
            day = start + timedelta(days=10 + 25 * piece + 3 * number)
            at = timezone.make_aware(datetime.combine(day, datetime.min.time()).replace(hour=9))
            brief = models.Brief.objects.create(
                campaign=campaign, title=f"{kind} {piece + 1} ({name})", kind=kind, language="id",
                province=province, due_on=day, created_by=coordinator,
            )  # fmt: skip
            assignment = models.Assignment.objects.create(
                brief=brief, ambassador=ambassador, due_on=day, status="published", assigned_by=coordinator,
                assigned_at=at - timedelta(days=4),
            )  # fmt: skip
            draft = models.Draft.objects.create(assignment=assignment, number=1, text="DEMO", submitted_at=at)
            models.Review.objects.create(draft=draft, decision="approve", reviewer=coordinator, decided_at=at)
            models.LibraryItem.objects.create(
                campaign=campaign, draft=draft, title=brief.title, theme=campaign.theme, language="id",
                kind=kind, text=campaign.key_message_id, approved_at=at,
            )  # fmt: skip
            url = first_post if piece == 0 else f"https://demo.invalid/{external_id.lower()}/{piece + 1}"
            publication = models.Publication.objects.create(
                assignment=assignment, url=url, platform="instagram", published_on=day, recorded_at=at,
            )  # fmt: skip
            for offset in range(3):
                models.PostMetrics.objects.create(
                    publication=publication, measured_on=day + timedelta(days=offset),
                    impressions=900 * number // (offset + 1), views=500 * number // (offset + 1),
                    likes=40 * number, shares=6 * number, comments=3 * number, imported_at=at,
                )  # fmt: skip
        link = links.ensure_link(campaign, ambassador, first_post)
        for back in range(14):
            for _ in range((number * 3 + back) % 7):
                links.count_visit(link.pk, today - timedelta(days=back))
    partner = Partner.objects.filter(name="mps", active=True).first()
    if partner is not None:
        sharing.share_campaign(coordinator, campaign, partner)
