"""No page for a half-signed-in session: a user who has given the password but not yet the second factor
is sent to the second step (or, without a device, to enrol one) from every page but those steps and
logging out. TAXII answers machine clients itself (access/auth.py requires a complete sign-in there)."""

from urllib.parse import quote

from django.shortcuts import redirect
from django.urls import reverse

from hotline.access import second_factor

# "/r/": tracked links are public and must not look at who follows them.
EXEMPT_PREFIXES = ("/taxii2/", "/static/", "/i18n/", "/healthz", "/r/")


# The pages of the second step and of enrolment (each view checks what the session may do there).
STEPS = (
    "accounts:verify",
    "accounts:enrol",
    "accounts:keys",
    "accounts:key-register-options",
    "accounts:key-register",
    "accounts:new-codes",
    "accounts:key-verify-options",
    "accounts:key-verify",
    "web:logout",
)


class SecondFactorRequired:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.user.is_authenticated
            and not request.path.startswith(EXEMPT_PREFIXES)
            and not second_factor.sign_in_complete(request)
        ):
            steps = {reverse(name) for name in STEPS}
            if request.path not in steps:
                step = "accounts:verify" if second_factor.has_device(request.user) else "accounts:enrol"
                return redirect(reverse(step) + "?next=" + quote(request.get_full_path()))
        return self.get_response(request)
