"""Who may reach what: collection grants (per role or per user) and revocable API tokens."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q
from django_otp.models import Device

from hotline.intel.models import Collection


class CollectionGrant(models.Model):
    """Read and/or write permission on one TAXII collection, for a role (a Django group) or one user."""

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="grants")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    can_read = models.BooleanField(default=True)
    can_write = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(group__isnull=False, user__isnull=True) | Q(group__isnull=True, user__isnull=False)
                ),
                name="access_grant_group_xor_user",
            ),
            models.UniqueConstraint(fields=["collection", "group"], name="access_grant_group_unique"),
            models.UniqueConstraint(fields=["collection", "user"], name="access_grant_user_unique"),
        ]

    def __str__(self) -> str:
        who = self.group.name if self.group_id else self.user.get_username()
        rights = "+".join(r for r, ok in (("read", self.can_read), ("write", self.can_write)) if ok)
        return f"{who} {rights} {self.collection.alias}"


class ApiToken(models.Model):
    """A bearer token for scripts and partner nodes. Only its SHA-256 is stored; the token is shown once.

    Its scope narrows what its user may do, never widens it: the collections it reaches (all the user's,
    or those listed) and the actions (read, write)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    all_collections = models.BooleanField(default=True)
    collections = models.ManyToManyField(Collection, blank=True, related_name="+")
    can_read = models.BooleanField(default=True)
    can_write = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Compartment(models.Model):
    """A named case team. An object or desk message assigned to a compartment does not exist for anyone who
    is not a member: not in lists, counts, search, TAXII, exports or notifications, and it never leaves
    the node (the sharing rules refuse it)."""

    name = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=200, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="compartments")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CompartmentObject(models.Model):
    """A STIX object (every version of it; a desk message is one by its STIX id) assigned to a compartment."""

    compartment = models.ForeignKey(Compartment, on_delete=models.CASCADE, related_name="assignments")
    stix_id = models.CharField(max_length=300, db_index=True)
    assigned_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["compartment", "stix_id"], name="access_compartment_object_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.stix_id} in {self.compartment}"


class NamedRecipient(models.Model):
    """A user of this node named on a TLP:RED object held in a collection (desk messages keep their own
    named recipients): TLP:RED objects are shown to their named recipients only."""

    stix_id = models.CharField(max_length=300, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    named_at = models.DateTimeField(auto_now_add=True)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stix_id", "user"], name="access_named_recipient_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} named on {self.stix_id}"


class ShareConsent(models.Model):
    """The originating partner's consent for its object (or everything in a collection, e.g. its inbound
    collection) to be passed on to another partner, as recorded by an admin of this node. Identities are
    STIX identity ids (the access layer does not know the federation's Partner model)."""

    origin_identity = models.CharField(max_length=300, help_text="the partner that consented (originator)")
    recipient_identity = models.CharField(max_length=300, help_text="the partner it may now go to")
    stix_id = models.CharField(max_length=300, blank=True, db_index=True)
    collection = models.ForeignKey(Collection, null=True, blank=True, on_delete=models.CASCADE)
    reference = models.CharField(max_length=500, blank=True, help_text="how the consent was given")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(stix_id="", collection__isnull=False) | (~Q(stix_id="") & Q(collection__isnull=True))
                ),
                name="access_consent_object_xor_collection",
            ),
        ]

    def __str__(self) -> str:
        what = self.stix_id or f"collection {self.collection}"
        return f"{self.origin_identity} consents: {what} -> {self.recipient_identity}"


class SecurityKey(Device):
    """A WebAuthn security key (FIDO2), a django-otp device beside the TOTP authenticator and the recovery
    codes: the second step accepts any confirmed device. It is verified by a signed challenge (see
    `access/second_factor.py`), not by a typed code, so `verify_token` refuses every code."""

    credential_id = models.CharField(max_length=1400, unique=True)  # base64url, as the browser gives it
    public_key = models.BinaryField()  # COSE-encoded
    sign_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta(Device.Meta):
        verbose_name = "security key"

    def verify_token(self, token) -> bool:
        return False


class AccessGeneration(models.Model):
    """One row whose `value` the database itself changes (triggers, migration 0005) whenever anything that
    decides a request's access changes: API tokens and their scopes, collection grants, users' activity and
    roles, collections, partner accounts. Per-process caches of those (`access/request_cache.py`) compare it
    on every request, so a revoked token or grant stops working at once in every process."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"access generation {self.value}"
