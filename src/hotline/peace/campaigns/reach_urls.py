"""The pages of reach: tracked links, metrics import, the dashboard, the campaign report, sharing
(under /campaigns/).

MENU_ENTRIES are added to the main menu by the root URLconf."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.access import policy
from hotline.peace.campaigns import reach_views

urlpatterns = [
    path("reach/", reach_views.overview, name="reach"),
    path("reach/metrics/", reach_views.metrics_upload, name="reach-metrics"),
    path("reach/<int:pk>/", reach_views.overview, name="reach-campaign"),
    path("reach/<int:pk>/links/", reach_views.link_create, name="reach-link-create"),
    path("reach/<int:pk>/report.<str:fmt>", reach_views.report_download, name="reach-report"),
    path("reach/<int:pk>/share/", reach_views.share, name="reach-share"),
]

MENU_ENTRIES: tuple = (("campaigns:reach", _("Reach"), policy.can_read_campaigns),)
