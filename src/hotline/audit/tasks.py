from django_tasks import task

from hotline.audit import retention


@task()
def purge_expired() -> int:
    """The periodic retention purge (scheduled by hotline.node.schedule)."""
    return len(retention.purge())
