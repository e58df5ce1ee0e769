from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "hotline.audit"
    label = "audit"
    verbose_name = "Audit trail and retention"

    def ready(self) -> None:
        from hotline.audit import signals

        signals.connect()
