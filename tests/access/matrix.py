"""The access matrix: every role x every entry point x every marking, driven by the one table below.

The people: the three actors (alice, an officer; bob, the account of partner agency mps's node; charlie, an
ambassador) and one user per other role. Every one of them may read the collection `matrix` (so the
collection grant is never what decides here: the markings are). It holds one campaign per marking, created
by this node: TLP:CLEAR, GREEN, AMBER, AMBER+STRICT, RED (named recipient: analyst) and a GREEN one in the
compartment `case-1` (members: supervisor and alice). The desk holds one received message per marking the
same way (the RED one names analyst, the compartment one is in `case-1`).
"""

from datetime import UTC, datetime
from types import SimpleNamespace

from hotline import stix
from hotline.access import roles
from hotline.access.models import Compartment, CompartmentObject, NamedRecipient
from hotline.access.services import create_user, grant
from hotline.desk.models import Message
from hotline.federation.services import create_partner, node_identity_id
from hotline.intel import services as intel
from tests.actors import PASSWORD
from tests.factories import sdo

MARKINGS = ("clear", "green", "amber", "amber+strict", "red", "compartment")
EVERYONE = ("admin", "supervisor", "alice", "analyst", "coordinator", "reviewer", "charlie", "auditor", "bob")

# THE TABLE: who sees the object (or desk message) of each marking, wherever they may look at all.
SEES = {
    "clear": set(EVERYONE),
    "green": set(EVERYONE) - {"charlie", "auditor"},  # ambassador and auditor: TLP:CLEAR clearance only
    "amber": {"admin", "supervisor", "alice", "analyst", "coordinator"},  # the organisation (not bob)
    "amber+strict": {"admin", "supervisor", "alice", "analyst"},
    "red": {"analyst"},  # the named recipient only, not even the node admin
    "compartment": {"supervisor", "alice"},  # the case team only, not even the node admin
}
# Who may use each entry point at all (roles.ROLE_RIGHTS); everyone else gets nothing there.
ENTRY_POINTS = {
    "taxii": set(EVERYONE),  # each reads the collection `matrix`
    "export": {"admin", "supervisor", "alice", "analyst"},  # intel.export; anyone else is refused
    "web-desk": {"admin", "supervisor", "alice", "analyst"},  # desk.read: inbox and search (and `inbox --as`)
    "web-picker": {"admin", "supervisor", "alice"},  # desk.act: the compose page's intelligence picker
    # The Peace Media Center's banks (`hotline match --as`, `hotline bank list --as`): coordinators, reviewers
    # and admins (policy.can_read_banks); anyone else is refused.
    "banks": {"admin", "coordinator", "reviewer"},
    # The JWG programme (`hotline programme report --as`): programme.read.
    "programme": {"admin", "supervisor", "alice", "analyst"},
    # The ambassador registry (`hotline ambassadors list --as`): campaigns.read.
    "ambassadors": {"admin", "coordinator", "reviewer"},
}
# The Peace Media Center's bank entries have a TLP marking of their own (one bank per marking holds the
# same text): TLP:RED entries are for those who manage the banks only; the other markings for every reader.
BANK_MARKINGS = ("clear", "green", "amber", "amber+strict", "red")
BANK_SEES = {marking: {"admin", "coordinator", "reviewer"} for marking in BANK_MARKINGS} | {
    "red": {"admin", "coordinator"}
}
BANK_TEXT = (
    "Bergabunglah dengan perjuangan kami, saudara-saudara, waktunya telah tiba untuk bertindak sekarang"
)
# Federation: may our object of each marking go to partner mps (no message names mps as addressee)?
SHARE_OURS = {
    "clear": True,
    "green": True,
    "amber": True,
    "amber+strict": True,
    "red": False,
    "compartment": False,
}
# May an object that partner mps created and sent us go on to partner somtc: without, and with, mps's
# recorded consent? (TLP:CLEAR/GREEN are the originator's own permission for the community.)
RESHARE_THEIRS = {
    "clear": (True, True),
    "green": (True, True),
    "amber": (False, True),
    "amber+strict": (False, False),
    "red": (False, False),
    "unmarked": (False, True),
}


