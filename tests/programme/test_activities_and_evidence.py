"""Activities of each kind are linked to the point they serve and need their own facts; evidence is a
document or a link into Hotline; bad input is refused and stores nothing; writes are audited."""

from datetime import date

import pytest

from hotline.audit.models import Record
from hotline.programme import services
from hotline.programme.errors import ProgrammeError
from hotline.programme.models import Activity, AgreedPoint, Evidence


def test_each_kind_needs_its_facts(seeded, secretary):
    point = AgreedPoint.objects.get(number=3)
    before = Activity.objects.count()
    with pytest.raises(ProgrammeError, match="needs its course"):
        services.create_activity(secretary, point, "training", "A course")
    with pytest.raises(ProgrammeError, match="needs its forum meeting"):
        services.create_activity(secretary, point, "forum", "INTERPOL", forum="interpol")
    with pytest.raises(ProgrammeError, match="unknown forum"):
        services.create_activity(secretary, point, "forum", "X", forum="un", forum_meeting="GA")
    with pytest.raises(ProgrammeError, match="negative"):
        services.create_activity(secretary, point, "training", "T", course="C", hours=-3)
    assert Activity.objects.count() == before

    training = services.create_activity(
        secretary, point, "training", "Digital forensics", course="Digital forensics for CT",
        trainers="MPS cyber unit", hours=24, certificates=18, date=date(2026, 4, 1),
    )  # fmt: skip
    assert training in point.activities.all()
    assert Record.objects.filter(
        action="programme.activity.create", target=f"activity/{training.uid}"
    ).exists()


def test_evidence_documents_and_links(seeded, secretary):
    point = AgreedPoint.objects.get(number=2)
    services.add_evidence(secretary, point, "document", "Workshop report", "workshop-report.pdf")
    services.add_evidence(secretary, point, "link", "Messages exchanged", "/desk/threads/")
    with pytest.raises(ProgrammeError, match="is a path in Hotline"):
        services.add_evidence(secretary, point, "link", "Elsewhere", "ftp://example.org/x")
    assert list(Evidence.objects.filter(point=point).values_list("kind", flat=True)) == ["document", "link"]
    kinds = [item["kind"] for item in services.timeline(point)]
    assert {"status", "evidence", "activity"} <= set(kinds)
