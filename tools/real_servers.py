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
def _running(command: list[str], check: list[str], port: int, folder: Path):
    """The server started once its own configuration test (`check`) passes, stopped by its PID."""
    checked = subprocess.run(check, capture_output=True, text=True)
    if checked.returncode:
        raise RuntimeError(f"configuration test failed: {' '.join(check)}\n{checked.stderr}{checked.stdout}")
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


# An office's own home page at /, beside the site: our headers must leave it alone.
OFFICE_PAGE = "<!doctype html><title>本单位网站</title><h1>本单位网站</h1>\n"
OFFICE_HEADERS = {"Strict-Transport-Security": "max-age=31536000", "X-Frame-Options": "SAMEORIGIN"}


def _office_root(folder: Path) -> Path:
    root = folder / "wwwroot"
    root.mkdir()
    root.chmod(0o755)
    (root / "index.html").write_text(OFFICE_PAGE, encoding="utf-8")
    return root


BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def _nginx_server_block(folder: Path, port: int, deploy: Path, panel: bool) -> str:
    """As design/deploy.md says: the generated file included at server level, unedited. A panel's
    block (宝塔/aaPanel) has its own root, regex locations for static files with their own
    expires, and HSTS and X-Frame-Options added at server level."""
    if not panel:
        return f"""
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        include {deploy}/nginx.conf;
    }}"""
    return f"""
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        index index.html index.htm default.htm;
        root {_office_root(folder)};
        add_header Strict-Transport-Security "{OFFICE_HEADERS['Strict-Transport-Security']}" always;
        add_header X-Frame-Options {OFFICE_HEADERS['X-Frame-Options']} always;

        #REWRITE-START URL rewrite rule reference, any modification will invalidate the rewrite rules set by the panel
        include {deploy}/nginx.conf;
        #REWRITE-END

        location ~ ^/(\\.user.ini|\\.htaccess|\\.git|\\.env|\\.svn|\\.project|LICENSE|README.md) {{
            return 404;
        }}
        location ~ .*\\.(gif|jpg|jpeg|png|bmp|swf)$ {{
            expires 30d;
            error_log /dev/null;
            access_log off;
        }}
        location ~ .*\\.(js|css)?$ {{
            expires 12h;
            error_log /dev/null;
            access_log off;
        }}
    }}"""


@contextmanager
def nginx(deploy_dir: Path, panel: bool = False, brotli: bool = True):
    """Debian's nginx with the site's configs as design/deploy.md installs them: nginx-http.conf
    (and with brotli, the module and nginx-brotli.conf) inside http {}, nginx.conf inside the
    server block. panel: the server block and http settings a 宝塔/aaPanel panel writes, the
    panel's large_client_header_buffers raised to 64k as the doc says."""
    folder, port, deploy = _folder(), free_port(), deploy_dir.resolve()
    http_parts = [f"include {deploy}/nginx-http.conf;"] + ([f"include {deploy}/nginx-brotli.conf;"] if brotli else [])
    panel_http = """
    server_names_hash_bucket_size 512;
    client_header_buffer_size 32k;
    client_max_body_size 50m;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 60;
    gzip on;
    gzip_min_length 1k;
    gzip_buffers 4 16k;
    gzip_http_version 1.1;
    gzip_comp_level 2;
    gzip_types text/plain application/javascript application/x-javascript text/javascript text/css application/xml;
    gzip_vary on;
    gzip_proxied expired no-cache no-store private auth;
    gzip_disable "MSIE [1-6]\\.";
    server_tokens off;""" if panel else ""
    body = f"""    large_client_header_buffers 4 64k;{panel_http}
    {chr(10).join(http_parts)}
{_nginx_server_block(folder, port, deploy, panel)}"""
    with _nginx_running(folder, port, body, f"load_module {BROTLI_MODULE};" if brotli else "") as running:
        yield running


@contextmanager
def nginx_serving(root: Path):
    """Debian's nginx serving a folder at / as a server does by default, gzip on for text: how
    `make bench` serves a build with stock Material's settings."""
    folder, port = _folder(), free_port()
    body = f"""    gzip on;
    gzip_types text/css application/javascript application/json image/svg+xml text/plain;
    server {{
        listen 127.0.0.1:{port};
        root {root.resolve()};
    }}"""
    with _nginx_running(folder, port, body) as running:
        yield running


@contextmanager
def _nginx_running(folder: Path, port: int, http_body: str, modules: str = ""):
    """nginx in the foreground with its files in folder, its http block holding http_body after
    what every test server has: MIME types, an access log of bytes sent, temporary paths."""
    (folder / "nginx.conf").write_text(f"""
{modules}
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
{http_body}
}}
""")
    base = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
    user = ["-g", "daemon off; user root;"] if os.geteuid() == 0 else ["-g", "daemon off;"]
    with _running(base + user, base + ["-t", "-q"], port, folder) as running:
        yield running


APACHE_MODULE_NAMES = ["mpm_event", "authz_core", "alias", "dir", "mime", "headers", "deflate", "filter", "rewrite"]


def _apache_vhost(folder: Path, port: int, deploy: Path, office: bool) -> str:
    """The generated file included in the vhost, unedited. An office's vhost sets its own CSP
    (the onsuccess table), HSTS and X-Frame-Options (always), and a half-day cache for .js and
    .css, around the include."""
    if not office:
        return f"""
<VirtualHost 127.0.0.1:{port}>
    Include {deploy}/apache.conf
</VirtualHost>"""
    return f"""
<VirtualHost 127.0.0.1:{port}>
    ServerName localhost
    DocumentRoot {_office_root(folder)}
    <Directory {folder}/wwwroot>
        Require all granted
    </Directory>
    Header always set Strict-Transport-Security "{OFFICE_HEADERS['Strict-Transport-Security']}"
    Header set Content-Security-Policy "default-src 'self'"
    Include {deploy}/apache.conf
    Header always set X-Frame-Options {OFFICE_HEADERS['X-Frame-Options']}
    Header set X-Content-Type-Options nosniff
    <FilesMatch "\\.(js|css)$">
        Header set Cache-Control "max-age=43200"
    </FilesMatch>
</VirtualHost>"""


@contextmanager
def apache(deploy_dir: Path, office: bool = False):
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
{_apache_vhost(folder, port, deploy_dir.resolve(), office)}
""")
    config = ["-f", str(folder / "httpd.conf")]
    with _running([APACHE, *config, "-DFOREGROUND"], [APACHE, *config, "-t"], port, folder) as running:
        yield running


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False
