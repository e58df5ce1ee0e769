"""The pages of campaigns, briefs, assignments, review, the library, the ambassador's own pages
(under /campaigns/).

MENU_ENTRIES are added to the main menu by the root URLconf."""

urlpatterns: list = []

MENU_ENTRIES: tuple = ()
