"""A job for the scale-out test: it notes which process ran which job, appending one line to a file."""

import os

from django_tasks import task


@task()
def record_run(n: int, path: str) -> None:
    with open(path, "a", encoding="utf-8") as out:  # appends of one short line do not interleave
        out.write(f"{n} {os.getpid()}\n")
