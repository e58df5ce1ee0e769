from django.contrib import admin

from hotline.intel.models import Collection


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("alias", "title", "id", "last_date_added")
    readonly_fields = ("id", "last_date_added")
