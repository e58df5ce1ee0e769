from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "hotline.access"
    label = "access"
    verbose_name = "Access"
