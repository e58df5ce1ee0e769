from django.urls import path

from hotline.taxii import views

app_name = "taxii"

_collection = "<str:api_root>/collections/<str:collection_id>/"
urlpatterns = [
    path("", views.discovery, name="discovery"),
    path("<str:api_root>/", views.api_root, name="api-root"),
    path("<str:api_root>/status/<uuid:status_id>/", views.status, name="status"),
    path("<str:api_root>/collections/", views.collections, name="collections"),
    path(_collection, views.collection, name="collection"),
    path(_collection + "manifest/", views.manifest, name="manifest"),
    path(_collection + "objects/", views.objects, name="objects"),
    path(_collection + "objects/<str:object_id>/", views.object_detail, name="object"),
    path(_collection + "objects/<str:object_id>/versions/", views.versions, name="versions"),
]
