"""The desk's pages, under /desk/. Their entries in the main menu are registered here."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from hotline.access import policy
from hotline.desk import views

app_name = "desk"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="desk:dashboard"), name="index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("notifications/read/", views.notifications_read, name="notifications-read"),
    path("inbox/", views.inbox, name="inbox"),
    path("outbox/", views.outbox, name="outbox"),
    path("compose/", views.compose, name="compose"),
    path("compose/language/", views.detect, name="detect-language"),
    path("compose/intelligence/", views.intel_search, name="intel-search"),
    path("messages/<str:stix_id>/", views.message, name="message"),
    path("messages/<str:stix_id>/reply/", views.reply, name="reply"),
    path("messages/<str:stix_id>/<slug:action>/", views.act, name="act"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("search/", views.search_page, name="search"),
    path("report/", views.report, name="report"),
    path("roster/", views.roster_page, name="roster"),
    path("roster/<int:pk>/handover/", views.handover, name="handover"),
    path("roster/<int:pk>/remove/", views.remove_shift, name="remove-shift"),
]

# The main menu's entries of this feature (registered by the root URLconf).
MENU_ENTRIES = (
    ("desk:dashboard", _("Desk"), policy.can_read_desk),
    ("desk:inbox", _("Inbox"), policy.can_read_desk),
    ("desk:outbox", _("Outbox"), policy.can_read_desk),
    ("desk:compose", _("Compose"), policy.can_use_desk),
    ("desk:search", _("Search"), policy.can_read_desk),
    ("desk:report", _("Service levels"), policy.can_read_desk),
    ("desk:roster", _("Duty roster"), policy.can_read_desk),
)
