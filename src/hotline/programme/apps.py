from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "hotline.programme"
    label = "programme"
    verbose_name = "JWG programme"
