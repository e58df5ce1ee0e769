"""The ambassadors' and campaigns' pages, under /campaigns/ (namespace `campaigns`): the registry, the
campaign workflow and reach each keep their own list."""

from hotline.peace.campaigns import reach_urls, registry_urls, workflow_urls

app_name = "campaigns"

urlpatterns = registry_urls.urlpatterns + workflow_urls.urlpatterns + reach_urls.urlpatterns

MENU_ENTRIES = registry_urls.MENU_ENTRIES + workflow_urls.MENU_ENTRIES + reach_urls.MENU_ENTRIES
