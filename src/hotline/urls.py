from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("taxii2/", include("hotline.taxii.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("desk/", include("hotline.desk.urls")),
    path("partners/", include("hotline.partners.urls")),
    path("account/", include("hotline.accounts.urls")),
    path("", include("hotline.web.urls")),
]
