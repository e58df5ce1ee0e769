"""The pages of the ambassador registry, bootcamps and the CSV import, under /campaigns/.

MENU_ENTRIES are added to the main menu by the root URLconf."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.access import policy
from hotline.peace.campaigns import registry_views as views

urlpatterns: list = [
    path("ambassadors/", views.ambassadors, name="ambassadors"),
    path("ambassadors/new/", views.ambassador_new, name="ambassador-new"),
    path("ambassadors/import/", views.ambassadors_import, name="ambassadors-import"),
    path("ambassadors/<int:pk>/", views.ambassador, name="ambassador"),
    path("ambassadors/<int:pk>/account/", views.ambassador_link, name="ambassador-link"),
    path("bootcamps/", views.bootcamps, name="bootcamps"),
    path("bootcamps/<int:pk>/", views.bootcamp, name="bootcamp"),
]

MENU_ENTRIES: tuple = (("campaigns:ambassadors", _("Ambassadors"), policy.can_read_campaigns),)
