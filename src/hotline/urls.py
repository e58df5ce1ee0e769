from django.contrib import admin
from django.urls import include, path

from hotline.audit.urls import MENU_ENTRIES as AUDIT_MENU_ENTRIES
from hotline.peace.campaigns.urls import MENU_ENTRIES as CAMPAIGNS_MENU_ENTRIES
from hotline.web import navigation

urlpatterns = [
    path("taxii2/", include("hotline.taxii.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("desk/", include("hotline.desk.urls")),
    path("partners/", include("hotline.partners.urls")),
    path("account/", include("hotline.accounts.urls")),
    path("audit/", include("hotline.audit.urls")),
    path("peace/", include("hotline.peace.urls")),
    path("hma/", include("hotline.peace.hma_urls")),
    path("programme/", include("hotline.programme.urls")),
    path("campaigns/", include("hotline.peace.campaigns.urls")),
    path("r/", include("hotline.peace.campaigns.link_urls")),
    path("", include("hotline.web.urls")),
]

for entry in AUDIT_MENU_ENTRIES + CAMPAIGNS_MENU_ENTRIES:
    navigation.register(*entry)

handler400 = "hotline.web.errors.bad_request"
handler403 = "hotline.web.errors.forbidden"
handler404 = "hotline.web.errors.not_found"
handler500 = "hotline.web.errors.server_error"
