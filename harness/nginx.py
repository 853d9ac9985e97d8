"""deploy/'s recipe for real, on loopback: deploy/nginx.conf.template filled in as deploy/README.md
says (the static edition, published by deploy/publish.sh, at the root; Streamlit replicas under
/live/), a self-signed certificate, nginx in the foreground. Shared by tests/test_proxy.py,
tests/test_site_proxy.py and scripts/bench_site.py. Its config and logs are kept in
tests/artifacts/ for review."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

from harness.server import ARTIFACTS, free_port, stop_process
from pfcc.paths import ROOT

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
PUBLISH = ROOT / "deploy" / "publish.sh"
LIVE = "/live"  # where the template proxies the app: Streamlit's server.baseUrlPath
PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")
# Not an IP address and not "localhost": Streamlit lets those open a websocket whatever the Host
# header says, so only a name like this shows that the proxy passes Host correctly. Chromium
# resolves *.localhost to loopback by itself.
NAME = "pfcc-proxy.localhost"
LOG_LINE = re.compile(
    r'"(?P<method>\S+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) .* '
    r'route=(?P<route>\S+) upstream="(?P<upstream>[^"]*)"'
)


def find_nginx() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(p, os.X_OK)), None
    )


def render(template: str, values: dict[str, str]) -> str:
    """What `envsubst` with the list of names does: fill exactly these, leave nginx's $vars."""
    missing = set(PLACEHOLDER.findall(template)) - values.keys()
    assert not missing, f"the template has placeholders the caller does not fill: {missing}"
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def publish(site: Path, target: Path) -> Path:
    """deploy/publish.sh: the site copied, precompressed and linked; returns TARGET/current."""
    subprocess.run(
        ["sh", str(PUBLISH), str(site), str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target / "current"


def make_certificate(cert: Path, key: Path, name: str) -> None:
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            f"/CN={name}",
            "-addext",
            f"subjectAltName=DNS:{name},IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


class Proxy:
    """The filled-in template under nginx: `site` (a `make site` folder) published to its root,
    or an empty root; `upstreams` ("127.0.0.1:PORT", apps run with base_path="live") at /live/.
    `keep`: the prefix of the copies of its config and logs in tests/artifacts/ (None: none)."""

    def __init__(
        self,
        nginx: str,
        upstreams: list[str],
        site: Path | None = None,
        keep: str | None = "proxy",
    ):
        # Not pytest's tmp_path: nginx's workers drop root to `nobody`, and they must reach the
        # temporary files and the site here, so the directory is world-traversable.
        self.dir = Path(tempfile.mkdtemp(prefix="pfcc-proxy-"))
        self.dir.chmod(0o755)
        self.keep = keep
        if site is not None:
            self.root = publish(site, self.dir / "site")
        else:
            self.root = self.dir / "empty-site"
            self.root.mkdir(mode=0o755)
        self.cert, self.key = self.dir / "cert.pem", self.dir / "key.pem"
        make_certificate(self.cert, self.key, NAME)
        self.https_port, self.http_port = free_port(), free_port()
        self.host = f"{NAME}:{self.https_port}"
        self.origin = f"https://{self.host}"
        conf = render(
            TEMPLATE.read_text(encoding="utf-8"),
            {
                "SERVER_NAME": NAME,
                "PUBLIC_ORIGIN": self.origin,
                "LISTEN_HTTPS_PORT": f"127.0.0.1:{self.https_port}",
                "LISTEN_HTTP_PORT": f"127.0.0.1:{self.http_port}",
                "CERT": str(self.cert),
                "KEY": str(self.key),
                "SITE_ROOT": str(self.root),
                "UPSTREAMS": " ".join(
                    f"server {u} max_fails=3 fail_timeout=10s;" for u in upstreams
                ),
                "STATE_DIR": str(self.dir),
            },
        )
        self.conf = self.dir / "nginx.conf"
        self.conf.write_text(conf, encoding="utf-8")
        cmd = [nginx, "-p", str(self.dir), "-e", "stderr", "-c", str(self.conf)]
        check = subprocess.run(
            [*cmd, "-g", f"pid {self.dir}/nginx.pid;", "-t"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert check.returncode == 0, f"nginx -t rejected the filled template:\n{check.stderr}"
        assert "[warn]" not in check.stderr, f"nginx -t warns about the template:\n{check.stderr}"
        self.access_log = self.dir / "access.log"
        self.error_log = self.dir / "error.log"
        self._out, self._err = open(self.access_log, "wb"), open(self.error_log, "wb")
        self.proc = subprocess.Popen(
            [*cmd, "-g", f"daemon off; pid {self.dir}/nginx.pid;"],
            stdout=self._out,
            stderr=self._err,
        )
        self.tls = ssl.create_default_context(cafile=str(self.cert))
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                self.get("/nginx-ready")  # any answer (a 404): nginx is up
                return
            except OSError:
                time.sleep(0.2)
        errors = self.error_log.read_text()
        self.stop()
        raise RuntimeError(f"nginx did not start:\n{errors}")

    def get(self, path: str, headers: dict | None = None, method: str = "GET"):
        """One request through the proxy over verified TLS: (status, headers, body)."""
        conn = http.client.HTTPSConnection(
            "127.0.0.1", self.https_port, context=self.tls, timeout=10
        )
        try:
            conn.request(method, path, headers={"Host": self.host, **(headers or {})})
            r = conn.getresponse()
            return r.status, r.headers, r.read()
        finally:
            conn.close()

    def log(self) -> list[dict]:
        return [
            m.groupdict()
            for m in map(LOG_LINE.search, self.access_log.read_text().splitlines())
            if m
        ]

    def stop(self) -> None:
        stop_process(self.proc)
        self._out.close()
        self._err.close()
        if self.keep:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            for name in ("nginx.conf", "access.log", "error.log"):  # kept for review
                shutil.copy(self.dir / name, ARTIFACTS / f"{self.keep}-{name}")
        shutil.rmtree(self.dir, ignore_errors=True)


def proxy_or_skip(upstreams: list[str], site: Path | None = None, keep: str | None = "proxy"):
    """A `Proxy` for a test, which is skipped, saying why, where nginx or openssl is missing."""
    import pytest

    nginx = find_nginx()
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install -y nginx); the proxy test needs it")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed; the proxy test makes its certificate with it")
    return Proxy(nginx, upstreams, site=site, keep=keep)
