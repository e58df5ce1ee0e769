"""Role changes (group membership), collection grants and partner changes are recorded, whoever makes them
(a command, the Django admin); so is what a partner sends, including what is quarantined."""

from django.contrib.auth.models import Group

from hotline.access import roles
from hotline.access.services import create_user, grant
from hotline.audit import context
from hotline.federation import receive
from hotline.federation.services import Link, create_partner, remove_partner
from hotline.intel.models import Collection
from hotline.stix import signatures
from tests.actors import PASSWORD
from tests.audit.conftest import records
from tests.desk.conftest import partner_message
from tests.signin import signed_in_client


def test_adding_and_removing_a_role_is_recorded(actors):
    with context.origin(context.CLI):
        erin = create_user("erin", roles.ANALYST, PASSWORD)
    erin.groups.remove(Group.objects.get(name=roles.ANALYST))
    erin.groups.add(Group.objects.get(name=roles.SUPERVISOR))
    erin.groups.clear()

    changes = [(r.action, r.target, r.detail["roles"]) for r in records("role.add") + records("role.remove")
               if r.target == "erin"]  # fmt: skip
    assert sorted(changes) == sorted([
        ("role.add", "erin", ["analyst"]), ("role.add", "erin", ["supervisor"]),
        ("role.remove", "erin", ["analyst"]), ("role.remove", "erin", ["supervisor"]),
    ])  # fmt: skip
    assert records("role.add", target="erin")[0].entry_point == "cli"


def test_a_grant_and_its_change_are_recorded(actors):
    intel = Collection.objects.get(alias="intel")
    grant(intel, user=actors["charlie"], read=True)
    grant(intel, user=actors["charlie"], read=True)  # the same again (as `hotline init` run twice): no change
    grant(intel, user=actors["charlie"], read=True, write=True)

    made = [
        (r.action, r.detail)
        for r in records("grant.add") + records("grant.change")
        if r.detail.get("user") == "charlie"
    ]
    assert made == [
        ("grant.add", {"collection": "intel", "user": "charlie", "read": True, "write": False}),
        ("grant.change", {"collection": "intel", "user": "charlie", "read": True, "write": True}),
    ]


def test_a_role_given_in_the_admin_is_recorded_with_the_admin(actors):
    root = create_user("root", roles.ADMIN, PASSWORD)
    officer = Group.objects.get(name=roles.OFFICER)
    form = {
        "username": "charlie",
        "groups": [officer.pk],
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2025-01-01",
        "initial-date_joined_1": "00:00:00",
    }

    response = signed_in_client(root).post(f"/admin/auth/user/{actors['charlie'].pk}/change/", form)

    assert response.status_code == 302
    (added,) = records("role.add", target="charlie", actor="root")
    (removed,) = records("role.remove", target="charlie", actor="root")
    assert (added.entry_point, added.detail["roles"], removed.detail["roles"]) == (
        "web",
        ["officer"],
        ["ambassador"],
    )
    (change,) = records("admin.change")
    assert (change.actor, change.target) == ("root", f"auth.User {actors['charlie'].pk}")


def test_adding_and_removing_a_partner_is_recorded_without_its_secrets(actors):
    partner = create_partner("mps", "MPS", account=actors["bob"])
    remove_partner(partner)

    (added,) = records("partner.add")
    (removed,) = records("partner.remove")
    assert (added.target, added.detail["account"], added.detail["active"]) == ("mps", "bob", True)
    assert (removed.target, removed.detail["active"]) == ("mps", False)
    assert "password" not in added.detail and "token" not in added.detail


def test_what_a_partner_sends_is_recorded_stored_or_quarantined(actors):
    key = signatures.generate_private_key()
    link = Link(public_keys=[signatures.public_key_to_text(key.public_key())])
    mps = create_partner("mps", "MPS", account=actors["bob"], link=link)
    good = signatures.sign(partner_message(), key)
    forged = signatures.sign(partner_message(subject="Forged"), signatures.generate_private_key())

    receive.receive(mps, [good, forged], via="push")

    (receipt,) = records("federation.receive")
    assert (receipt.actor, receipt.entry_point, receipt.target) == ("bob", "federation", "mps")
    assert receipt.detail == {"via": "push", "stored": [good["id"]], "refused": [forged["id"]]}
