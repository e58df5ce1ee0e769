"""Fixtures of the workflow tests: a campaign with a brief assigned to `ambassador` (conftest.py), made
through the workflow's own services as a coordinator would. Load with
`from tests.peace.campaigns.workflow_fixtures import *` in a test module
(pytest finds fixtures imported into it)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hotline.peace.campaigns import workflow

__all__ = ["campaign", "brief", "assignment", "submitted", "png_upload", "CAMPAIGN_DATA"]

CAMPAIGN_DATA = {
    "title": "Damai itu Keren",
    "theme": "Recruitment through gaming communities",
    "key_message_id": "Persahabatan sejati tidak meminta kekerasan.",
    "key_message_vi": "Tình bạn thật sự không đòi hỏi bạo lực.",
    "key_message_en": "Real friendship never asks for violence.",
    "audiences": "gamers aged 15-24",
    "regions": "Sumatera Utara, Jawa Barat",
    "starts_on": "2026-01-05",
    "ends_on": "2026-03-31",
    "goal_content": "20",
    "goal_reach": "100000",
    "status": "active",
}

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\x8a\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def campaign(coordinator):
    return workflow.create_campaign(coordinator, dict(CAMPAIGN_DATA))


@pytest.fixture
def brief(coordinator, campaign):
    return workflow.add_brief(
        coordinator, campaign,
        {"title": "An article on friendship online", "kind": "article", "language": "id", "skill": "writing",
         "province": "Sumatera Utara", "due_on": "2026-02-01", "instructions": "600 words, for a blog."},
    )  # fmt: skip


@pytest.fixture
def assignment(coordinator, brief, ambassador):
    (made,) = workflow.assign(coordinator, brief, [ambassador.pk])
    return made


@pytest.fixture
def submitted(assignment, ambassador_user):
    workflow.submit_draft(
        ambassador_user, assignment, text="Persahabatan di dunia game bukan ajakan kekerasan."
    )
    return assignment


@pytest.fixture
def png_upload():
    return SimpleUploadedFile("poster.png", PNG, content_type="image/png")


def days_ago(n: int) -> str:
    return (datetime.date.today() - datetime.timedelta(days=n)).isoformat()
