"""The seed's facts as programme records: the MoU (December 2022), JWG-1 (Hanoi, December 2023), JWG-2
(BNPT, Jakarta, 18 June 2025) with its two delegations and five agreed points in three languages, and a
few activities under them. Idempotent: seeding twice stores nothing new. Dates after June 2025 are DEMO
planning dates."""

from datetime import date

from django.db import transaction

from hotline.programme import services
from hotline.programme.models import Activity, Framework, Meeting

ACTOR = "demo"

POINTS = [
    (
        "Exchange of information and intelligence through a Hotline mechanism.",
        "Pertukaran informasi dan intelijen melalui mekanisme Hotline.",
        "Trao đổi thông tin và tình báo thông qua cơ chế đường dây nóng (Hotline).",
        "joint", "BNPT Deputy for International Cooperation / MPS", date(2025, 12, 31),
    ),
    (
        "Thematic seminars and workshops, including on the use of AI technology by terrorist networks.",
        "Seminar dan lokakarya tematik, termasuk tentang penggunaan teknologi AI oleh jaringan teroris.",
        "Hội thảo chuyên đề, bao gồm về việc các mạng lưới khủng bố sử dụng công nghệ AI.",
        "indonesia", "BNPT", date(2026, 3, 31),
    ),
    (
        "Capacity building through training and joint research.",
        "Peningkatan kapasitas melalui pelatihan dan riset bersama.",
        "Nâng cao năng lực thông qua đào tạo và nghiên cứu chung.",
        "joint", "BNPT / MPS training units", date(2026, 6, 30),
    ),
    (
        "Collaboration in multilateral forums: SOMTC, INTERPOL, ARF.",
        "Kolaborasi dalam forum multilateral: SOMTC, INTERPOL, ARF.",
        "Hợp tác trong các diễn đàn đa phương: SOMTC, INTERPOL, ARF.",
        "joint", "International cooperation directorates", date(2026, 6, 30),
    ),
    (
        "Stronger cross-border law-enforcement cooperation.",
        "Penguatan kerja sama penegakan hukum lintas batas.",
        "Tăng cường hợp tác thực thi pháp luật xuyên biên giới.",
        "vietnam", "MPS", date(2026, 6, 30),
    ),
]  # fmt: skip


@transaction.atomic
def seed() -> Meeting:
    """Store the seed's facts (once); returns JWG-2."""
    existing = Meeting.objects.filter(code="JWG-2").first()
    if existing is not None:
        return existing
    mou = Framework.objects.first() or services.create_framework(
        ACTOR,
        "Memorandum of Understanding between Indonesia and Viet Nam on counter-terrorism cooperation",
        signed_text="December 2022",
        scope="Bilateral counter-terrorism cooperation, strengthened against threats in cyberspace and the "
        "spread of radical ideology through social media: sharing intelligence information, law-enforcement "
        "cooperation, capacity building through training programmes.",
    )
    services.create_meeting(
        ACTOR, "JWG-1", "1st Joint Working Group on Counter Terrorism", place="Hanoi", host_side="vietnam",
        date_text="December 2023", framework=mou,
    )  # fmt: skip
    jwg2 = services.create_meeting(
        ACTOR, "JWG-2", "2nd Joint Working Group on Counter Terrorism",
        place="BNPT, Jakarta", host_side="indonesia", date=date(2025, 6, 18), framework=mou,
        agenda="New dynamics of terrorism: threats in cyberspace, radical ideology on social media; "
        "counter-narratives (Duta Damai Dunia Maya, Pusat Media Damai); concrete steps of cooperation.",
        minutes="Five points agreed (see the agreed points).",
        delegations={
            "indonesia": ("Andhika Chrisnayudhanto, BNPT Deputy for International Cooperation", ""),
            "vietnam": ("Lt. Gen. Pham The Tung, Deputy Minister of Public Security (MPS, Bộ Công an)", ""),
        },
        documents=[("Agreed points of the 2nd JWG on CT", "JWG-2 record of discussion")],
    )  # fmt: skip
    points = []
    for number, (en, id_, vi, owner, unit, due) in enumerate(POINTS, start=1):
        points.append(
            services.create_point(
                ACTOR,
                jwg2,
                number,
                text_en=en,
                text_id=id_,
                text_vi=vi,
                owner_side=owner,
                responsible_unit=unit,
                due_date=due,
            )  # fmt: skip
        )
    services.set_point_status(
        ACTOR, points[0], "in_progress", note="Hotline nodes of BNPT and MPS federated."
    )
    services.add_evidence(ACTOR, points[0], "link", "Hotline desk: messages exchanged", "/desk/")
    services.set_point_status(ACTOR, points[1], "in_progress", note="Workshop planned.")
    services.create_activity(
        ACTOR, points[1], Activity.WORKSHOP, "Workshop: Use of AI by terrorist networks",
        theme="Use of AI by terrorist networks", date=date(2025, 11, 20), place="Jakarta (DEMO date)",
        participants_indonesia=20, participants_vietnam=12,
        outcomes="DEMO: shared indicators of AI-generated propaganda; follow-up session proposed.",
    )  # fmt: skip
    services.create_activity(
        ACTOR, points[2], Activity.TRAINING, "Counter-narrative training (DEMO)",
        course="Counter-narratives on social media (Duta Damai Dunia Maya)", trainers="Pusat Media Damai",
        hours=16, certificates=30, participants_indonesia=20, participants_vietnam=10, date=date(2026, 2, 10),
        place="Hanoi (DEMO date)",
    )  # fmt: skip
    services.create_activity(
        ACTOR, points[2], Activity.RESEARCH, "Joint research: online radicalisation (DEMO)",
        topic="Radicalisation through social media in South-East Asia", institutions="BNPT; MPS",
        milestones="DEMO: terms of reference 2026-01; first findings 2026-05", date=date(2026, 1, 15),
    )  # fmt: skip
    services.create_activity(
        ACTOR, points[3], Activity.FORUM, "Joint position at SOMTC (DEMO)", forum="somtc",
        forum_meeting="ASEAN Senior Officials Meeting on Transnational Crime", date=date(2025, 10, 1),
        joint_position="DEMO: joint statement on terrorist use of the internet", follow_ups="Raise at ARF.",
    )  # fmt: skip
    return jwg2
