"""The matching index is rebuilt by the worker (a periodic job, and a task enqueued on every bank change),
never inside a request; a bank change marks it stale and the next run rebuilds it once."""

from datetime import timedelta

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from hotline.node import schedule
from hotline.peace import indexing, services, tasks
from hotline.peace.models import IndexState
from tests.peace import media
from tests.signin import signed_in_client


def test_the_rebuild_is_a_periodic_job_of_the_worker(db, settings):
    jobs = {job.name: job for job in schedule._periodic_jobs()}
    job = jobs["peace-rebuild-index"]
    assert job.task_path == "hotline.peace.tasks:rebuild_index_if_stale"
    assert job.every == timedelta(seconds=settings.PEACE_INDEX_INTERVAL) <= timedelta(minutes=1)
    assert "peace-rebuild-index" in schedule.enqueue_due(timezone.now())


def test_a_bank_change_marks_the_index_stale_and_one_run_rebuilds_it(coordinator, bank):
    assert indexing.rebuild_if_stale() is True
    assert indexing.rebuild_if_stale() is False  # nothing changed since
    state = IndexState.objects.get()
    services.add_content(coordinator, bank, media.image(101), services.Labels())
    assert indexing.is_stale()
    assert tasks.rebuild_index_if_stale.call() is True
    rebuilt = IndexState.objects.get()
    assert rebuilt.generation == state.generation + 1 and rebuilt.pdq_count == 1
    services.set_bank_enabled(coordinator, bank, False)
    assert indexing.rebuild_if_stale() is True and IndexState.objects.get().pdq_count == 0


def test_old_generations_are_removed(coordinator, bank):
    for seed in range(4):
        services.add_content(coordinator, bank, media.image(110 + seed), services.Labels())
        indexing.rebuild()
    generation = IndexState.objects.get().generation
    assert all(path.exists() for path in indexing.paths(generation))
    assert not any(path.exists() for path in indexing.paths(generation - indexing.KEEP_GENERATIONS))


def test_a_request_never_builds_the_index(coordinator, reviewer, bank):
    services.add_content(coordinator, bank, media.image(102), services.Labels())
    assert indexing.is_stale()
    response = signed_in_client(reviewer).post(reverse("peace:match"), {"text": media.TEXT_ID})
    assert response.status_code == 200
    assert "The matching index is being built" in response.content.decode()
    assert indexing.is_stale() and IndexState.objects.get().generation == 0


def test_many_entries_at_once_enqueue_one_rebuild(coordinator, bank):
    rows = "signal_type,signal\n" + "".join(f"pdq,{n:064x}\n" for n in range(1, 4))
    result = services.import_hash_list(coordinator, bank, rows.encode(), "list.csv")
    services.add_url(coordinator, bank, "https://example.invalid/one-more", services.Labels())
    assert result.added == 3
    # The test runs in one transaction: the bank, the import and the URL ask for one rebuild, on commit.
    pending = [callback for _, callback, _ in connection.run_on_commit]
    assert pending.count(services._enqueue_rebuild) == 1
    assert all(isinstance(pk, int) for pk in bank.entries.values_list("pk", flat=True))
