"""Ed25519 verification: OpenSSL (`cryptography`) against libsodium (PyNaCl), and libsodium in two threads.

The receiver of a catch-up verifies every object (stix/signatures.py uses libsodium). Signs one message of
the size of a typical signed object's canonical JSON, then times each library's check of it.

    python bench/ed25519_verify.py [--calls 3000] [--size 600]
"""

import argparse
import os
import sys
import time
import timeit
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nacl.signing import SigningKey

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, machine_lines  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--size", type=int, default=600, help="message bytes (default 600)")
    args = parser.parse_args()
    message = os.urandom(args.size)

    openssl_key = Ed25519PrivateKey.generate()
    openssl_signature, openssl_public = openssl_key.sign(message), openssl_key.public_key()
    sodium_key = SigningKey.generate()
    sodium_signature, sodium_public = sodium_key.sign(message).signature, sodium_key.verify_key

    def openssl_check():
        openssl_public.verify(openssl_signature, message)

    def sodium_check():
        sodium_public.verify(message, sodium_signature)

    def sodium_checks(count):
        for _ in range(count):
            sodium_check()

    openssl = timeit.timeit(openssl_check, number=args.calls) / args.calls
    sodium = timeit.timeit(sodium_check, number=args.calls) / args.calls
    started = time.perf_counter()
    sodium_checks(2 * args.calls)
    one_thread = time.perf_counter() - started
    with ThreadPoolExecutor(2) as pool:
        started = time.perf_counter()
        list(pool.map(sodium_checks, [args.calls, args.calls]))
        two_threads = time.perf_counter() - started

    print("\n".join(machine_lines(machine())))
    print(f"\n{args.calls:,} calls each, {args.size}-byte message\n")
    print("| check | µs a call |\n|---|---:|")
    print(f"| cryptography (OpenSSL) `Ed25519PublicKey.verify` | {openssl * 1e6:.0f} |")
    print(f"| PyNaCl (libsodium) `VerifyKey.verify` | {sodium * 1e6:.0f} |")
    print(
        f"\n{2 * args.calls:,} libsodium checks: {one_thread:.2f} s in one thread, {two_threads:.2f} s in two"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
