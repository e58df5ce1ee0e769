"""The ambassador CSV import at 1,000 and 10,000 rows, in-process on a fresh node's SQLite database:

- a first import (every row checked, then created in bulk, one transaction);
- the same file again (every row compared: all unchanged);
- the file with every tenth row changed (updated in bulk);
- a file with one bad row in ten (refused whole: the time to check and report).

    .venv/bin/python bench/ambassadors_import.py [--sizes 1000 10000] [--repeats 3]

Run by hand, never by `make test`. Prints the machine and its load, as the other benchmarks do.
"""

import argparse
import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import load_average, machine, machine_lines  # noqa: E402

HEADER = "external_id,name,email,province,region,languages,skills,cohort,channels,active,active_since\n"
FIRST = ["Siti", "Rizky", "Putri", "Fajar", "Dewi", "Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Thu", "Đặng"]
LAST = ["Nurhaliza", "Ramadhan", "Lestari", "Nugroho", "An", "Bích Ngọc", "Đức", "Hà", "Long", "Siregar"]
SKILLS = ["writing", "visual_design", "video", "it"]


def csv_file(size: int, *, changed_every: int = 0, bad_every: int = 0) -> bytes:
    from hotline.peace.campaigns import provinces

    names = list(provinces.COUNTRY)
    rng = random.Random(size)
    lines = [HEADER]
    for n in range(size):
        province = names[rng.randrange(len(names))]
        country = provinces.COUNTRY[province]
        languages = "id en" if country == "ID" else "vi en"
        skills = " ".join(rng.sample(SKILLS, rng.randint(1, 2)))
        active = "yes" if not (changed_every and n % changed_every == 0) else "no"
        if bad_every and n % bad_every == 0:
            province = "Atlantis"
        since = datetime.date(2024, 1, 1) + datetime.timedelta(days=n % 700)
        lines.append(
            f"BENCH-{n:06d},{FIRST[n % 10]} {LAST[(n // 10) % 10]},b{n}@example.org,{province},,"
            f"{languages},{skills},bench-cohort,https://blog{n}.example.org,{active},{since.isoformat()}\n"
        )
    return "".join(lines).encode()


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    info = machine()
    with tempfile.TemporaryDirectory(prefix="hotline-ambassadors-bench-") as tmp:
        data_dir = Path(tmp) / "node"
        init = [sys.executable, "-m", "hotline.cli", "init", "--data-dir", str(data_dir), "--node", "bench"]
        subprocess.run(init, check=True, capture_output=True)
        os.environ["HOTLINE_DATA_DIR"] = str(data_dir)
        os.environ["DJANGO_SETTINGS_MODULE"] = "hotline.settings"
        import django

        django.setup()
        from hotline.access import roles
        from hotline.access.services import create_user
        from hotline.peace.campaigns import csv_import
        from hotline.peace.campaigns.models import Ambassador, Bootcamp
        from hotline.peace.errors import ImportRefused

        coordinator = create_user("bench-coordinator", roles.COORDINATOR, "bench-password-2025-jwg")
        Bootcamp.objects.create(
            code="bench-cohort", name="Bench", place="Medan", starts_on=datetime.date(2025, 3, 10),
            ends_on=datetime.date(2025, 3, 13),
        )  # fmt: skip
        rows = []
        for size in args.sizes:
            files = {
                "first import": csv_file(size),
                "the same file again (all unchanged)": csv_file(size),
                "every tenth row changed (updates)": csv_file(size, changed_every=10),
                "one bad row in ten (refused whole)": csv_file(size, bad_every=10),
            }
            samples = {name: [] for name in files}
            for _ in range(args.repeats):
                Ambassador.objects.filter(external_id__startswith="BENCH-").delete()
                for name, data in files.items():
                    elapsed, outcome = timed(lambda d=data: _run(csv_import, coordinator, d, ImportRefused))
                    samples[name].append(elapsed)
                    if name == "first import":
                        assert outcome.created == size, outcome
                    elif name.startswith("one bad"):
                        assert outcome == size // 10, outcome
            for name, values in samples.items():
                median = statistics.median(values)
                rows.append(
                    f"| {size:,} | {name} | {len(values)} | {median:.2f} s | {size / median:,.0f} rows/s |"
                )
        info["load_after"] = load_average()
    print("| rows | import | repeats | median | rate |\n|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print("\n".join(machine_lines(info)))


def _run(csv_import, coordinator, data: bytes, refused):
    try:
        return csv_import.import_ambassadors(coordinator, data, filename="bench.csv")
    except refused as exc:
        return len(exc.problems)


if __name__ == "__main__":
    main()
