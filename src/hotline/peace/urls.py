"""The Peace Media Center's pages, under /peace/. Their entries in the main menu are registered here."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.access import policy
from hotline.peace import triage_views, views

app_name = "peace"

urlpatterns = [
    path("", views.banks, name="banks"),
    path("banks/<str:name>/", views.bank, name="bank"),
    path("banks/<str:name>/<slug:action>/", views.bank_action, name="bank-action"),
    path("entries/<int:pk>/", views.entry, name="entry"),
    path("entries/<int:pk>/preview.png", views.entry_preview, name="entry-preview"),
    path("entries/<int:pk>/reveal/", views.entry_reveal, name="entry-reveal"),
    path("entries/<int:pk>/edit/", views.entry_edit, name="entry-edit"),
    path("entries/<int:pk>/revoke/", views.entry_revoke, name="entry-revoke"),
    path("entries/<int:pk>/feedback/", views.entry_feedback, name="entry-feedback"),
    path("match/", views.match, name="match"),
    path("triage/", triage_views.queue, name="triage"),
    path("triage/submit/", triage_views.submit, name="triage-submit"),
    path("triage/figures/", triage_views.figures, name="triage-figures"),
    path("triage/<int:pk>/", triage_views.item, name="triage-item"),
    path("triage/<int:pk>/preview.png", triage_views.preview, name="triage-preview"),
    path("triage/<int:pk>/reveal/", triage_views.reveal, name="triage-reveal"),
    path("triage/<int:pk>/decide/", triage_views.decide, name="triage-decide"),
]

# The main menu's entries of this feature (registered by the root URLconf).
MENU_ENTRIES = (
    ("peace:banks", _("Banks"), policy.can_read_banks),
    ("peace:match", _("Match"), policy.can_match),
    ("peace:triage", _("Triage"), policy.can_triage),
    ("peace:triage-submit", _("Submit"), policy.can_submit_for_triage),
)
