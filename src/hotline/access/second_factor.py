"""Two-factor authentication (TOTP with django-otp, recovery codes as its static device, WebAuthn security
keys as another django-otp device checked with py_webauthn).

Who needs a second factor: every user except those whose roles are all optional ones (ambassadors). A
user without any role (a partner node's account) needs one too: such accounts use API tokens on TAXII and
have no reason to sign in to the web. Anyone who has a confirmed device, even where it is optional, passes
the second step. A sign-in is complete when the session carries a device that verified a code.
"""

import base64
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from hotline.access import policy, roles
from hotline.access.models import SecurityKey

OPTIONAL_ROLES = frozenset({roles.AMBASSADOR})
RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def is_required(user) -> bool:
    """Whether the user must pass a second factor to sign in (whatever devices they have)."""
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    names = policy.role_names(user)  # memoised on the user object, which a Basic client's requests share
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
    removed += SecurityKey.objects.filter(user=user).delete()[0]
    return removed + StaticDevice.objects.filter(user=user).delete()[0]


def random_key_hex() -> str:
    return secrets.token_hex(20)


def session_device_id(session) -> str | None:
    return session.get(DEVICE_ID_SESSION_KEY)


# WebAuthn security keys. The relying party is the node as the browser reaches it: its host name (the RP ID)
# and origin come from the request, whose host Django has already checked against ALLOWED_HOSTS. Browsers
# allow WebAuthn only in a secure context: HTTPS, or http://localhost.

KEY_CHALLENGE_SESSION_KEY = "hotline_webauthn_challenge"
KEY_NAME_MAX = 64


def _relying_party(request) -> tuple[str, str]:
    host = request.get_host()
    return host.rsplit(":", 1)[0] if not host.endswith("]") else host, f"{request.scheme}://{host}"


def _remember_challenge(request, purpose: str, challenge: bytes) -> None:
    request.session[KEY_CHALLENGE_SESSION_KEY] = {
        "purpose": purpose,
        "challenge": bytes_to_base64url(challenge),
    }


def _take_challenge(request, purpose: str) -> bytes | None:
    """The challenge this session was given for `purpose`; each is used once (a replayed answer fails)."""
    stored = request.session.pop(KEY_CHALLENGE_SESSION_KEY, None)
    if not isinstance(stored, dict) or stored.get("purpose") != purpose:
        return None
    return base64url_to_bytes(stored["challenge"])


def has_security_key(user) -> bool:
    return SecurityKey.objects.filter(user=user, confirmed=True).exists()


def security_keys(user):
    return SecurityKey.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def key_registration_options(request) -> str:
    """The options for `navigator.credentials.create()` (JSON), for the signed-in user; the user's keys are
    excluded, so a key is not registered twice."""
    from webauthn import generate_registration_options, options_to_json
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        PublicKeyCredentialDescriptor,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    user = request.user
    rp_id, _origin = _relying_party(request)
    options = generate_registration_options(
        rp_id=rp_id,
        rp_name="Hotline",
        user_id=f"hotline-user-{user.pk}".encode(),
        user_name=user.get_username(),
        user_display_name=user.get_full_name() or user.get_username(),
        exclude_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(key.credential_id))
            for key in security_keys(user)
        ],
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.DISCOURAGED,
            user_verification=UserVerificationRequirement.DISCOURAGED,
        ),
    )
    _remember_challenge(request, "register", options.challenge)
    return options_to_json(options)


def register_key(request, credential, name: str) -> SecurityKey | None:
    """Check the browser's answer to the registration options and keep the key (confirmed). None if the
    answer is not valid for this session's challenge, origin and relying party (nothing is stored)."""
    from webauthn import verify_registration_response

    challenge = _take_challenge(request, "register")
    if challenge is None:
        return None
    rp_id, origin = _relying_party(request)
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=rp_id, expected_origin=origin
        )
    except Exception:  # py_webauthn raises its own and parsing errors for any bad answer
        return None
    credential_id = bytes_to_base64url(verified.credential_id)
    if SecurityKey.objects.filter(credential_id=credential_id).exists():
        return None
    name = " ".join(name.split())[:KEY_NAME_MAX] or "security key"
    return SecurityKey.objects.create(
        user=request.user,
        name=name,
        confirmed=True,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
    )


def key_authentication_options(request) -> str:
    """The options for `navigator.credentials.get()` (JSON): a challenge the user's own keys must sign."""
    from webauthn import generate_authentication_options, options_to_json
    from webauthn.helpers.structs import PublicKeyCredentialDescriptor, UserVerificationRequirement

    rp_id, _origin = _relying_party(request)
    options = generate_authentication_options(
        rp_id=rp_id,
        allow_credentials=[
            PublicKeyCredentialDescriptor(id=base64url_to_bytes(key.credential_id))
            for key in security_keys(request.user)
        ],
        user_verification=UserVerificationRequirement.DISCOURAGED,
    )
    _remember_challenge(request, "authenticate", options.challenge)
    return options_to_json(options)


def verify_key(request, credential) -> SecurityKey | None:
    """Check a signed challenge from one of the user's keys; on success the session counts as verified by
    that key (like a right code). None if the key is not the user's, the signature or challenge is wrong,
    or the key's signature counter went backwards (a cloned key)."""
    from webauthn import verify_authentication_response

    challenge = _take_challenge(request, "authenticate")
    if challenge is None or not isinstance(credential, dict):
        return None
    key = security_keys(request.user).filter(credential_id=str(credential.get("id", ""))[:1400]).first()
    if key is None:
        return None
    rp_id, origin = _relying_party(request)
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=rp_id,
            expected_origin=origin,
            credential_public_key=bytes(key.public_key),
            credential_current_sign_count=key.sign_count,
        )
    except Exception:  # py_webauthn raises its own and parsing errors for any bad answer
        return None
    key.sign_count = verified.new_sign_count
    key.last_used_at = timezone.now()
    key.save(update_fields=["sign_count", "last_used_at"])
    otp_login(request, key)
    return key


def remove_key(user, key_id) -> SecurityKey | None:
    """Remove one of the user's keys (another user's key is not found). Returns the removed key."""
    key = SecurityKey.objects.filter(user=user, pk=key_id).first()
    if key is not None:
        key.delete()
    return key
