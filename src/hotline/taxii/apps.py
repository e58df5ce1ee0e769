from django.apps import AppConfig


class TaxiiConfig(AppConfig):
    name = "hotline.taxii"
    label = "taxii"
    verbose_name = "TAXII 2.1"
