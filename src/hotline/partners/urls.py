"""The partner-links pages, under /partners/, and their menu entry."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.partners import services, views

app_name = "partners"

urlpatterns = [
    path("", views.links, name="links"),
    path("quarantine/", views.quarantine, name="quarantine"),
    path("quarantine/<int:pk>/<slug:action>/", views.decide, name="decide"),
]

# The main menu's entry of this feature (registered by the root URLconf).
MENU_ENTRIES = (("partners:links", _("Partner links"), services.can_view),)
