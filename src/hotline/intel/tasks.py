"""Background work of the store, run by `hotline worker` (scheduled in hotline.node.schedule)."""

from django_tasks import task

from hotline.intel import services


@task()
def update_statistics() -> bool:
    return services.update_statistics()
