"""The pages of reach: tracked links, metrics import, the dashboard, the campaign report, sharing
(under /campaigns/).

MENU_ENTRIES are added to the main menu by the root URLconf."""

urlpatterns: list = []

MENU_ENTRIES: tuple = ()
