"""In a real browser (Chromium with the DevTools Protocol's virtual authenticator, a CTAP2 security key in
software): bob, whose account needs a second factor and has none, registers a security key instead of an
authenticator app, keeps his recovery codes, signs out, and signs in with password + key. A browser whose
key the node does not know is refused, and its session stays at the second step. (A browser with no
authenticator at all waits for one to be plugged in until the options' timeout; an absent or forged answer
is refused in tests/accounts/test_security_key_second_factor.py.)

WebAuthn needs a secure context: the browser reaches the node at http://localhost:PORT."""

import pytest
from playwright.sync_api import expect

from tests.actors import PASSWORD
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.test_no_content_security_policy_violations import COLLECT

pytestmark = pytest.mark.live


def _with_virtual_key(context, page):
    """A USB security key plugged into this page's browser (presence is confirmed at once)."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {"options": {"protocol": "ctap2", "transport": "usb", "hasResidentKey": False,
                     "hasUserVerification": False, "automaticPresenceSimulation": True}},
    )  # fmt: skip
    return cdp, added["authenticatorId"]


def _password_step(page, base: str, username: str) -> None:
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")


def test_register_a_key_then_sign_in_with_it_and_refuse_others(desk_node, browser):
    base = f"http://localhost:{desk_node.port}"
    context = browser.new_context(locale="en-GB")
    other_context = browser.new_context(locale="en-GB")
    try:
        context.add_init_script(COLLECT)  # security-key.js must work under the content security policy
        page = context.new_page()
        page.set_default_timeout(20_000)
        cdp, authenticator = _with_virtual_key(context, page)

        # Enrolment: the password, then a security key instead of an app.
        _password_step(page, base, "bob")
        page.wait_for_url("**/account/two-factor/**")
        page.click("#use-security-key")
        page.fill("#security-key-name", "bob's blue key")
        page.click("#register-key")
        page.wait_for_url("**/account/new-recovery-codes/**")
        expect(page.locator("ul.recovery-codes li")).to_have_count(10)
        page.click("#continue")
        expect(page.locator("header form.logout span")).to_have_text("bob")
        page.goto(base + "/account/")
        expect(page.locator("#security-keys")).to_contain_text("bob's blue key")
        credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
        assert len(credentials) == 1 and credentials[0]["rpId"] == "localhost"
        count_at_registration = credentials[0]["signCount"]

        # Sign out, then password + key.
        page.click("header form.logout button")
        _password_step(page, base, "bob")
        page.wait_for_url("**/account/verify/**")
        page.screenshot(path=str(SCREENSHOTS / "hotline-e2e-security-key-verify.png"), full_page=True)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == []  # the page and its script, under the policy
        page.click("#use-key")
        page.wait_for_url(lambda url: "/account/" not in url)  # past the second step
        expect(page.locator("header form.logout span")).to_have_text("bob")
        page.goto(base + "/desk/inbox/")
        assert page.url == base + "/desk/inbox/"
        credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]
        assert credentials[0]["signCount"] == count_at_registration + 1  # the key signed the challenge

        # A key the node does not know: the browser finds no allowed credential on it; refused.
        other = other_context.new_page()
        other.set_default_timeout(20_000)
        _with_virtual_key(other_context, other)
        _password_step(other, base, "bob")
        other.wait_for_url("**/account/verify/**")
        other.click("#use-key")
        expect(other.locator("#security-key-verify .security-key-error")).to_have_text(
            "That security key was not accepted."
        )
        other.goto(base + "/desk/inbox/")
        assert "/account/verify/" in other.url

    finally:
        context.close()
        other_context.close()
