from django.contrib import admin
from django.urls import include, path

from hotline.accounts import urls as accounts_urls
from hotline.audit import urls as audit_urls
from hotline.desk import urls as desk_urls
from hotline.partners import urls as partners_urls
from hotline.peace import urls as peace_urls
from hotline.peace.campaigns import urls as campaigns_urls
from hotline.programme import urls as programme_urls
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

# The main menu, in this order: the features declare their entries, the top of the project registers them
# (a feature never imports the web layer above it).
MENU = (desk_urls, partners_urls, accounts_urls, peace_urls, programme_urls, audit_urls, campaigns_urls)
for feature in MENU:
    for entry in feature.MENU_ENTRIES:
        navigation.register(*entry)

handler400 = "hotline.web.errors.bad_request"
handler403 = "hotline.web.errors.forbidden"
handler404 = "hotline.web.errors.not_found"
handler500 = "hotline.web.errors.server_error"
