"""Two-factor authentication (TOTP with django-otp, recovery codes as its static device).

Who needs a second factor: every user except those whose roles are all optional ones (ambassadors). A
user without any role (a partner node's account) needs one too: such accounts use API tokens on TAXII and
have no reason to sign in to the web. Anyone who has a confirmed device, even where it is optional, passes
the second step. A sign-in is complete when the session carries a device that verified a code.
"""

import base64
import secrets
from dataclasses import dataclass

from django.db import transaction
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hotline.access import roles

OPTIONAL_ROLES = frozenset({roles.AMBASSADOR})
RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def _role_names(user) -> frozenset[str]:
    return frozenset(user.groups.values_list("name", flat=True))


def is_required(user) -> bool:
    """Whether the user must pass a second factor to sign in (whatever devices they have)."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    names = _role_names(user)
    return not names or not names <= OPTIONAL_ROLES


def has_device(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_step(user) -> bool:
    """The user must give a code before going on: required, or a device is set up (then it is used)."""
    return is_required(user) or has_device(user)


def is_verified(request) -> bool:
    """The session's user has passed the second factor (OTPMiddleware puts `is_verified` on the user)."""
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def sign_in_complete(request) -> bool:
    """A signed-in session that has passed every step it needs."""
    user = request.user
    if not user.is_authenticated:
        return False
    return is_verified(request) or not needs_second_step(user)


def secret_text(device: TOTPDevice) -> str:
    """The device's secret as authenticator apps take it (base32, no padding)."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def pending_authenticator(user) -> TOTPDevice:
    """The unconfirmed TOTP device being enrolled (made once, so a page reload shows the same secret)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


@dataclass
class Enrolment:
    device: TOTPDevice
    recovery_codes: list[str]


def confirm_authenticator(request, device: TOTPDevice, code: str) -> list[str] | None:
    """Check the first code of a device being enrolled. On success the device replaces any older
    authenticator, new recovery codes are made (returned: they are shown once), and the session counts as
    verified. None if the code is wrong (nothing changes)."""
    if device.user_id != request.user.pk or not device.verify_token(code.strip()):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(device.user)
    otp_login(request, device)
    return codes


def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with new ones (shown once; each works once). django-otp's static
    device stores them as they are, like the TOTP secret: the database must stay the node's secret."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify(request, code: str):
    """Check a code from the authenticator, else a recovery code (used up). The device that accepted it
    is remembered in the session; None if no device accepted it (each device throttles failures)."""
    code = "".join(code.split())
    if not code or len(code) > 16:
        return None
    user = request.user
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            # Digits are an authenticator's code, letters a recovery code: each goes to its own device only,
            # so a mistyped recovery code does not throttle the authenticator (nor the other way round).
            if isinstance(device, StaticDevice) == code.isdigit():
                continue
            if device.verify_token(code.lower() if isinstance(device, StaticDevice) else code):
                otp_login(request, device)
                return device
    return None


def enrol_for_operator(user) -> TOTPDevice:
    """`hotline user otp`: a new confirmed authenticator for the user (replacing the old), whose secret the
    operator hands over. Recovery codes are kept."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)


def enrol_with_key(user, key_hex: str) -> TOTPDevice:
    """A confirmed authenticator with a given secret (the demo gives its users a secret it prints)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        return TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=key_hex, confirmed=True)


def remove_devices(user) -> int:
    """Forget every device of the user: at the next sign-in they enrol again (if required)."""
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    return removed + StaticDevice.objects.filter(user=user).delete()[0]


def random_key_hex() -> str:
    return secrets.token_hex(20)


def session_device_id(session) -> str | None:
    return session.get(DEVICE_ID_SESSION_KEY)
