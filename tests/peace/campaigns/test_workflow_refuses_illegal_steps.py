"""Every step the workflow does not allow is refused with a clear error and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hotline.peace.campaigns import workflow
from hotline.peace.campaigns.models import Assignment, Draft, LibraryItem, Publication, Review
from hotline.peace.campaigns.workflow_errors import NotAllowed, WorkflowError
from tests.peace.campaigns.workflow_fixtures import *  # noqa: F403
from tests.peace.campaigns.workflow_fixtures import days_ago


def _unchanged(assignment, status, drafts, reviews):
    assert Assignment.objects.get(pk=assignment.pk).status == status
    assert Draft.objects.count() == drafts
    assert Review.objects.count() == reviews


def test_a_reviewer_cannot_decide_before_a_draft_is_submitted(assignment, reviewer):
    with pytest.raises(WorkflowError, match="assigned"):
        workflow.review(reviewer, assignment, "approve")
    _unchanged(assignment, "assigned", 0, 0)


def test_a_draft_cannot_be_approved_twice(submitted, reviewer, coordinator):
    workflow.review(reviewer, submitted, "approve")
    with pytest.raises(WorkflowError, match="approved"):
        workflow.review(coordinator, Assignment.objects.get(pk=submitted.pk), "approve")
    _unchanged(submitted, "approved", 1, 1)
    assert LibraryItem.objects.count() == 1


def test_a_stale_page_cannot_decide_twice(submitted, reviewer, coordinator):
    """Two reviewers with the same page open: the second decision finds the state moved on."""
    stale = Assignment.objects.get(pk=submitted.pk)
    workflow.review(reviewer, submitted, "request_changes", "Add a source.")
    with pytest.raises(WorkflowError):
        workflow.review(coordinator, stale, "approve")
    _unchanged(submitted, "changes_requested", 1, 1)


def test_nothing_is_submitted_after_a_rejection(submitted, reviewer, ambassador_user):
    workflow.review(reviewer, submitted, "reject", "Off theme.")
    with pytest.raises(WorkflowError, match="rejected"):
        workflow.submit_draft(ambassador_user, submitted, text="Again?")
    _unchanged(submitted, "rejected", 1, 1)


def test_nothing_is_published_before_approval(submitted, ambassador_user):
    with pytest.raises(WorkflowError, match="submitted"):
        workflow.record_publication(
            ambassador_user, submitted, url="https://x.example.org/p", platform="x", published_on=days_ago(0)
        )
    assert not Publication.objects.exists()


def test_changes_need_a_comment(submitted, reviewer):
    with pytest.raises(WorkflowError, match="comment"):
        workflow.review(reviewer, submitted, "request_changes", "  ")
    _unchanged(submitted, "submitted", 1, 0)


def test_only_the_assignee_submits_and_publishes(assignment, second_ambassador, coordinator):
    for who in (second_ambassador.user, coordinator):
        with pytest.raises(NotAllowed):
            workflow.submit_draft(who, assignment, text="Not mine.")
    _unchanged(assignment, "assigned", 0, 0)


def test_ambassadors_and_people_without_the_right_do_not_review(submitted, ambassador_user, actors):
    for who in (ambassador_user, actors["alice"], actors["bob"], actors["charlie"]):
        with pytest.raises(NotAllowed):
            workflow.review(who, submitted, "approve")
    _unchanged(submitted, "submitted", 1, 0)


def test_an_empty_draft_or_a_bad_link_or_file_is_refused(assignment, ambassador_user):
    with pytest.raises(WorkflowError, match="text, a file or a link"):
        workflow.submit_draft(ambassador_user, assignment, text=" ")
    with pytest.raises(WorkflowError, match="web address"):
        workflow.submit_draft(ambassador_user, assignment, link="javascript:alert(1)")
    disguised = SimpleUploadedFile("poster.png", b"MZ\x90\x00 not an image", content_type="image/png")
    with pytest.raises(WorkflowError, match="not an image"):
        workflow.submit_draft(ambassador_user, assignment, upload=disguised)
    _unchanged(assignment, "assigned", 0, 0)


def test_an_oversized_file_is_refused(assignment, ambassador_user, settings, png_upload):
    settings.HOTLINE_DRAFT_MAX_BYTES = 10
    with pytest.raises(WorkflowError, match="larger than"):
        workflow.submit_draft(ambassador_user, assignment, upload=png_upload)
    _unchanged(assignment, "assigned", 0, 0)


def test_a_future_publication_date_is_refused(submitted, reviewer, ambassador_user):
    workflow.review(reviewer, submitted, "approve")
    tomorrow = days_ago(-1)
    with pytest.raises(WorkflowError, match="future"):
        workflow.record_publication(
            ambassador_user, submitted, url="https://x.example.org/p", platform="x", published_on=tomorrow
        )
    assert Assignment.objects.get(pk=submitted.pk).status == "approved"
