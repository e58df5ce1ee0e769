from django.contrib import admin

from hotline.access.models import (
    ApiToken,
    CollectionGrant,
    Compartment,
    CompartmentObject,
    NamedRecipient,
    ShareConsent,
)


@admin.register(CollectionGrant)
class CollectionGrantAdmin(admin.ModelAdmin):
    list_display = ("collection", "group", "user", "can_read", "can_write")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at")
    readonly_fields = ("prefix", "digest", "last_used_at")


@admin.register(Compartment)
class CompartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "created_at", "created_by")
    filter_horizontal = ("members",)
    readonly_fields = ("created_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CompartmentObject)
class CompartmentObjectAdmin(admin.ModelAdmin):
    list_display = ("stix_id", "compartment", "assigned_at", "assigned_by")
    list_filter = ("compartment",)
    readonly_fields = ("assigned_by",)

    def save_model(self, request, obj, form, change):
        obj.assigned_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(NamedRecipient)
class NamedRecipientAdmin(admin.ModelAdmin):
    list_display = ("stix_id", "user", "named_at", "named_by")
    readonly_fields = ("named_by",)

    def save_model(self, request, obj, form, change):
        obj.named_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ShareConsent)
class ShareConsentAdmin(admin.ModelAdmin):
    list_display = (
        "origin_identity", "recipient_identity", "stix_id", "collection", "recorded_by", "recorded_at",
        "withdrawn_at",
    )  # fmt: skip
    readonly_fields = ("recorded_by", "recorded_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
