"""The second sign-in step, enrolment of an authenticator, recovery codes, the account page and the
password change. Thin: the work is in access/second_factor.py and access/throttle.py."""

import json
from datetime import timedelta
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from hotline.access import second_factor, throttle
from hotline.access import services as token_services
from hotline.access.models import ApiToken
from hotline.accounts import qr
from hotline.accounts.forms import ApiTokenForm, CodeForm, FirstCodeForm
from hotline.accounts.lockout import lockout_response
from hotline.audit.services import record


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("web:home")


def _failed_code(request, form) -> None:
    """A wrong code counts like a wrong password (lockout); the device throttles it too."""
    throttle.record_failure(request, request.user.get_username(), second_factor="code")
    form.add_error("code", _("That code is not right. Try again with the code shown now."))


@login_required
def verify(request):
    """Second step: a code from the authenticator, or a recovery code."""
    user = request.user
    if second_factor.sign_in_complete(request):
        return redirect(_next(request))
    if not second_factor.has_device(user):
        return redirect(reverse("accounts:enrol") + "?next=" + quote(_next(request)))
    if not throttle.is_allowed(request, user.get_username()):
        return lockout_response(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = second_factor.verify(request, form.cleaned_data["code"])
        if device is not None:
            throttle.reset(request, user.get_username())
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(count)d is left.",
                        "You used a recovery code; %(count)d are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next(request))
        _failed_code(request, form)
    context = {"form": form, "next": _next(request), "has_key": second_factor.has_security_key(user)}
    return render(request, "accounts/verify.html", context)


@login_required
def enrol(request):
    """Set up an authenticator app: the secret, its otpauth:// URI and QR code; the first code confirms it,
    then the recovery codes are shown once. A user who has an authenticator must pass the second step with
    it before setting up another (a password alone never replaces a device)."""
    user = request.user
    if second_factor.has_device(user) and not second_factor.is_verified(request):
        return redirect(reverse("accounts:verify") + "?next=" + quote(_next(request)))
    if not throttle.is_allowed(request, user.get_username()):
        return lockout_response(request)
    device = second_factor.pending_authenticator(user)
    form = FirstCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.confirm_authenticator(request, device, form.cleaned_data["code"])
        if codes is not None:
            throttle.reset(request, user.get_username())
            return render(
                request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request), "new": True}
            )
        _failed_code(request, form)
    uri = device.config_url
    context = {
        "form": form,
        "next": _next(request),
        "secret": second_factor.secret_text(device),
        "uri": uri,
        "qr_svg": qr.svg(uri),
        "replacing": second_factor.has_authenticator(user),
    }
    return render(request, "accounts/enrol.html", context)


@login_required
def account(request):
    user = request.user
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    context = {
        "required": second_factor.is_required(user),
        "has_authenticator": second_factor.has_authenticator(user),
        "keys": second_factor.security_keys(user),
        "recovery_left": recovery.token_set.count() if recovery else 0,
    }
    return render(request, "accounts/account.html", context)


@require_POST
@login_required
def recovery_codes(request):
    """New recovery codes (the old stop working), shown once."""
    if not (second_factor.has_authenticator(request.user) or second_factor.has_security_key(request.user)):
        return redirect("accounts:account")
    codes = second_factor.new_recovery_codes(request.user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:account")}
    )


def _token_rows(user):
    now = timezone.now()
    return [
        {
            "token": t,
            "state": token_services.token_state(t, now),
            "collections": None if t.all_collections else sorted(c.alias for c in t.collections.all()),
        }  # fmt: skip
        for t in ApiToken.objects.filter(user=user).prefetch_related("collections")
    ]


