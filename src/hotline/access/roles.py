"""The node's roles and what each may do: the one rights table the access policy reads.

Each role is a Django group (`hotline init` creates them; users are given roles with `hotline user add --role`
or in the Django admin). What a role may do is this table, read by `hotline.access.policy`; which TAXII
collections a role reads or writes is data (collection grants, `hotline collection grant`). The table in
`docs/security.md` ("Roles and rights") is generated from this module (`python -m hotline.access.roles`) and a
test fails when the two differ.
"""

ADMIN = "admin"
SUPERVISOR = "supervisor"
OFFICER = "officer"
ANALYST = "analyst"
COORDINATOR = "coordinator"
REVIEWER = "reviewer"
AMBASSADOR = "ambassador"
AUDITOR = "auditor"
SECRETARIAT = "secretariat"

ROLES = {
    ADMIN: "Node administrator: users, partners, collections",
    SUPERVISOR: "Supervisor of the duty officers; receives escalations",
    OFFICER: "Liaison / duty officer: sends and answers hotline messages",
    ANALYST: "Intelligence analyst: reads and writes STIX intelligence",
    COORDINATOR: "Peace Media Center coordinator",
    REVIEWER: "Peace Media Center reviewer",
    AMBASSADOR: "Cyber Peace Ambassador (Duta Damai)",
    AUDITOR: "Auditor: reads the audit trail",
    SECRETARIAT: "JWG secretariat: runs the programme (agreed points, activities, requests)",
}

# --- rights -------------------------------------------------------------------------------------------------

DESK_READ = "desk.read"
DESK_ACT = "desk.act"
DESK_DUTY = "desk.duty"
ROSTER_MANAGE = "roster.manage"
INTEL_EXPORT = "intel.export"
PARTNERS_MANAGE = "partners.manage"
CONSENT_RECORD = "consent.record"
COMPARTMENTS_MANAGE = "compartments.manage"
USERS_MANAGE = "users.manage"
AUDIT_READ = "audit.read"
PROGRAMME_READ = "programme.read"
PROGRAMME_EDIT = "programme.edit"
CAMPAIGNS_READ = "campaigns.read"
CAMPAIGNS_MANAGE = "campaigns.manage"
CAMPAIGNS_REVIEW = "campaigns.review"
CAMPAIGNS_CONTRIBUTE = "campaigns.contribute"

RIGHTS = {
    DESK_READ: "read the desk: inbox, outbox, threads, search, service levels, roster",
    DESK_ACT: "send, acknowledge, reply to, assign and close desk messages (shares with partners)",
    DESK_DUTY: "be put on the duty roster (told first of a missed deadline)",
    ROSTER_MANAGE: "manage the duty roster",
    INTEL_EXPORT: "export STIX bundles (`hotline export --as`): only what the user may see",
    PARTNERS_MANAGE: "add, change and remove partner agencies",
    CONSENT_RECORD: "record an originator's consent to re-share its intelligence with another partner",
    COMPARTMENTS_MANAGE: "create compartments, name their members, assign objects to them",
    USERS_MANAGE: "add users, give roles, grant collections, issue API tokens",
    AUDIT_READ: "read and export the audit trail",
    PROGRAMME_READ: "read the JWG programme: meetings, agreed points, activities, requests, report",
    PROGRAMME_EDIT: "edit the JWG programme: points and their status, evidence, activities, requests",
    CAMPAIGNS_READ: "read the ambassador registry, bootcamps, campaigns, the counter-narratives and reach",
    CAMPAIGNS_MANAGE: "manage ambassadors (CSV import), bootcamps, campaigns, briefs, assignments",
    CAMPAIGNS_REVIEW: "review ambassadors' drafts: approve, request changes, reject",
    CAMPAIGNS_CONTRIBUTE: "as an ambassador: see one's own assignments, submit drafts, record publication",
}

_DESK = {DESK_READ, DESK_ACT}
_ADMINISTRATION = {PARTNERS_MANAGE, CONSENT_RECORD, COMPARTMENTS_MANAGE, USERS_MANAGE}

ROLE_RIGHTS: dict[str, frozenset[str]] = {
    ADMIN: frozenset(RIGHTS) - {DESK_DUTY, CAMPAIGNS_CONTRIBUTE},
    SUPERVISOR: frozenset(_DESK | {DESK_DUTY, ROSTER_MANAGE, INTEL_EXPORT, PROGRAMME_READ}),
    OFFICER: frozenset(_DESK | {DESK_DUTY, INTEL_EXPORT, PROGRAMME_READ}),
    ANALYST: frozenset({DESK_READ, INTEL_EXPORT, PROGRAMME_READ}),
    COORDINATOR: frozenset({CAMPAIGNS_READ, CAMPAIGNS_MANAGE, CAMPAIGNS_REVIEW}),
    REVIEWER: frozenset({CAMPAIGNS_READ, CAMPAIGNS_REVIEW}),
    AMBASSADOR: frozenset({CAMPAIGNS_CONTRIBUTE}),
    AUDITOR: frozenset({AUDIT_READ}),
    SECRETARIAT: frozenset({PROGRAMME_READ, PROGRAMME_EDIT, DESK_READ}),
}

# --- clearance: the most restrictive TLP level a role reads (TLP:RED is never a clearance: named recipients
# only). An object above every clearance of a user does not exist for that user. A user without any role (a
# partner node's account) is of the community but not of this organisation: it reads CLEAR and GREEN, and in
# its own outbound collection what the sharing rules placed there for its agency.

PARTNER_CLEARANCE = "green"
CLEARANCE = {
    ADMIN: "amber+strict",
    SUPERVISOR: "amber+strict",
    OFFICER: "amber+strict",
    ANALYST: "amber+strict",
    COORDINATOR: "amber",
    REVIEWER: "green",
    AMBASSADOR: "clear",
    AUDITOR: "clear",
    SECRETARIAT: "amber",
}


def roles_with(right: str) -> frozenset[str]:
    """The roles that have a right."""
    if right not in RIGHTS:
        raise KeyError(f"unknown right {right!r}")
    return frozenset(role for role, rights in ROLE_RIGHTS.items() if right in rights)


def rights_table_markdown() -> str:
    """The role x right table of docs/security.md, generated from ROLE_RIGHTS and CLEARANCE."""
    header = "| right | " + " | ".join(ROLES) + " |"
    lines = [header, "|---|" + "---|" * len(ROLES)]
    for right, meaning in RIGHTS.items():
        marks = " | ".join("yes" if right in ROLE_RIGHTS[role] else "–" for role in ROLES)
        lines.append(f"| `{right}`: {meaning} | {marks} |")
    levels = " | ".join(f"TLP:{CLEARANCE[role].upper()}" for role in ROLES)
    lines.append(f"| highest TLP read (RED: named recipients only) | {levels} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - prints the table for docs/security.md
    print(rights_table_markdown(), end="")
