"""deploy/nginx/newsroom.conf run by a real nginx in a temp folder: for tests/test_deploy_nginx.py and the benchmark.

The shipped site file itself is run: only its Debian paths, its ports, its certificate and its upstream are swapped
for temporary ones (``render_site_file``: each must be found, so the file and its users cannot drift apart), inside
a minimal main configuration like Debian's.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE_FILE = ROOT / "deploy" / "nginx" / "newsroom.conf"
HOST = "127.0.0.1"
# The folders of the temp layout: the cache zone, logs, the ACME webroot, nginx's own temp files, and ``site/`` in
# place of /srv/newsroom/ (``site/media``, ``site/staticfiles``).
FOLDERS = ("site/media", "site/staticfiles", "logs", "cache", "acme", "nginx-temp")


def nginx_program() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def site_text() -> str:
    return SITE_FILE.read_text()


def render_site_file(workdir: Path, http_port: int, https_port: int, *, upstream: str | None = None) -> str:
    """The shipped site file with its Debian paths, ports and certificate swapped for ``workdir``'s (each must
    occur). The app is gunicorn on ``workdir/gunicorn.sock``, or at ``upstream`` (``host:port``) when given."""
    text = site_text()
    swaps = {
        "/var/cache/nginx/newsroom": str(workdir / "cache"),
        "unix:/run/newsroom/gunicorn.sock": upstream or f"unix:{workdir / 'gunicorn.sock'}",
        "/etc/letsencrypt/live/news.example/fullchain.pem": str(workdir / "cert.pem"),
        "/etc/letsencrypt/live/news.example/privkey.pem": str(workdir / "key.pem"),
        "/var/log/nginx/": f"{workdir / 'logs'}/",
        "/var/www/letsencrypt": str(workdir / "acme"),
        "/srv/newsroom/": f"{workdir / 'site'}/",
        "listen 80;": f"listen {HOST}:{http_port};",
        "listen 443 ssl http2;": f"listen {HOST}:{https_port} ssl http2;",
    }
    for placeholder, value in swaps.items():
        if placeholder not in text:
            raise AssertionError(f"{placeholder!r} is no longer in {SITE_FILE}: update local_nginx's swaps")
        text = text.replace(placeholder, value)
    # IPv6 may be missing where this runs; the IPv4 listeners above are the same servers.
    return "\n".join(line for line in text.splitlines() if "listen [::]" not in line) + "\n"


def main_configuration(workdir: Path, *, workers: str = "1", access_log: bool = True) -> str:
    """What Debian's /etc/nginx/nginx.conf gives a site file, with every path in the temp folder."""
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers must read the private temp folder
    temp = workdir / "nginx-temp"
    log = f"access_log {workdir / 'logs' / 'access.log'};" if access_log else "access_log off;"
    return f"""{user}worker_processes {workers};
pid {workdir / "nginx.pid"};
error_log {workdir / "logs" / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    {log}
    gzip on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {workdir / "newsroom.conf"};
}}
"""


def self_signed_certificate(workdir: Path) -> None:
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={HOST}",
         "-keyout", str(workdir / "key.pem"), "-out", str(workdir / "cert.pem")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip


def prepare(workdir: Path, http_port: int, https_port: int, *, upstream: str | None = None, **main_options) -> None:
    """The temp layout, a certificate, and both configuration files in ``workdir``."""
    for folder in FOLDERS:
        (workdir / folder).mkdir(parents=True, exist_ok=True)
    self_signed_certificate(workdir)
    (workdir / "newsroom.conf").write_text(render_site_file(workdir, http_port, https_port, upstream=upstream))
    (workdir / "nginx.conf").write_text(main_configuration(workdir, **main_options))


def start(workdir: Path) -> subprocess.Popen:
    """nginx in the foreground on ``workdir``'s configuration; its output in ``logs/nginx.out``."""
    return subprocess.Popen(
        [nginx_program(), "-p", str(workdir), "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"],
        stdout=(workdir / "logs" / "nginx.out").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
