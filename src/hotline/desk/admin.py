from django.contrib import admin

from hotline.access import policy
from hotline.desk.models import Attachment, DutyShift, Message, MessageEvent, Notification


class EventInline(admin.TabularInline):
    model = MessageEvent
    extra = 0
    readonly_fields = ("action", "from_state", "to_state", "at", "by", "by_name", "note")
    can_delete = False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ("name", "size", "mime_type", "sha256", "file", "artifact_id")
    can_delete = False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only: messages change through the desk's services only (state rules, STIX objects)."""

    list_display = (
        "subject",
        "direction",
        "kind",
        "priority",
        "partner",
        "state",
        "created_at",
        "assigned_to",
    )
    list_filter = ("direction", "kind", "priority", "state", "partner")
    search_fields = ("stix_id", "subject")
    inlines = [EventInline, AttachmentInline]

    def get_queryset(self, request):
        # The one policy applies here too: TLP:RED only to its named recipients.
        return policy.visible_messages(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(DutyShift)
class DutyShiftAdmin(admin.ModelAdmin):
    list_display = ("officer", "starts_at", "ends_at")
    list_filter = ("officer",)


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("recipient", "event", "text", "created_at", "read_at", "emailed_at", "webhook_at")
    list_filter = ("event",)
