from django.urls import path, re_path

from hotline.taxii import views

app_name = "taxii"

_collection = "<str:api_root>/collections/<str:collection_id>/"
urlpatterns = [
    path("", views.discovery, name="discovery"),
    path("<str:api_root>/", views.api_root, name="api-root"),
    path("<str:api_root>/status/<str:status_id>/", views.status, name="status"),
    path("<str:api_root>/collections/", views.collections, name="collections"),
    path(_collection, views.collection, name="collection"),
    path(_collection + "manifest/", views.manifest, name="manifest"),
    path(_collection + "objects/", views.objects, name="objects"),
    path(_collection + "objects/<str:object_id>/", views.object_detail, name="object"),
    path(_collection + "objects/<str:object_id>/versions/", views.versions, name="versions"),
    # Any other address under /taxii2/ ending in "/" is a TAXII 404, not Django's HTML page (addresses without
    # the slash are still redirected to it by APPEND_SLASH, as taxii2-client relies on for status URLs).
    re_path(r"^.*/$", views.not_found),
]
