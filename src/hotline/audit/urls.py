from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.access import policy
from hotline.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.trail, name="trail"),
    path("export.csv", views.export_csv, name="export"),
    path("retention/", views.retention_page, name="retention"),
    path("retention/renew/", views.renew, name="renew"),
]

# The main menu's entries (registered by the root URLconf: this layer does not import the web app).
MENU_ENTRIES = (
    ("audit:trail", _("Audit trail"), policy.can_read_audit_trail),
    ("audit:retention", _("Retention"), policy.can_renew_retention),
)
