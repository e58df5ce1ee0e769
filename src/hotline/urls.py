from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("taxii2/", include("hotline.taxii.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("desk/", include("hotline.desk.urls")),
    path("", include("hotline.web.urls")),
]

handler400 = "hotline.web.errors.bad_request"
handler403 = "hotline.web.errors.forbidden"
handler404 = "hotline.web.errors.not_found"
handler500 = "hotline.web.errors.server_error"
