"""The federation's background work (django-tasks), run by `hotline worker`; scheduled in
hotline.node.schedule (every few seconds) and, for a push, enqueued as soon as something is placed in an
outbound collection.

These jobs wait on partners' networks, so they run on their own queue (`federation`), which `hotline serve`
gives its own worker process: a slow or hanging partner never delays deadline escalation or notifications.
"""

from django_tasks import task

from hotline.federation import sync, updates

QUEUE = "federation"


@task(queue_name=QUEUE)
def push_partner(name: str) -> int:
    return sync.push_named(name, immediate=True)


@task(queue_name=QUEUE)
def push_all() -> int:
    updates.propagate()
    return sync.push_all()


@task(queue_name=QUEUE)
def pull_all() -> int:
    return sync.pull_all()
