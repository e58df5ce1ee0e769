"""docs/security.md's role x right table is the one the code reads (roles.ROLE_RIGHTS): they cannot drift."""

from pathlib import Path

from hotline.access import policy, roles
from hotline.access.services import create_user
from tests.actors import PASSWORD

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def _section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def test_the_documented_table_is_generated_from_the_rights_table():
    assert roles.rights_table_markdown() in _section(DOC.read_text(encoding="utf-8"), "Roles and rights")


def test_every_role_has_a_row_of_rights_and_a_clearance():
    assert set(roles.ROLE_RIGHTS) == set(roles.ROLES) == set(roles.CLEARANCE)
    assert all(rights <= set(roles.RIGHTS) for rights in roles.ROLE_RIGHTS.values())


def test_the_policy_gives_each_role_exactly_its_rights(db):
    for role in roles.ROLES:
        user = create_user(f"user-{role}", role, PASSWORD)
        for right in roles.RIGHTS:
            assert policy.has_right(user, right) is (right in roles.ROLE_RIGHTS[role]), (role, right)
        assert policy.clearance(user) == roles.CLEARANCE[role]


def test_a_user_without_a_role_has_no_right_and_partner_clearance(actors):
    bob = actors["bob"]

    assert not policy.rights(bob)
    assert policy.clearance(bob) == roles.PARTNER_CLEARANCE == "green"
