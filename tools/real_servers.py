"""Debian's nginx and Apache httpd, started on a free loopback port with the configs `make build`
writes (deploy/nginx.conf, deploy/apache.conf) included exactly as the README says, and stopped
by their process id. For the tests (tests/test_servers.py) and `make bench`.

    with nginx(deploy_dir) as server:      # server.url: http://127.0.0.1:PORT/
        …

Each server gets a small main config of its own in a temporary folder (listen address, pid and
log files, MIME types): the part a deployer's machine already has. The site's part is only the
generated file, included at server level. The build's settings (SITE_PATH, DEPLOY_ROOT) are all
that point it at the test's folder.
"""

from __future__ import annotations

import os
import pwd
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

NGINX = "/usr/sbin/nginx"
APACHE = "/usr/sbin/apache2"
APACHE_MODULES = Path("/usr/lib/apache2/modules")


@dataclass
class Running:
    url: str                 # http://127.0.0.1:PORT/
    log: Path                # the access log: one line a response, "<uri> <bytes sent> <of which body>"
    errors: Path             # the error log


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, errors: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped at once:\n{errors.read_text() if errors.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the server did not listen on {port}")


@contextmanager
def _running(command: list[str], port: int, folder: Path):
    errors = folder / "error.log"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(folder / "stderr.log", "w"))
    try:
        _wait_for(port, process, folder / "stderr.log")
        yield Running(f"http://127.0.0.1:{port}/", folder / "access.log", errors)
    finally:
        process.terminate()           # by its own id: the master, which stops its workers
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="server-"))
    folder.chmod(0o755)
    return folder


@contextmanager
def nginx(deploy_dir: Path):
    folder, port = _folder(), free_port()
    (folder / "nginx.conf").write_text(f"""
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format sent '$request_uri $bytes_sent $body_bytes_sent';
    access_log {folder}/access.log sent;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {deploy_dir.resolve()}/nginx.conf;
    }}
}}
""")
    user = ["-g", "daemon off; user root;"] if os.geteuid() == 0 else ["-g", "daemon off;"]
    with _running([NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log"), *user],
                  port, folder) as running:
        yield running


APACHE_MODULE_NAMES = ["mpm_event", "authz_core", "alias", "dir", "mime", "headers", "deflate", "filter"]


@contextmanager
def apache(deploy_dir: Path):
    folder, port = _folder(), free_port()
    modules = "\n".join(f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so" for name in APACHE_MODULE_NAMES)
    # As root, Apache serves as an unprivileged user: the site's folder must be readable to it.
    user = ""
    if os.geteuid() == 0:
        name = "www-data" if _user_exists("www-data") else "nobody"
        user = f"User {name}\nGroup {name if name == 'www-data' else 'nogroup'}"
    (folder / "httpd.conf").write_text(f"""
ServerRoot {folder}
ServerName localhost
Listen 127.0.0.1:{port}
PidFile {folder}/httpd.pid
DefaultRuntimeDir {folder}
ErrorLog {folder}/error.log
{user}
{modules}
TypesConfig /etc/mime.types
LogFormat "%U%q %O %B" sent
CustomLog {folder}/access.log sent
<VirtualHost 127.0.0.1:{port}>
    Include {deploy_dir.resolve()}/apache.conf
</VirtualHost>
""")
    with _running([APACHE, "-f", str(folder / "httpd.conf"), "-DFOREGROUND"], port, folder) as running:
        yield running


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
