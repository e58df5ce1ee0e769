from django.apps import AppConfig


class IntelConfig(AppConfig):
    name = "hotline.intel"
    label = "intel"
    verbose_name = "Intelligence store"
