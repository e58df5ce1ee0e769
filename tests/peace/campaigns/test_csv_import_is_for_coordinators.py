"""Only campaigns.manage imports: a reviewer, an ambassador, the three actors are refused, change nothing."""

import pytest

from hotline.peace.campaigns import csv_import
from hotline.peace.campaigns.models import Ambassador
from hotline.peace.errors import NotAllowed
from tests.peace.campaigns.registry_data import sample_bytes

pytest_plugins = ["tests.peace.campaigns.registry_fixtures"]


def test_only_a_coordinator_imports(actors, reviewer, ambassador, sample_cohorts, coordinator):
    for user in [*actors.values(), reviewer, ambassador.user]:
        with pytest.raises(NotAllowed):
            csv_import.import_ambassadors(user, sample_bytes())
    assert list(Ambassador.objects.values_list("external_id", flat=True)) == ["DD-0001"]

    assert csv_import.import_ambassadors(coordinator, sample_bytes()).created == 19
