"""The second sign-in step, enrolment of an authenticator, recovery codes, the account page and the
password change. Thin: the work is in access/second_factor.py and access/throttle.py."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from hotline.access import second_factor, throttle
from hotline.accounts import qr
from hotline.accounts.forms import CodeForm, FirstCodeForm
from hotline.accounts.lockout import lockout_response


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
    return render(request, "accounts/verify.html", {"form": form, "next": _next(request)})


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
        "recovery_left": recovery.token_set.count() if recovery else 0,
    }
    return render(request, "accounts/account.html", context)


@require_POST
@login_required
def recovery_codes(request):
    """New recovery codes (the old stop working), shown once."""
    if not second_factor.has_authenticator(request.user):
        return redirect("accounts:account")
    codes = second_factor.new_recovery_codes(request.user)
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": reverse("accounts:account")}
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's form: the old password, and a new one checked by AUTH_PASSWORD_VALIDATORS."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password has been changed."))
        return response
