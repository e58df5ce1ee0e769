"""The programme's background work, scheduled in hotline.node.schedule."""

from django_tasks import task

from hotline.programme import escalation


@task()
def check_deadlines() -> int:
    return sum(len(ids) for ids in escalation.check_deadlines().values())
