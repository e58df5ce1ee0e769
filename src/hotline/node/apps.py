from django.apps import AppConfig


class NodeConfig(AppConfig):
    name = "hotline.node"
    label = "node"
    verbose_name = "Node"
