"""The shared fixtures: an ambassador's account is linked to its registry record, as the policy sees it."""

from hotline.access import policy


def test_ambassador_accounts_are_linked_to_their_records(
    ambassador, second_ambassador, coordinator, reviewer
):
    assert ambassador.user.ambassador == ambassador
    assert second_ambassador.user.ambassador == second_ambassador
    assert policy.can_contribute(ambassador.user) and not policy.can_read_campaigns(ambassador.user)
    assert policy.can_manage_campaigns(coordinator) and not policy.can_manage_campaigns(reviewer)
    assert policy.can_read_campaigns(reviewer)


def test_the_three_actors_have_no_way_into_the_registry(actors):
    for user in actors.values():
        assert not policy.can_read_campaigns(user)
        assert not policy.can_manage_campaigns(user)
