from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "hotline.programme"
    label = "programme"
    verbose_name = "JWG programme"

    def ready(self) -> None:
        from hotline.federation.signals import objects_received
        from hotline.programme import joint, stix_types

        stix_types.register()
        objects_received.connect(joint.on_objects_received, dispatch_uid="hotline.programme.joint")
