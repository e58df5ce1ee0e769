"""HTTP Basic on TAXII with and without the cache of verified credentials (access/credential_cache.py).

Starts one node (`hotline serve`, 1 worker, 1 thread) with HOTLINE_BASIC_CACHE_SECONDS=0 (every request checks
the password: PBKDF2, 1,000,000 iterations), then the same node with the default (60 s), and times GET
/taxii2/api/collections/ with HTTP Basic and, for reference, with an API token, over one kept-alive
connection.
Prints a Markdown table for docs/benchmarks.md and saves the numbers in bench/results/.

    python bench/basic_auth_cache.py [--repeat 30] [--work-dir DIR]
"""

import argparse
import sys
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    PASSWORD,
    TAXII,
    HotlineNode,
    TokenAuth,
    command_line,
    load_average,
    machine,
    machine_lines,
    measure,
    ms,
    save_results,
    table,
    work_dir,
)


def _timings(node: HotlineNode, repeat: int) -> dict:
    url = node.url + "/taxii2/api/collections/"
    results = {}
    for mode, auth in (("basic", (node.basic_user, PASSWORD)), ("token", TokenAuth(node.token))):
        session = requests.Session()

        def get(_k, session=session, auth=auth):
            response = session.get(url, auth=auth, headers={"Accept": TAXII}, timeout=30)
            response.raise_for_status()

        results[mode] = measure(get, repeat=repeat, budget=120, warmup=2, label=f"{mode}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--work-dir")
    args = parser.parse_args()
    info = machine()
    base = work_dir(args.work_dir, "hotline-bench-basic-")
    rows, payload = [], {"machine": info, "command": command_line(), "runs": {}}
    node = HotlineNode(base / "node", workers=1, threads=1).init()
    for label, seconds in (
        ("without cache (HOTLINE_BASIC_CACHE_SECONDS=0)", "0"),
        ("with cache (60 s)", "60"),
    ):
        print(f"{label} …", file=sys.stderr)
        node.env = {"HOTLINE_BASIC_CACHE_SECONDS": seconds}
        node.start()
        try:
            found = _timings(node, args.repeat)
        finally:
            node.stop()
        payload["runs"][label] = {mode: t.as_dict() for mode, t in found.items()}
        rows.append(
            [label, f"{ms(found['basic'].median)} / {ms(found['basic'].p95)}",
             f"{ms(found['token'].median)} / {ms(found['token'].p95)}", str(found["basic"].n)]
        )  # fmt: skip
    info["load_after"] = load_average()
    lines = [
        f"`{command_line()}`",
        "",
        *machine_lines(info),
        "",
        *table(["node", "HTTP Basic ms median / p95", "token ms median / p95", "n"], rows),
    ]
    print("\n".join(lines))
    print(f"saved {save_results('basic-auth-cache', payload)}", file=sys.stderr)


if __name__ == "__main__":
    main()
