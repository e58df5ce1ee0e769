from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "hotline.peace.campaigns"
    label = "campaigns"
    verbose_name = "Peace Media Center: ambassadors and campaigns"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from hotline.federation.signals import objects_received
        from hotline.peace.campaigns import sharing, stix_types
        from hotline.peace.campaigns.models import LibraryItem

        stix_types.register()
        objects_received.connect(sharing.on_objects_received, dispatch_uid="hotline.peace.campaigns.sharing")
        post_save.connect(sharing.on_library_item_saved, sender=LibraryItem, dispatch_uid="campaigns.library")
