from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "hotline.federation"
    label = "federation"
    verbose_name = "Federation"
