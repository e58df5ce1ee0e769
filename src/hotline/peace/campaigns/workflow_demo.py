"""The workflow's demo data on BNPT's node: a campaign countering recruitment in gaming communities, two
briefs, and assignments in different states — the demo `ambassador` (DD-0001) has a draft waiting for
review, DD-0002's is approved and published (so the library has an item). Made through the workflow's
services by the demo `coordinator` and the ambassadors themselves; safe to run twice; without the registry's
demo ambassadors it makes the campaign and its briefs only."""

from datetime import timedelta

CAMPAIGN = {
    "title": "Damai itu Keren (demo)",
    "theme": "Recruitment through gaming communities",
    "description": "Counter the invitations to 'real action' that recruiters post in online game chats.",
    "key_message_id": "Persahabatan sejati di dunia game tidak pernah meminta kekerasan.",
    "key_message_vi": "Tình bạn thật sự trong thế giới game không bao giờ đòi hỏi bạo lực.",
    "key_message_en": "Real friendship in gaming never asks for violence.",
    "audiences": "Gamers aged 15-24\nParents and teachers",
    "regions": "Sumatera Utara, Jawa Barat, Đà Nẵng",
    "goal_content": "12",
    "goal_reach": "50000",
    "status": "active",
}
BRIEFS = (
    {"title": "Artikel: teman main, bukan perekrut", "kind": "article", "language": "id", "skill": "writing",
     "province": "Sumatera Utara", "instructions": "600 kata untuk blog: mengenali ajakan perekrut."},
    {"title": "Infographic: five signs of a recruiter", "kind": "infographic", "language": "en",
     "skill": "visual_design", "instructions": "One image, five signs, where to get help."},
)  # fmt: skip


def seed(node: str) -> None:
    if node != "bnpt":
        return
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hotline.peace.campaigns import workflow
    from hotline.peace.campaigns.models import Ambassador, Campaign

    if Campaign.objects.filter(title=CAMPAIGN["title"], origin=None).exists():
        return
    coordinator = get_user_model().objects.get(username="coordinator")
    today = timezone.now().date()
    campaign = workflow.create_campaign(coordinator, {
        **CAMPAIGN, "starts_on": today - timedelta(days=30), "ends_on": today + timedelta(days=60),
    })  # fmt: skip
    briefs = [
        workflow.add_brief(coordinator, campaign, {**fields, "due_on": today + timedelta(days=14)})
        for fields in BRIEFS
    ]
    waiting = Ambassador.objects.filter(external_id="DD-0001", user__isnull=False).first()
    if waiting:
        (assignment,) = workflow.assign(coordinator, briefs[0], [waiting.pk])
        workflow.submit_draft(waiting.user, assignment, text="Di dunia game, teman sejati mengajak bermain, "
                              "bukan berperang. Kenali tanda-tanda perekrut.")  # fmt: skip
    done = Ambassador.objects.filter(external_id="DD-0002").first()
    if done:
        (assignment,) = workflow.assign(coordinator, briefs[1], [done.pk])
        _complete_for(done, assignment, coordinator, today)


def _complete_for(ambassador, assignment, coordinator, today) -> None:
    """Take DD-0002's assignment to published, as the ambassador would (with an account of their own, made
    here with an unknown password when the registry's demo gave them none)."""
    from hotline.access import roles
    from hotline.access.services import create_user
    from hotline.peace.campaigns import registry, workflow

    user = ambassador.user
    if user is None:
        import secrets

        user = create_user(
            "ambassador-dd-0002", roles.AMBASSADOR, secrets.token_urlsafe(24), check_password=False
        )
        registry.link_account(coordinator, ambassador, user.username)
        ambassador.refresh_from_db()
        user = ambassador.user
    workflow.submit_draft(user, assignment, link="https://example.org/demo/five-signs.png")
    workflow.review(coordinator, assignment, "approve")
    workflow.record_publication(user, assignment, url="https://www.instagram.com/p/demo-five-signs/",
                                platform="instagram", published_on=today - timedelta(days=2))  # fmt: skip
