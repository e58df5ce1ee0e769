"""Running a node: a production WSGI server (gunicorn) and the worker as child processes, stopped together."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def web_command(bind: str, workers: int, threads: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "hotline.wsgi:application",
        "--bind", bind, "--workers", str(workers), "--threads", str(threads),
        "--worker-class", "gthread", "--timeout", "120", "--graceful-timeout", "10",
        # Longer than a client's (or proxy's) pause between requests: with gunicorn's 2 s default a client
        # reusing a connection as the server closes it gets a reset (docs/benchmarks.md, load test).
        "--keep-alive", "20",
        "--access-logfile", "-", "--error-logfile", "-", "--no-control-socket",
        "--access-logformat", '%(h)s "%(r)s" %(s)s %(b)s %(M)sms',
        "--logger-class", "hotline.node.access_log.AccessLog",
    ]  # fmt: skip


def tls_arguments(certfile: str | None, keyfile: str | None, ca_certs: str | None) -> list[str]:
    """gunicorn's HTTPS options; with CA certificates, a client certificate signed by them is required."""
    if not certfile:
        return []
    args = ["--certfile", str(Path(certfile).resolve()), "--keyfile", str(Path(keyfile).resolve())]
    if ca_certs:
        args += ["--ca-certs", str(Path(ca_certs).resolve()), "--cert-reqs", "2"]  # ssl.CERT_REQUIRED
    return args


def worker_command(data_dir: Path, queue: str = "all") -> list[str]:
    return [sys.executable, "-m", "hotline.cli", "worker", "--data-dir", str(data_dir), "--queue", queue]


def worker_commands(data_dir: Path) -> list[tuple[str, list[str]]]:
    """A node's two workers: federation jobs in their own process, so a slow partner delays nothing else."""
    return [
        ("worker", worker_command(data_dir, "default")),
        ("federation worker", worker_command(data_dir, "federation")),
    ]


def _wait_until_up(urls: list[str], running, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    pending = list(urls)
    while pending and time.monotonic() < deadline:
        if any(process.poll() is not None for _, process in running):
            return  # the main loop reports the child that died
        try:
            with urllib.request.urlopen(pending[0], timeout=5):  # noqa: S310 - our own loopback health URL
                pending.pop(0)
                continue
        except OSError:
            time.sleep(0.3)


def supervise(
    children: list[tuple[str, list[str], dict]],
    *,
    announce=None,
    log_dir: Path | None = None,
    health_urls: list[str] | None = None,
) -> int:
    """Start every child; when one exits or we are told to stop (Ctrl-C, SIGTERM), stop them all.
    With `log_dir`, each child writes to `<log_dir>/<name>.log` instead of the terminal; with `health_urls`,
    `announce` runs once they all answer."""
    running: list[tuple[str, subprocess.Popen]] = []
    stopping = False

    def request_stop(signum, frame):
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for name, command, env in children:
            output = None
            if log_dir is not None:
                output = (log_dir / (name.replace(" ", "-") + ".log")).open("ab")
            # A new process group: the terminal's Ctrl-C reaches us only, and we stop the children in order.
            process = subprocess.Popen(
                command, env={**os.environ, **env}, start_new_session=True, stdout=output, stderr=output
            )
            running.append((name, process))
        if health_urls:
            _wait_until_up(health_urls, running)
        if announce:
            announce()
        exit_code = 0
        while not stopping:
            for name, process in running:
                code = process.poll()
                if code is not None:
                    print(f"hotline: {name} exited with code {code}; stopping the rest", file=sys.stderr)
                    exit_code = code or 1
                    stopping = True
                    break
            time.sleep(0.2)
        return exit_code
    finally:
        for _, process in running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _, process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
