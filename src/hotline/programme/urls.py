"""The programme's pages, under /programme/; its entry in the main menu is registered here."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.access import policy
from hotline.programme import views

app_name = "programme"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("points/<int:pk>/", views.point, name="point"),
    path("activities/", views.activities, name="activities"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity-edit"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("requests/", views.requests, name="requests"),
    path("requests/<int:pk>/status/", views.request_status, name="request-status"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("report.<str:fmt>", views.report_download, name="report"),
]

# The main menu's entry of this feature (registered by the root URLconf).
MENU_ENTRIES = (("programme:dashboard", _("Programme"), policy.can_read_programme),)
