"""The load test's users (run by bench/load_test.py, which sets up the node and passes these settings in the
environment): officers signed in to the web UI (password and TOTP code) reading the desk, and TAXII clients
with an API token reading filtered pages and adding objects. Every request must succeed."""

import json
import os
import re
import uuid
from itertools import count

from django_otp.oath import TOTP
from locust import HttpUser, between, task

TAXII = "application/taxii+json;version=2.1"
PASSWORD = os.environ["LOAD_PASSWORD"]
TOKEN = os.environ["LOAD_TOKEN"]
COLLECTION = os.environ["LOAD_COLLECTION_URL"]  # path of the `intel` collection, ending in /
OFFICERS = iter(os.environ["LOAD_OFFICERS"].split(","))
KEYS = json.loads(os.environ["LOAD_TOTP_KEYS"])
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_serial = count()


class Officer(HttpUser):
    """An officer at the desk: dashboard, inbox, search, a message list; one sign-in per simulated user."""

    wait_time = between(1, 3)
    weight = 1

    def on_start(self):
        self.username = next(OFFICERS)
        page = self.client.get("/login/", name="/login/")
        self.client.post(
            "/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": _CSRF.search(page.text)[1],
            },
            name="/login/ (password)",
        )
        page = self.client.get("/account/verify/", name="/account/verify/")
        code = f"{TOTP(bytes.fromhex(KEYS[self.username])).token():06d}"
        done = self.client.post(
            "/account/verify/",
            {"code": code, "csrfmiddlewaretoken": _CSRF.search(page.text)[1]},
            name="/account/verify/ (code)",
        )
        if "/account/verify/" in done.url:
            raise RuntimeError(f"{self.username}: the second factor was refused")

    @task(4)
    def dashboard(self):
        self.client.get("/desk/dashboard/", name="UI dashboard")

    @task(3)
    def inbox(self):
        self.client.get("/desk/inbox/", name="UI inbox")

    @task(2)
    def search(self):
        self.client.get("/desk/search/?q=ferry", name="UI search")

    @task(1)
    def outbox(self):
        self.client.get("/desk/outbox/", name="UI outbox")


def _indicator() -> dict:
    n = next(_serial)
    stamp = "2025-06-18T09:00:00.000Z"
    return {
        "type": "indicator", "spec_version": "2.1", "id": f"indicator--{uuid.uuid4()}",
        "created": stamp, "modified": stamp, "name": f"Load test indicator {n}",
        "pattern": f"[domain-name:value = 'load-{n}.example']", "pattern_type": "stix", "valid_from": stamp,
    }  # fmt: skip


class TaxiiClient(HttpUser):
    """A partner's or analyst's TAXII client: filtered pages, the manifest, and small envelopes added."""

    wait_time = between(1, 3)
    weight = 1

    def on_start(self):
        self.client.headers.update({"Accept": TAXII, "Authorization": f"Token {TOKEN}"})

    @task(4)
    def filtered_page(self):
        self.client.get(COLLECTION + "objects/?match[type]=indicator&limit=50", name="TAXII objects (type)")

    @task(2)
    def manifest(self):
        self.client.get(COLLECTION + "manifest/?limit=100", name="TAXII manifest")

    @task(2)
    def add(self):
        body = json.dumps({"objects": [_indicator() for _ in range(5)]})
        with self.client.post(
            COLLECTION + "objects/", data=body, headers={"Content-Type": TAXII}, name="TAXII add 5",
            catch_response=True,
        ) as response:  # fmt: skip
            if response.status_code != 202 or response.json().get("failure_count"):
                response.failure(f"{response.status_code}: {response.text[:200]}")
