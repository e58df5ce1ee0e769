"""The federation's background work (django-tasks), run by `hotline worker`; scheduled in
hotline.node.schedule (every few seconds) and, for a push, enqueued as soon as something is placed in an
outbound collection."""

from django_tasks import task

from hotline.federation import sync


@task()
def push_partner(name: str) -> int:
    return sync.push_named(name, immediate=True)


@task()
def push_all() -> int:
    return sync.push_all()


@task()
def pull_all() -> int:
    return sync.pull_all()
