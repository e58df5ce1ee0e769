"""Tracked links, `/r/<code>`: public (no sign-in), they count a visit and redirect."""

urlpatterns: list = []
