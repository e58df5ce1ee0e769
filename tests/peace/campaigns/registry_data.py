"""The sample file of the repository and the CSV header, for the registry and import tests."""

from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "ambassadors.csv"
HEADER = "external_id,name,email,province,region,languages,skills,cohort,channels,active,active_since\n"


def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()
