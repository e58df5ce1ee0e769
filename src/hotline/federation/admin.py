from django.contrib import admin

from hotline.federation.models import Partner, Quarantine


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = (
        "name", "title", "active", "url", "last_push_at", "last_push_ok", "last_pull_at", "last_pull_ok",
        "last_error_at",
    )  # fmt: skip
    readonly_fields = (
        "outbound", "inbound", "created_at", "push_cursor", "pull_cursor", "last_push_at", "last_push_ok",
        "last_pull_at", "last_pull_ok", "last_error", "last_error_at", "push_failures", "pull_failures",
        "next_push_at", "next_pull_at", "push_lease_until", "pull_lease_until",
    )  # fmt: skip
    exclude = ("password", "token")  # secrets are set with `hotline partner add`, never shown


@admin.register(Quarantine)
class QuarantineAdmin(admin.ModelAdmin):
    """What partners sent that failed verification: for the node admin to look at."""

    list_display = ("partner", "stix_id", "reason", "via", "times", "at", "last_at")
    list_filter = ("partner", "via")
    search_fields = ("stix_id", "reason")
    readonly_fields = [f.name for f in Quarantine._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
