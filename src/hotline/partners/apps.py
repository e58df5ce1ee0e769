from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "hotline.partners"
    label = "partners"
    verbose_name = "Partner links"
