"""The registry's demo data on BNPT's node: two bootcamps (Medan, Đà Nẵng), the twenty ambassadors of the
repository's sample file (samples/ambassadors.csv), their attendance, and the demo user `ambassador` linked to
the first of them (Siti Nurhaliza, DD-0001). Added by the demo `coordinator`; safe to run twice."""

from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[4] / "samples" / "ambassadors.csv"
BOOTCAMPS = (
    {
        "code": "2025-medan", "name": "Bootcamp Duta Damai Medan 2025", "place": "Medan",
        "province": "Sumatera Utara", "starts_on": "2025-03-10", "ends_on": "2025-03-13",
        "trainers": "Rina Siregar (demo)\nAgus Pratama (demo)",
    },
    {
        "code": "2025-danang", "name": "Peace Ambassadors Bootcamp Đà Nẵng 2025", "place": "Đà Nẵng",
        "province": "Đà Nẵng", "starts_on": "2025-08-19", "ends_on": "2025-08-22",
        "trainers": "Nguyễn Thị Hương (demo)\nRina Siregar (demo)",
    },
)  # fmt: skip
DEMO_AMBASSADOR = ("ambassador", "DD-0001")


def seed(node: str) -> None:
    if node != "bnpt":
        return
    from django.contrib.auth import get_user_model

    from hotline.peace.campaigns import csv_import, registry
    from hotline.peace.campaigns.models import Ambassador, Bootcamp

    users = get_user_model().objects
    coordinator = users.get(username="coordinator")
    for fields in BOOTCAMPS:
        if not Bootcamp.objects.filter(code=fields["code"]).exists():
            registry.create_bootcamp(coordinator, fields)
    if not SAMPLE.is_file():
        print(f"demo: no {SAMPLE}, the registry has bootcamps but no ambassadors")
        return
    csv_import.import_ambassadors(coordinator, SAMPLE.read_bytes(), filename=SAMPLE.name)
    for bootcamp in Bootcamp.objects.filter(code__in=[b["code"] for b in BOOTCAMPS]):
        members = list(bootcamp.members.values_list("external_id", flat=True))
        if members:
            registry.add_participants(coordinator, bootcamp, members)
        length = registry.bootcamp_length(bootcamp)
        # Most attended every day; every fourth missed a day and did not complete.
        attendance = {
            row.pk: (length - 1, False) if number % 4 == 3 else (length, True)
            for number, row in enumerate(bootcamp.attendance.order_by("ambassador__external_id"))
        }
        registry.record_attendance(coordinator, bootcamp, attendance)
    username, external_id = DEMO_AMBASSADOR
    record = Ambassador.objects.get(external_id=external_id)
    if users.filter(username=username).exists() and record.user_id is None:
        registry.link_account(coordinator, record, username)
