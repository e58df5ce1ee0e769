"""The three actors every permission path is tested with (as healthchecks' alice/bob/charlie):

alice    an officer of the home agency (BNPT): reads and writes the `intel` collection
bob      an officer of the partner agency (MPS) with an account here: reads `to-mps`, writes `from-mps`
charlie  a user without clearance (an ambassador): reads only `public`
"""

from hotline.access import roles
from hotline.access.services import create_user, grant
from hotline.intel.services import create_collection
from hotline.node.services import create_defaults

PASSWORD = "correct-horse-battery-staple-42"


def create_actors() -> dict:
    create_defaults()
    to_mps = create_collection("to-mps", "Shared with MPS")
    from_mps = create_collection("from-mps", "Received from MPS")
    alice = create_user("alice", roles.OFFICER, PASSWORD)
    bob = create_user("bob", roles.OFFICER, PASSWORD)
    # bob's role alone gives him `intel`; a partner's account is limited to its own collections.
    bob.groups.clear()
    charlie = create_user("charlie", roles.AMBASSADOR, PASSWORD)
    grant(to_mps, user=bob, read=True, write=False)
    grant(from_mps, user=bob, read=False, write=True)
    grant(to_mps, role=roles.OFFICER, read=True, write=True)
    grant(from_mps, role=roles.OFFICER, read=True, write=False)
    return {"alice": alice, "bob": bob, "charlie": charlie}
