"""The desk's background work (django-tasks), run by `hotline worker`; scheduled in hotline.node.schedule."""

from django_tasks import task

from hotline.desk import escalation, notifications


@task()
def check_deadlines() -> int:
    return escalation.check_deadlines().count()


@task()
def deliver_notifications() -> int:
    return notifications.deliver_pending()
