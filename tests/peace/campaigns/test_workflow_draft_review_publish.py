"""The whole review workflow: draft, changes requested with a comment, resubmission, approval into the
library, publication; every step with who and when, and audited."""

from hotline.audit.models import Record
from hotline.peace.campaigns import workflow
from hotline.peace.campaigns.models import Assignment, LibraryItem
from tests.peace.campaigns.workflow_fixtures import *  # noqa: F403
from tests.peace.campaigns.workflow_fixtures import days_ago


def test_a_draft_goes_through_changes_approval_and_publication(assignment, ambassador_user, reviewer):
    first = workflow.submit_draft(ambassador_user, assignment, text="Draft one.")
    assert (first.number, assignment.status) == (1, "submitted")

    workflow.review(reviewer, assignment, "request_changes", "Shorter, and name the platform.")
    assert Assignment.objects.get(pk=assignment.pk).status == "changes_requested"

    second = workflow.submit_draft(
        ambassador_user, assignment, text="Draft two, shorter.", link="https://blog.example.org/d2"
    )
    assert second.number == 2
    workflow.review(reviewer, assignment, "approve")
    assert Assignment.objects.get(pk=assignment.pk).status == "approved"

    item = LibraryItem.objects.get(draft=second)
    assert (item.theme, item.language, item.kind, item.text) == (
        "Recruitment through gaming communities", "id", "article", "Draft two, shorter.",
    )  # fmt: skip

    workflow.record_publication(
        ambassador_user,
        assignment,
        url="https://blog.example.org/damai",
        platform="blog",
        published_on=days_ago(1),
    )
    assert Assignment.objects.get(pk=assignment.pk).status == "published"

    kinds = [(e.kind, e.who) for e in workflow.timeline(assignment)]
    assert kinds == [
        ("assigned", "coordinator"), ("submitted", "ambassador"), ("request_changes", "reviewer"),
        ("submitted", "ambassador"), ("approve", "reviewer"), ("published", "ambassador"),
    ]  # fmt: skip
    comments = [e.review.comment for e in workflow.timeline(assignment) if e.review]
    assert comments == ["Shorter, and name the platform.", ""]
    actions = list(Record.objects.filter(action__startswith="campaigns.").values_list("action", flat=True))
    for action in ("campaigns.draft.submit", "campaigns.draft.request_changes", "campaigns.draft.approve",
                   "campaigns.publication.record"):  # fmt: skip
        assert action in actions


def test_a_rejected_draft_ends_the_assignment_and_stays_out_of_the_library(submitted, reviewer):
    workflow.review(reviewer, submitted, "reject", "Off the campaign's theme.")
    assert Assignment.objects.get(pk=submitted.pk).status == "rejected"
    assert not LibraryItem.objects.exists()


def test_a_draft_may_be_a_file_checked_by_its_content(assignment, ambassador_user, png_upload):
    draft = workflow.submit_draft(ambassador_user, assignment, upload=png_upload)
    assert (draft.file_mime, draft.file_name) == ("image/png", "poster.png")
    assert workflow.drafts.load(draft.file).startswith(b"\x89PNG")
