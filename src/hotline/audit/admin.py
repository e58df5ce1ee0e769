"""Retention rules are edited in the Django admin; renewals are shown there (made with `hotline retention
renew`). The audit trail itself is not in the admin: auditors read it at /audit/."""

from django.contrib import admin

from hotline.audit.models import Renewal, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "object_type", "tlp", "identity_class", "keep_days", "enabled")
    list_filter = ("enabled", "object_type")


@admin.register(Renewal)
class RenewalAdmin(admin.ModelAdmin):
    list_display = ("stix_id", "renewed_at", "renewed_by")
    readonly_fields = ("stix_id", "renewed_at", "renewed_by", "note")
    search_fields = ("stix_id",)

    def has_add_permission(self, request):
        return False
