"""In a real browser against a live node: alice logs in, composes a flash alert with an attachment
(internal: it goes to the officer on duty, dana), sees its countdown run on the dashboard; dana, whose
browser speaks Indonesian, acknowledges and replies; alice sees the reply in the thread."""

import re

import pytest
from playwright.sync_api import expect

from tests.actors import PASSWORD
from tests.e2e.conftest import SCREENSHOTS
from tests.signin import totp_code

pytestmark = pytest.mark.live

SUBJECT = "Flash: planned attack on the Batam ferry terminal"


def log_in(context, node, username: str):
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(node.url + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/account/verify/**")  # the second step: a code from the authenticator
    page.fill("#id_code", totp_code(username))
    page.click("#verify")
    expect(page.locator("header form.logout span")).to_have_text(username)
    return page


def test_flash_alert_round_trip(desk_node, browser):
    alice_context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 1000})
    dana_context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 1000})
    try:
        alice = log_in(alice_context, desk_node, "alice")

        # Compose the flash alert, internal, with an attachment.
        alice.click("nav >> text=Compose")
        alice.select_option("#id_kind", "alert")
        alice.select_option("#id_to", "internal")
        alice.select_option("#id_priority", "flash")
        alice.fill("#id_subject", SUBJECT)
        alice.fill("#id_body", "A cell is preparing an attack on the **ferry terminal** in Batam tonight.")
        alice.select_option("#id_body_format", "markdown")
        alice.select_option("#id_tlp", "amber")
        alice.select_option("#id_handling_code", "H2")
        alice.set_input_files(
            "#id_attachments",
            files=[{"name": "ferry-schedule.txt", "mimeType": "text/plain", "buffer": b"Batam 21:00\n"}],
        )
        alice.screenshot(path=str(SCREENSHOTS / "hotline-e2e-1-compose.png"), full_page=True)
        alice.click("#send")
        expect(alice.locator(".flash")).to_contain_text("The message has been sent.")
        thread_url = alice.url
        expect(alice.locator("article.focused .attachments")).to_contain_text("ferry-schedule.txt")
        expect(alice.locator("article.focused .body strong")).to_have_text("ferry terminal")

        # Its countdown runs on the dashboard.
        alice.click("nav >> text=Desk")
        entry = alice.locator("#awaiting-ack + ul li", has_text=SUBJECT)
        countdown = entry.locator("time[data-deadline]")
        expect(countdown).to_have_text(re.compile(r"0:1[45]:\d\d left"))
        first = countdown.text_content()
        expect(countdown).not_to_have_text(first, timeout=5_000)  # it counts down live
        alice.screenshot(path=str(SCREENSHOTS / "hotline-e2e-2-dashboard.png"), full_page=True)

        # dana, on duty, acknowledges and replies (in Indonesian).
        dana = log_in(dana_context, desk_node, "dana")
        dana.goto(desk_node.url + "/desk/dashboard/")
        expect(dana.locator("h1")).to_have_text("Meja hotline")
        dana.click(f"text={SUBJECT}")
        dana.click("article.focused button[value=acknowledge]")
        expect(dana.locator(".flash")).to_contain_text("Dikonfirmasi.")
        expect(dana.locator("article.focused .badge.state")).to_have_text("dikonfirmasi")
        dana.fill("#reply_body", "Diterima. Tim Densus 88 sudah dikerahkan ke terminal feri Batam.")
        dana.screenshot(path=str(SCREENSHOTS / "hotline-e2e-3-reply-id.png"), full_page=True)
        dana.click("#reply button[type=submit]")
        expect(dana.locator(".flash")).to_contain_text("Balasan Anda telah dikirim.")

        # alice sees the reply in the thread.
        alice.goto(thread_url)
        reply = alice.locator("article.message", has_text="Densus 88")
        expect(reply).to_be_visible()
        expect(reply.locator("h2")).to_contain_text("Re: " + SUBJECT)
        expect(alice.locator("article.focused .badge.state")).to_have_text("answered")
        alice.screenshot(path=str(SCREENSHOTS / "hotline-e2e-4-thread.png"), full_page=True)
    finally:
        alice_context.close()
        dana_context.close()
