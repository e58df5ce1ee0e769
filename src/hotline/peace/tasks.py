"""The Peace Media Center's background work (django-tasks), run by `hotline worker`: the index rebuild,
scheduled in hotline.node.schedule and enqueued whenever a bank changes."""

from django_tasks import task

from hotline.peace import indexing


@task()
def rebuild_index_if_stale() -> bool:
    return indexing.rebuild_if_stale()
