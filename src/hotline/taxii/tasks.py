"""Background work of the TAXII layer, run by `hotline worker`."""

from django_tasks import task

from hotline.taxii import services


@task()
def store_pending_objects(status_id: str) -> None:
    services.store_pending(status_id)


@task()
def purge_old_statuses() -> int:
    return services.purge_old_statuses()
