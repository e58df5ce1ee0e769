"""The pages of the ambassador registry, bootcamps and the CSV import, under /campaigns/.

MENU_ENTRIES are added to the main menu by the root URLconf."""

urlpatterns: list = []

MENU_ENTRIES: tuple = ()
