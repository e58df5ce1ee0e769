"""Demo intelligence drawn from the seed article (the JWG on CT, June 2025). Deterministic ids and timestamps,
so seeding a node twice stores nothing new. Invented items are labelled DEMO and fictitious."""

import uuid

from hotline.stix import mark
from hotline.stix.extensions import project_id

_NAMESPACE = uuid.UUID("7f1c2d4e-2b1a-4c55-9a53-3d8b2e6f0a11")
_CREATED = "2025-06-18T09:00:00.000Z"


def _id(kind: str, key: str) -> str:
    if kind == "identity" and key in ("bnpt", "mps"):
        # The agencies' identities are their nodes' identities (federation.services.node_identity_id).
        return project_id("identity", f"node/{key}")
    return f"{kind}--{uuid.uuid5(_NAMESPACE, key)}"


def _sdo(kind: str, key: str, author: str | None, **properties) -> dict:
    obj = {
        "type": kind,
        "spec_version": "2.1",
        "id": _id(kind, key),
        "created": _CREATED,
        "modified": _CREATED,
    }
    if author:
        obj["created_by_ref"] = author
    obj.update(properties)
    return obj


BNPT = _sdo(
    "identity", "bnpt", None,
    name="Badan Nasional Penanggulangan Terorisme (BNPT)",
    description="Indonesia's National Counter-Terrorism Agency; Deputy for International Cooperation: "
    "Andhika Chrisnayudhanto.",
    identity_class="organization", sectors=["government"], contact_information="Jakarta, Indonesia",
)  # fmt: skip
MPS = _sdo(
    "identity", "mps", None,
    name="Ministry of Public Security of Viet Nam (Bộ Công an)",
    description="Viet Nam's Ministry of Public Security; represented at the JWG by Deputy Minister "
    "Lt. Gen. Pham The Tung.",
    identity_class="organization", sectors=["government"], contact_information="Hanoi, Viet Nam",
)  # fmt: skip
AGENCIES = {"bnpt": BNPT, "mps": MPS}

JAKARTA = _sdo(
    "location", "jakarta", None, name="Jakarta", country="ID", city="Jakarta", region="south-eastern-asia"
)
HANOI = _sdo("location", "hanoi", None, name="Hanoi", country="VN", city="Hanoi", region="south-eastern-asia")

AGREED_POINTS = (
    "1. Exchange of information and intelligence through a Hotline mechanism. "
    "2. Thematic seminars and workshops, including on the use of AI technology by terrorist networks. "
    "3. Capacity building through training and joint research. "
    "4. Collaboration in multilateral forums: SOMTC, INTERPOL, ARF. "
    "5. Stronger cross-border law-enforcement cooperation."
)


def _context(author: dict) -> list[dict]:
    by = author["id"]
    mou = _sdo(
        "note", "mou-2022", by,
        abstract="Memorandum of Understanding, December 2022",
        content="Indonesia and Viet Nam signed a Memorandum of Understanding on counter-terrorism "
        "cooperation in "
        "December 2022, the basis of the Joint Working Group on Counter-Terrorism (JWG on CT).",
        object_refs=[BNPT["id"], MPS["id"]],
    )  # fmt: skip
    jwg1 = _sdo(
        "report", "jwg-1", by,
        name="JWG on CT, 1st meeting, Hanoi, December 2023",
        published="2023-12-15T00:00:00.000Z", report_types=["threat-report"],
        description="First meeting of the Indonesia-Viet Nam Joint Working Group on Counter-Terrorism.",
        object_refs=[BNPT["id"], MPS["id"], HANOI["id"], mou["id"]],
    )  # fmt: skip
    jwg2 = _sdo(
        "report", "jwg-2", by,
        name="JWG on CT, 2nd meeting, BNPT Jakarta, 18 June 2025",
        published="2025-06-18T00:00:00.000Z", report_types=["threat-report"],
        description="Against threats in cyberspace and radical ideology spread through social media. Agreed: "
        + AGREED_POINTS,
        object_refs=[BNPT["id"], MPS["id"], JAKARTA["id"], mou["id"], jwg1["id"]],
    )  # fmt: skip
    return [mark(o, "clear") for o in (BNPT, MPS, JAKARTA, HANOI, mou, jwg1, jwg2)]


def _demo_intelligence(node: str, author: dict) -> list[dict]:
    by = author["id"]
    campaign = _sdo(
        "campaign", f"{node}-demo-campaign", by,
        name=f"DEMO ({node.upper()}): online recruitment propaganda (fictitious, for training)",
        description="A fictitious campaign to show how the hotline carries intelligence. Not real.",
        objective="Recruitment through short videos on social media (fictitious)",
    )  # fmt: skip
    indicator = _sdo(
        "indicator", f"{node}-demo-indicator", by,
        name="DEMO: propaganda landing page (fictitious)",
        indicator_types=["malicious-activity"], pattern_type="stix",
        pattern=f"[url:value = 'https://propaganda.example/{node}/demo']", valid_from=_CREATED,
    )  # fmt: skip
    relation = _sdo(
        "relationship", f"{node}-demo-indicates", by,
        relationship_type="indicates", source_ref=indicator["id"], target_ref=campaign["id"],
    )  # fmt: skip
    return [mark(campaign, "green"), mark(indicator, "amber"), mark(relation, "amber")]


def objects_for(node: str) -> dict[str, list[dict]]:
    """The demo objects for a node, by collection alias."""
    author = AGENCIES.get(node, BNPT)
    context = _context(author)
    return {"public": context, "intel": context + _demo_intelligence(node, author)}
