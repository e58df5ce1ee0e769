"""In Chromium against a live node: the content security policy lets every page work and the browser reports
no violation. alice visits every page of the menu and uses compose.js (the intelligence picker, an added
intelligence row, language detection) and the live countdowns; every `securitypolicyviolation` event and every
console error is collected. An inline script injected on purpose is blocked and reported, which shows the
collector works."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_flash_alert_round_trip import log_in

pytestmark = pytest.mark.live

COLLECT = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


def test_every_page_works_under_the_policy_without_violations(desk_node, browser):
    context = browser.new_context(locale="en-GB")
    context.add_init_script(COLLECT)
    console_errors = []
    try:
        page = log_in(context, desk_node, "alice")
        page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
        policy = page.goto(desk_node.url + "/desk/dashboard/").headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy

        for label in ("Desk", "Inbox", "Outbox", "Search", "Service levels", "Duty roster", "Home"):
            page.click(f"nav >> text={label}")
            expect(page.locator("main h1")).to_be_visible()
            assert page.evaluate("window.__violations") == [], label

        # compose.js: the picker searches in place, a new intelligence row is added, the language is detected.
        page.click("nav >> text=Compose")
        page.fill("#id_intel_query", "nothing-matches-this")
        page.click("#find-intel")
        expect(page.locator("#intel-status")).to_have_text("No intelligence found.")
        page.click("#add-intel")
        expect(page.locator("#new-intel-forms select[name$='-type']")).to_have_count(2)
        page.fill("#id_body", "Cảnh báo khẩn cấp về một vụ tấn công vào bến phà")
        expect(page.locator("#language-detected")).to_contain_text("Vietnamese", timeout=15_000)
        assert page.evaluate("window.__violations") == []

        # The countdowns run (countdown.js), on the dashboard.
        page.goto(desk_node.url + "/desk/dashboard/")
        assert page.evaluate("window.__violations") == []
        assert [e for e in console_errors if "Content Security Policy" in e] == []

        # The collector sees a violation when there is one: an injected inline script is refused.
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
            " document.body.appendChild(s); }"
        )
        expect(page.locator("body")).to_be_visible()
        page.wait_for_function("window.__violations.length > 0")
        assert page.evaluate("window.__ran") is None
        assert any(re.match(r"script-src", v) for v in page.evaluate("window.__violations"))
    finally:
        context.close()