@login_required
def api_tokens(request):
    """The user's own API tokens (for scripts and TAXII clients: HTTP Basic is refused for roles that need a
    second factor). A new token is shown once, on the answer to the form."""
    form = ApiTokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        token, raw = token_services.create_token(
            request.user, data["name"], expires_at=timezone.now() + timedelta(days=data["days"]),
            read=True, write=data["write"], by=request.user,
        )  # fmt: skip
        created = {"token": token, "raw": raw}
        form = ApiTokenForm()
    context = {"form": form, "created": created, "rows": _token_rows(request.user)}
    return render(request, "accounts/api_tokens.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def api_token_revoke(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)  # another user's token is not found
    if token_services.revoke_token(token, by=request.user):
        messages.success(request, _("Token %(name)s revoked: it no longer works.") % {"name": token.name})
    return redirect("accounts:api-tokens")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's form: the old password, and a new one checked by AUTH_PASSWORD_VALIDATORS."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response


# Security keys (WebAuthn). The browser side is web/static/security-key.js: it asks for options (JSON), lets
# the browser talk to the key, and posts the key's answer back as JSON. Every answer is checked here.

MAX_KEY_ANSWER = 64 * 1024


def _key_answer(request):
    """The key's answer posted as JSON, or None if it is not a JSON object of a sane size."""
    if len(request.body) > MAX_KEY_ANSWER:
        return None
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _json_options(options: str) -> HttpResponse:
    return HttpResponse(options, content_type="application/json")


def _may_add_key(request) -> bool:
    """As for a new authenticator: a user who has a device must have passed the second step with it."""
    return not (second_factor.has_device(request.user) and not second_factor.is_verified(request))


@login_required
def keys(request):
    """The page to register a security key (the browser does it, see security-key.js)."""
    if not _may_add_key(request):
        return redirect(reverse("accounts:verify") + "?next=" + quote(request.get_full_path()))
    context = {"keys": second_factor.security_keys(request.user), "next": _next(request)}
    return render(request, "accounts/keys.html", context)


@require_POST
@login_required
def key_register_options(request):
    if not _may_add_key(request):
        return JsonResponse({"error": _("Pass the second step first.")}, status=403)
    return _json_options(second_factor.key_registration_options(request))


@require_POST
@login_required
def key_register(request):
    """Keep the key the browser registered. The first device of a user also gets recovery codes (shown once,
    on the next page), as with an authenticator app; the session counts as verified by the new key."""
    user = request.user
    if not _may_add_key(request):
        return JsonResponse({"error": _("Pass the second step first.")}, status=403)
    if not throttle.is_allowed(request, user.get_username()):
        return JsonResponse({"error": _("Too many failed attempts. Try again later.")}, status=429)
    answer = _key_answer(request)
    key = None
    if answer is not None:
        key = second_factor.register_key(request, answer.get("credential"), str(answer.get("name", "")))
    if key is None:
        record("security_key.refused", actor=user, request=request, target=user.get_username(),
               detail={"step": "register"})  # fmt: skip
        return JsonResponse({"error": _("The security key could not be registered. Try again.")}, status=400)
    first_device = not StaticDevice.objects.filter(user=user).exists()
    from django_otp import login as otp_login

    otp_login(request, key)
    record("security_key.add", actor=user, request=request, target=user.get_username(),
           detail={"key": key.name, "credential": key.credential_id[:16]})  # fmt: skip
    messages.success(request, _("Your security key is registered."))
    if first_device:
        request.session[NEW_CODES_SESSION_KEY] = second_factor.new_recovery_codes(user)
        return JsonResponse({"redirect": reverse("accounts:new-codes") + "?next=" + quote(_next(request))})
    return JsonResponse({"redirect": reverse("accounts:account")})


NEW_CODES_SESSION_KEY = "hotline_new_recovery_codes"


@login_required
def new_codes(request):
    """The recovery codes made with a first security key, shown once (then forgotten by the session)."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("accounts:account")
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request), "new": True}
    )


@require_POST
@login_required
def key_verify_options(request):
    if not second_factor.has_security_key(request.user):
        return JsonResponse({"error": _("You have no security key.")}, status=400)
    if not throttle.is_allowed(request, request.user.get_username()):
        return JsonResponse({"error": _("Too many failed attempts. Try again later.")}, status=429)
    return _json_options(second_factor.key_authentication_options(request))


@require_POST
@login_required
def key_verify(request):
    """The second step with a security key: its signed challenge, checked; a failure counts towards the
    lockout like a wrong code."""
    user = request.user
    if not throttle.is_allowed(request, user.get_username()):
        return JsonResponse({"error": _("Too many failed attempts. Try again later.")}, status=429)
    answer = _key_answer(request)
    key = second_factor.verify_key(request, answer.get("credential")) if answer is not None else None
    if key is None:
        throttle.record_failure(request, user.get_username(), second_factor="security key")
        return JsonResponse({"error": _("That security key was not accepted.")}, status=400)
    throttle.reset(request, user.get_username())
    return JsonResponse({"redirect": _next(request)})


@require_POST
@login_required
def key_remove(request, key_id: int):
    """Remove one of the user's own keys (someone else's key is not found)."""
    key = get_object_or_404(second_factor.security_keys(request.user), pk=key_id)
    second_factor.remove_key(request.user, key.pk)
    record("security_key.remove", actor=request.user, request=request, target=request.user.get_username(),
           detail={"key": key.name, "credential": key.credential_id[:16]})  # fmt: skip
    messages.success(request, _("The security key has been removed."))
    return redirect("accounts:account")
