"""The pages of campaigns, briefs, assignments, review, the library, the ambassador's own pages
(under /campaigns/).

MENU_ENTRIES are added to the main menu by the root URLconf."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from hotline.access import policy
from hotline.peace.campaigns import workflow_views as views

urlpatterns: list = [
    path("", views.home, name="home"),
    path("new/", views.campaign_new, name="campaign-new"),
    path("<int:pk>/", views.campaign, name="campaign"),
    path("<int:pk>/edit/", views.campaign_edit, name="campaign-edit"),
    path("briefs/<int:pk>/", views.brief, name="brief"),
    path("assignments/<int:pk>/", views.assignment, name="assignment"),
    path("assignments/<int:pk>/<slug:step>/", views.assignment_step, name="assignment-step"),
    path("drafts/<int:pk>/file/", views.draft_file, name="draft-file"),
    path("reviews/", views.reviews, name="reviews"),
    path("mine/", views.mine, name="mine"),
    path("library/", views.library, name="library"),
]

MENU_ENTRIES: tuple = (
    ("campaigns:home", _("Campaigns"), policy.can_read_campaigns),
    ("campaigns:mine", _("My assignments"), policy.can_contribute),
)
