"""In a real browser against a live node: an ambassador (Indonesian browser) signs in, submits a draft for
their assignment; a reviewer asks for changes; the ambassador resubmits; the reviewer approves; the
ambassador records where it was published; the approved text is in the library."""

import subprocess
import sys
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.actors import PASSWORD
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_flash_alert_round_trip import log_in
from tests.live import REPOSITORY, SETTINGS, LiveNode, free_port, hotline, node_environment

pytestmark = pytest.mark.live

_SETUP = """
import django; django.setup()
import datetime
from hotline.access import roles
from hotline.access.services import create_user
from hotline.peace.campaigns import workflow
from hotline.peace.campaigns.models import Ambassador
from tests.actors import PASSWORD
from tests.signin import give_authenticator
coordinator = create_user("cora", roles.COORDINATOR, PASSWORD)
reviewer = create_user("rudi", roles.REVIEWER, PASSWORD)
give_authenticator(reviewer)
user = create_user("siti", roles.AMBASSADOR, PASSWORD)
siti = Ambassador.objects.create(external_id="DD-0001", name="Siti Nurhaliza", province="Jawa Barat",
                                 languages=["id"], skills=["writing"], user=user)
campaign = workflow.create_campaign(coordinator, {
    "title": "Damai itu Keren", "theme": "Recruitment through gaming communities",
    "key_message_id": "Persahabatan sejati tidak meminta kekerasan.", "starts_on": "2026-01-05",
    "ends_on": "2026-12-31", "status": "active"})
brief = workflow.add_brief(coordinator, campaign, {"title": "Artikel: teman main, bukan perekrut",
    "kind": "article", "language": "id", "skill": "writing", "due_on": "2026-12-01"})
workflow.assign(coordinator, brief, [siti.pk])
"""


@pytest.fixture(scope="module")
def campaign_node(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("e2e-campaigns") / "bnpt"
    hotline(data_dir, "init", "--node", "bnpt", "--title", "BNPT (Indonesia)")
    subprocess.run(
        [sys.executable, "-c", _SETUP], check=True, capture_output=True, cwd=REPOSITORY,
        env=node_environment(data_dir, {"DJANGO_SETTINGS_MODULE": SETTINGS}),
    )  # fmt: skip
    node = LiveNode(data_dir=data_dir, port=free_port()).start()
    yield node
    node.stop()


def sign_in_with_password(context, node, username: str):
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(node.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("header form.logout span")).to_have_text(username)
    return page


def test_an_ambassador_draft_is_reviewed_resubmitted_approved_and_published(campaign_node, browser):
    siti_context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 1000})
    rudi_context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 1000})
    try:
        siti = sign_in_with_password(siti_context, campaign_node, "siti")
        siti.click("nav >> text=Tugas saya")
        expect(siti.locator("h1")).to_have_text("Tugas saya")
        siti.click("text=Artikel: teman main, bukan perekrut")
        siti.fill("#text", "Di dunia game, teman sejati mengajak bermain, bukan berperang.")
        siti.click("text=Kirim untuk ditinjau")
        expect(siti.locator(".flash")).to_contain_text("Draf dikirim untuk ditinjau.")
        expect(siti.locator("#assignment-status")).to_have_text("dikirim untuk ditinjau")
        assignment_url = siti.url

        rudi = log_in(rudi_context, campaign_node, "rudi")
        rudi.goto(campaign_node.url + "/campaigns/reviews/")
        rudi.click("text=Artikel: teman main, bukan perekrut")
        expect(rudi.locator(".timeline")).to_contain_text("teman sejati mengajak bermain")
        rudi.fill("#comment", "Add a line on where to get help.")
        rudi.click("text=Request changes")
        expect(rudi.locator("#assignment-status")).to_have_text("changes requested")

        siti.goto(assignment_url)
        expect(siti.locator(".timeline .comment")).to_contain_text("Add a line on where to get help.")
        siti.fill("#text", "Di dunia game, teman sejati mengajak bermain. Butuh bantuan? Hubungi 110.")
        siti.screenshot(path=str(SCREENSHOTS / "hotline-e2e-campaigns-1-resubmit.png"), full_page=True)
        siti.click("text=Kirim untuk ditinjau")
        expect(siti.locator("#assignment-status")).to_have_text("dikirim untuk ditinjau")

        rudi.goto(assignment_url)
        rudi.click("text=Approve")
        expect(rudi.locator("#assignment-status")).to_have_text("approved")

        siti.goto(assignment_url)
        siti.fill("#url", "https://siti.example.org/teman-main")
        siti.fill("#platform", "blog")
        siti.fill("#published_on", (date.today() - timedelta(days=0)).isoformat())
        siti.click("text=Catat penerbitan")
        expect(siti.locator("#assignment-status")).to_have_text("diterbitkan")
        expect(siti.locator(".timeline")).to_contain_text("https://siti.example.org/teman-main")
        siti.screenshot(path=str(SCREENSHOTS / "hotline-e2e-campaigns-2-published.png"), full_page=True)

        siti.goto(campaign_node.url + "/campaigns/library/?q=game")
        expect(siti.locator(".library")).to_contain_text("Hubungi 110")
    finally:
        siti_context.close()
        rudi_context.close()
