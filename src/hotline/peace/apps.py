from django.apps import AppConfig


class PeaceConfig(AppConfig):
    name = "hotline.peace"
    label = "peace"
    verbose_name = "Peace Media Center"

    def ready(self) -> None:
        from hotline.federation.signals import objects_received
        from hotline.peace import inbound, stix_types

        stix_types.register()
        objects_received.connect(inbound.on_objects_received, dispatch_uid="hotline.peace.inbound")
