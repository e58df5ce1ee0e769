"""The node's admins are told when a partner link starts failing and when it works again (federation sends
`link_changed` once per transition): in the app at once, by email from the worker if they have an address."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from hotline.access import roles
from hotline.desk import notifications
from hotline.desk.models import Notification


def node_admins():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=roles.ADMIN))
        .distinct()
    )


def on_link_changed(sender, *, failing: bool, error: str, now, **kwargs) -> None:
    partner = sender
    if failing:
        text = f"The link with {partner.title} ({partner.name}) is failing: {error}"
        event = Notification.LINK_FAILING
    else:
        text = f"The link with {partner.title} ({partner.name}) works again"
        event = Notification.LINK_RECOVERED
    notifications.notify(list(node_admins()), event, None, text, now=now)
