from django.contrib import admin

from hotline.federation.models import Partner


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "identity_id", "outbound", "ack_flash", "ack_urgent", "ack_routine")
    readonly_fields = ("outbound", "created_at")
