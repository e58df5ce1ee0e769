"""Who may reach what: collection grants (per role or per user) and revocable API tokens."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q

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
