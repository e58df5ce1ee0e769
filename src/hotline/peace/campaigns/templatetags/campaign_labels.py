"""`{{ labels|label:value }}`: a stored code shown in the reader's language (labels: code → lazy text)."""

from django import template

register = template.Library()


@register.filter
def label(labels: dict, value):
    return labels.get(value, value)
