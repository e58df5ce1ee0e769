"""The node's roles. Each is a Django group; `hotline init` creates them."""

ADMIN = "admin"
SUPERVISOR = "supervisor"
OFFICER = "officer"
ANALYST = "analyst"
COORDINATOR = "coordinator"
REVIEWER = "reviewer"
AMBASSADOR = "ambassador"
AUDITOR = "auditor"

ROLES = {
    ADMIN: "Node administrator: users, partners, collections",
    SUPERVISOR: "Supervisor of the duty officers; receives escalations",
    OFFICER: "Liaison / duty officer: sends and answers hotline messages",
    ANALYST: "Intelligence analyst: reads and writes STIX intelligence",
    COORDINATOR: "Peace Media Center coordinator",
    REVIEWER: "Peace Media Center reviewer",
    AMBASSADOR: "Cyber Peace Ambassador (Duta Damai)",
    AUDITOR: "Auditor: reads the audit trail",
}
