from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "hotline.desk"
    label = "desk"
    verbose_name = "Hotline desk"

    def ready(self) -> None:
        from hotline.desk import inbound, link_alerts, stix_types
        from hotline.federation.signals import link_changed, objects_received

        stix_types.register()
        objects_received.connect(inbound.on_objects_received, dispatch_uid="hotline.desk.inbound")
        link_changed.connect(link_alerts.on_link_changed, dispatch_uid="hotline.desk.link_alerts")
