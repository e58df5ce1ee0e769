"""Coordinators create campaigns (countering confirmed propaganda only) and briefs; help choosing ranks the
ambassadors by skill, language and province, then by load."""

import datetime

import pytest
from django.utils import timezone

from hotline.peace.campaigns import workflow
from hotline.peace.campaigns.models import Ambassador, Campaign
from hotline.peace.campaigns.workflow_errors import NotAllowed, WorkflowError
from hotline.peace.models import Submission
from tests.peace.campaigns.workflow_fixtures import *  # noqa: F403
from tests.peace.campaigns.workflow_fixtures import CAMPAIGN_DATA


def _triaged(decision: str) -> Submission:
    return Submission.objects.create(
        submitted_at=timezone.now(), content_type="text", text="…", fingerprint=decision * 8, language="id",
        decision=decision, decided_at=timezone.now(),
    )  # fmt: skip


def test_a_campaign_counters_confirmed_propaganda_only(coordinator):
    known, new, benign = _triaged("known"), _triaged("new"), _triaged("not")
    campaign = workflow.create_campaign(coordinator, {**CAMPAIGN_DATA, "counters": [known.pk, new.pk]})
    assert set(campaign.counters.all()) == {known, new}
    assert campaign.regions == ["Sumatera Utara", "Jawa Barat"]
    with pytest.raises(WorkflowError, match="confirmed"):
        workflow.create_campaign(coordinator, {**CAMPAIGN_DATA, "counters": [benign.pk]})
    assert Campaign.objects.count() == 1


def test_bad_campaign_fields_are_refused(coordinator):
    for change, message in (
        ({"title": ""}, "title is required"),
        ({"ends_on": "2025-12-31"}, "ends before it starts"),
        ({"starts_on": "soon"}, "not a date"),
        ({"goal_reach": "lots"}, "whole number"),
        ({"key_message_id": "", "key_message_vi": "", "key_message_en": ""}, "at least one language"),
    ):
        with pytest.raises(WorkflowError, match=message):
            workflow.create_campaign(coordinator, {**CAMPAIGN_DATA, **change})
    assert not Campaign.objects.exists()


def test_only_coordinators_create_campaigns_and_briefs(campaign, reviewer, ambassador_user, actors):
    for who in (reviewer, ambassador_user, actors["alice"], actors["bob"], actors["charlie"]):
        with pytest.raises(NotAllowed):
            workflow.create_campaign(who, dict(CAMPAIGN_DATA))
        with pytest.raises(NotAllowed):
            workflow.add_brief(
                who, campaign, {"title": "x", "kind": "article", "language": "id", "due_on": "2026-02-01"}
            )
    assert Campaign.objects.count() == 1 and campaign.briefs.count() == 0


def test_help_choosing_ranks_by_skill_language_province_then_load(
    coordinator, brief, ambassador, second_ambassador, bootcamp
):
    # A third writer in Sumatera Utara who already has open work; a fourth, inactive, never appears.
    busy = Ambassador.objects.create(
        external_id="DD-0003", name="Budi", province="Sumatera Utara", languages=["id"], skills=["writing"],
    )  # fmt: skip
    Ambassador.objects.create(external_id="DD-0004", name="Dewi", province="Sumatera Utara",
                              languages=["id"], skills=["writing"], active=False)  # fmt: skip
    other = workflow.add_brief(coordinator, brief.campaign, {"title": "Another", "kind": "article",
                               "language": "id", "due_on": "2026-02-01"})  # fmt: skip
    workflow.assign(coordinator, other, [busy.pk])

    ranked = workflow.candidates(brief)
    assert [c.ambassador for c in ranked] == [ambassador, busy, second_ambassador]
    assert (ranked[0].skill, ranked[0].language, ranked[0].province, ranked[0].open_assignments) == (
        True,
        True,
        True,
        0,
    )
    assert ranked[1].open_assignments == 1
    assert (ranked[2].skill, ranked[2].language) == (False, False)


def test_an_ambassador_is_assigned_once_per_brief(coordinator, brief, ambassador):
    workflow.assign(coordinator, brief, [ambassador.pk], due_on=datetime.date(2026, 1, 20))
    with pytest.raises(WorkflowError, match="Already assigned"):
        workflow.assign(coordinator, brief, [ambassador.pk])
    assert brief.assignments.get().due_on == datetime.date(2026, 1, 20)
    assert [c.ambassador for c in workflow.candidates(brief)] == []


def test_inactive_ambassadors_are_not_assigned(coordinator, brief, ambassador):
    Ambassador.objects.filter(pk=ambassador.pk).update(active=False)
    with pytest.raises(WorkflowError, match="active"):
        workflow.assign(coordinator, brief, [ambassador.pk])
    assert not brief.assignments.exists()
