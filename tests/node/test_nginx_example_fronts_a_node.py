"""The nginx example of deploy/ works as written: Debian's nginx loads it, terminates TLS in front of a live
node, sends HTTP to HTTPS, lets a partner node with a client certificate of the partners' CA reach TAXII and
refuses one without, and keeps its idle upstream connections for less time than `hotline serve` does."""

import ipaddress
import re
import shutil
import subprocess
import time

import pytest
import requests
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from hotline.node.processes import web_command
from tests.live import REPOSITORY, TAXII, free_port, hotline, make_node
from tests.pki import authority, signed_by

pytestmark = pytest.mark.live

EXAMPLE = REPOSITORY / "deploy" / "nginx-hotline.conf"
ENVIRONMENT_EXAMPLE = REPOSITORY / "deploy" / "hotline.env.example"
PROXY_SETTINGS = ("HOTLINE_HTTPS", "HOTLINE_PROXY_SSL_HEADER", "HOTLINE_TRUSTED_PROXIES")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """The node's own CA and server certificate, the partners' CA with a partner node's client certificate,
    and a client certificate from a CA the node does not trust."""
    folder = tmp_path_factory.mktemp("pki")
    node_ca, partners_ca, other_ca = (authority(folder, n) for n in ("node-ca", "partners-ca", "other-ca"))
    server = signed_by(
        folder, "server", node_ca, ExtendedKeyUsageOID.SERVER_AUTH,
        san=[x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
    )  # fmt: skip
    return {
        "node_ca": str(folder / "node-ca.crt"),
        "partners_ca": str(folder / "partners-ca.crt"),
        "server": server,
        "partner": signed_by(folder, "mps node", partners_ca, ExtendedKeyUsageOID.CLIENT_AUTH),
        "stranger": signed_by(folder, "unknown node", other_ca, ExtendedKeyUsageOID.CLIENT_AUTH),
    }


def _rendered_example(pki, http_port: int, https_port: int, node_port: int) -> str:
    """The example with this test's ports and certificate paths: the only lines an operator adjusts."""
    text = EXAMPLE.read_text()
    replacements = [
        (r"listen 80;", f"listen 127.0.0.1:{http_port};"),
        (r"listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl"),
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{node_port};"),
        (r"/etc/hotline/tls/node\.crt", pki["server"][0]),
        (r"/etc/hotline/tls/node\.key", pki["server"][1]),
        (r"/etc/hotline/tls/partners-ca\.crt", pki["partners_ca"]),
    ]
    for pattern, replacement in replacements:
        text, count = re.subn(pattern, replacement, text)
        assert count == 1, f"the example no longer has {pattern!r}"
    return text


@pytest.fixture(scope="module")
def proxied(tmp_path_factory, pki):
    folder = tmp_path_factory.mktemp("nginx")
    # The node is configured as deploy/hotline.env.example says a node behind this proxy is.
    lines = ENVIRONMENT_EXAMPLE.read_text().splitlines()
    settings = dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    node = make_node(folder / "node", env={name: settings[name] for name in PROXY_SETTINGS})
    http_port, https_port = free_port(), free_port()
    (folder / "hotline.conf").write_text(_rendered_example(pki, http_port, https_port, node.port))
    (folder / "nginx.conf").write_text(
        f"pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {folder}/body;\n"
        f"  proxy_temp_path {folder}/proxy;\n  include {folder}/hotline.conf;\n}}\n"
    )
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(
        [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"https://127.0.0.1:{https_port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(base + "/healthz", verify=pki["node_ca"], timeout=5)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    token = hotline(node.data_dir, "token", "create", "bob", "--name", "nginx", env=node.env).stdout.strip()
    yield {"node": node, "http": f"http://127.0.0.1:{http_port}", "https": base, "token": token}
    process.terminate()
    process.wait(timeout=10)
    node.stop()


def test_plain_http_is_sent_to_https(proxied):
    answer = requests.get(proxied["http"] + "/readyz", allow_redirects=False, timeout=10)
    assert answer.status_code == 301
    assert answer.headers["Location"].startswith("https://")


def test_the_web_ui_is_reached_through_tls_and_knows_it_is_secure(proxied, pki):
    answer = requests.get(proxied["https"] + "/readyz", verify=pki["node_ca"], timeout=10)
    assert answer.status_code == 200
    # Django saw the proxy's X-Forwarded-Proto: the request counts as HTTPS, so HSTS is sent.
    assert "max-age=" in answer.headers["Strict-Transport-Security"]


def test_a_partner_node_with_a_partner_certificate_reaches_taxii(proxied, pki):
    answer = requests.get(
        proxied["https"] + "/taxii2/", cert=pki["partner"], verify=pki["node_ca"], timeout=10,
        headers={"Accept": TAXII, "Authorization": f"Token {proxied['token']}"},
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert answer.json()["api_roots"]


# No certificate: the location's check answers 403. A certificate of an unknown CA: nginx's own 400.
@pytest.mark.parametrize(("certificate", "status"), [("none", 403), ("stranger", 400)])
def test_taxii_without_a_partner_certificate_is_refused_by_the_proxy(proxied, pki, certificate, status):
    answer = requests.get(
        proxied["https"] + "/taxii2/", cert=pki.get(certificate), verify=pki["node_ca"], timeout=10,
        headers={"Accept": TAXII, "Authorization": f"Token {proxied['token']}"},
    )  # fmt: skip
    assert answer.status_code == status
    assert "api_roots" not in answer.text


def test_idle_upstream_connections_close_before_the_node_closes_them():
    """A proxy reusing a kept-alive connection at the moment gunicorn closes it gets a reset (the load test
    showed it): the proxy must give up first."""
    upstream = re.search(r"upstream hotline \{(.*?)\}", EXAMPLE.read_text(), re.S).group(1)
    proxy_seconds = int(re.search(r"keepalive_timeout\s+(\d+)s;", upstream).group(1))
    command = web_command("127.0.0.1:0", 1, 1)
    node_seconds = int(command[command.index("--keep-alive") + 1])
    assert proxy_seconds < node_seconds
