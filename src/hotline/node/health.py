"""What a load balancer and a monitoring system ask of a node: is it ready, and how is it doing.

Readiness: the database answers and every migration is applied (a node being upgraded is alive but not ready).
Metrics: a few gauges in Prometheus' text format, computed when scraped (counts, never content).
"""

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count
from django.db.utils import DatabaseError
from django.utils import timezone
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily


def readiness() -> list[str]:
    """The reasons the node is not ready to serve; empty when it is."""
    problems = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            problems.append(f"{len(pending)} database migration(s) not applied: run `hotline init`")
    except DatabaseError as error:
        problems.append(f"database unavailable: {error}")
    return problems


class _NodeCollector:
    """Gauges read from the database at each scrape."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from hotline.desk.models import Message
        from hotline.federation.models import Partner
        from hotline.intel.models import StixObject

        objects = GaugeMetricFamily("hotline_stix_objects", "STIX object versions stored")
        objects.add_metric([], StixObject.objects.count())
        yield objects

        messages = GaugeMetricFamily("hotline_messages", "Hotline messages by state", labels=["state"])
        for (state,), count in _counts(Message, "state"):
            messages.add_metric([state], count)
        yield messages

        tasks = GaugeMetricFamily(
            "hotline_tasks", "Background jobs by queue and status", labels=["queue", "status"]
        )
        for (queue, status), count in _counts(DBTaskResult, "queue_name", "status"):
            tasks.add_metric([queue, status], count)
        yield tasks

        failing = GaugeMetricFamily(
            "hotline_partner_link_failing_seconds",
            "How long each partner link has been failing (0: working)",
            labels=["partner"],
        )
        now = timezone.now()
        for name, since in Partner.objects.filter(active=True).values_list("name", "failing_since"):
            failing.add_metric([name], (now - since).total_seconds() if since else 0.0)
        yield failing


def _counts(model, *fields):
    """((field values), rows) for each combination of `fields` present: one GROUP BY query."""
    for row in model.objects.values(*fields).annotate(rows=Count("pk")).order_by(*fields):
        yield tuple(str(row[f]) for f in fields), row["rows"]


def metrics_text() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_NodeCollector())
    return generate_latest(registry)
