from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("taxii2/", include("hotline.taxii.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("desk/", include("hotline.desk.urls")),
    path("peace/", include("hotline.peace.urls")),
    path("hma/", include("hotline.peace.hma_urls")),
    path("", include("hotline.web.urls")),
]
