from django.contrib import admin

from hotline.access.models import ApiToken, CollectionGrant


@admin.register(CollectionGrant)
class CollectionGrantAdmin(admin.ModelAdmin):
    list_display = ("collection", "group", "user", "can_read", "can_write")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at")
    readonly_fields = ("prefix", "digest", "last_used_at")