def expected(entry_point: str, who: str) -> set[str]:
    """The markings `who` sees through `entry_point`, from the table."""
    if who not in ENTRY_POINTS[entry_point]:
        return set()
    return {marking for marking in MARKINGS if who in SEES[marking]}


def expected_bank_entries(who: str) -> set[str]:
    """The markings of the bank entries `who` sees (matches, counts), from the table."""
    if who not in ENTRY_POINTS["banks"]:
        return set()
    return {marking for marking in BANK_MARKINGS if who in BANK_SEES[marking]}


def bank_name(marking: str) -> str:
    return "MATRIX_" + marking.upper().replace("+", "_")


def build_peace(world) -> dict[str, str]:
    """One bank per marking, each holding BANK_TEXT marked so; returns {marking: entry STIX id}. Also the
    programme's known facts and one ambassador in the registry, so each CLI read has something to show."""
    from hotline.peace import services as peace
    from hotline.peace.campaigns.models import Ambassador
    from hotline.programme import seed

    admin = world.people["admin"]
    entries = {}
    for marking in BANK_MARKINGS:
        bank = peace.create_bank(admin, bank_name(marking), tlp=marking)
        entries[marking] = peace.add_text(admin, bank, BANK_TEXT, peace.Labels(tlp=marking)).stix_id
    seed.seed()
    Ambassador.objects.create(external_id="MX-1", name="Matrix Ambassador", province="Aceh")
    return entries


T0 = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


def build() -> SimpleNamespace:
    from tests.actors import create_actors

    people = create_actors()
    for role in (
        roles.ADMIN,
        roles.SUPERVISOR,
        roles.ANALYST,
        roles.COORDINATOR,
        roles.REVIEWER,
        roles.AUDITOR,
    ):
        people[role] = create_user(role, role, PASSWORD)
    mps = create_partner("mps", "Ministry of Public Security (Viet Nam)", account=people["bob"])
    somtc = create_partner("somtc", "SOMTC")
    matrix = intel.create_collection("matrix", "The access matrix")
    for role in roles.ROLES:
        grant(matrix, role=role, read=True)
    grant(matrix, user=people["bob"], read=True)
    case = Compartment.objects.create(name="case-1", title="Case 1")
    case.members.add(people["supervisor"], people["alice"])

    home = node_identity_id()
    objects, messages = {}, {}
    for marking in MARKINGS:
        level = "green" if marking == "compartment" else marking
        obj = stix.mark(sdo("campaign", name=f"Campaign {marking}", created_by_ref=home), level)
        objects[marking] = obj
        messages[marking] = Message.objects.create(
            stix_id=f"hotline-message--00000000-0000-4000-8000-{MARKINGS.index(marking):012d}",
            direction="incoming", kind="alert", partner=mps, subject=f"Subject {marking}",
            body=f"Body {marking}", priority="routine", tlp=level, state="received", created_at=T0,
            received_at=T0, search_text=f"matrix subject {marking}",
        )  # fmt: skip
    assert not intel.add_objects(matrix, list(objects.values())).failures
    NamedRecipient.objects.create(stix_id=objects["red"]["id"], user=people["analyst"])
    messages["red"].recipients.add(people["analyst"])
    for stix_id in (objects["compartment"]["id"], messages["compartment"].stix_id):
        CompartmentObject.objects.create(compartment=case, stix_id=stix_id)
    return SimpleNamespace(
        people=people, mps=mps, somtc=somtc, collection=matrix, objects=objects, messages=messages, home=home
    )


def markings_of(world, stix_ids) -> set[str]:
    by_id = {obj["id"]: marking for marking, obj in world.objects.items()}
    return {by_id[i] for i in stix_ids if i in by_id}
