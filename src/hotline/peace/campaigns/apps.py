from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "hotline.peace.campaigns"
    label = "campaigns"
    verbose_name = "Peace Media Center: ambassadors and campaigns"
