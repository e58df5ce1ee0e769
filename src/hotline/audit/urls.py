from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.access import policy
from hotline.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.trail, name="trail"),
    path("export.csv", views.export_csv, name="export"),
]

# The main menu's entry (registered by the root URLconf: this layer does not import the web app).
MENU_ENTRY = ("audit:trail", _("Audit trail"), policy.can_read_audit_trail)
