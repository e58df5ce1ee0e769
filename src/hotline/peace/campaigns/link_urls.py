"""Tracked links, `/r/<code>`: public (no sign-in), they count a visit and redirect."""

from django.urls import re_path

from hotline.peace.campaigns import links, reach_views

urlpatterns = [re_path(rf"^(?P<code>{links.CODE_PATTERN})/?$", reach_views.visit, name="tracked-link")]
