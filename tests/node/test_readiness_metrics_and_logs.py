"""What monitoring asks of a node: /readyz, Prometheus /metrics (loopback or a token), and JSON logs."""

import json
import os
import subprocess
import sys

import pytest
from django.test import Client

from hotline.intel.models import Collection, StixObject
from hotline.intel.services import add_objects
from tests.factories import sdo
from tests.federation.support import REPOSITORY


@pytest.fixture
def client():
    return Client()


def test_a_migrated_node_is_ready(client, db):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


def test_metrics_count_what_the_node_holds(client, actors):
    add_objects(Collection.objects.get(alias="intel"), [sdo("indicator"), sdo("indicator")])

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    stored = StixObject.objects.count()
    assert stored >= 2
    assert f"hotline_stix_objects {float(stored)}" in lines
    assert any(line.startswith("# TYPE hotline_tasks gauge") for line in lines)


def test_metrics_are_refused_to_another_machine_without_the_token(client, db):
    assert client.get("/metrics", REMOTE_ADDR="10.20.30.40").status_code == 403


def test_with_a_token_set_only_the_token_reads_metrics(client, db, settings):
    settings.METRICS_TOKEN = "scrape-secret"

    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    allowed = client.get(
        "/metrics", REMOTE_ADDR="10.20.30.40", headers={"Authorization": "Bearer scrape-secret"}
    )
    assert allowed.status_code == 200


def test_json_logs_are_one_object_per_line(tmp_path):
    code = (
        "import django, logging; django.setup(); logging.getLogger('hotline.test').warning('Ujian %s', 'ok')"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPOSITORY, check=True,
        env={**os.environ, "HOTLINE_LOG_FORMAT": "json", "HOTLINE_DATA_DIR": str(tmp_path),
             "DJANGO_SETTINGS_MODULE": "hotline.settings"},
    )  # fmt: skip
    record = json.loads(done.stderr.strip().splitlines()[-1])

    assert record["message"] == "Ujian ok"
    assert record["level"] == "WARNING"
    assert record["logger"] == "hotline.test"
    assert "time" in record
