"""The plugin's side of speech/hosting/deploy.py: the security headers (site/_headers) and, on
`mkdocs build`, the nginx and Apache configs beside site/ (deploy/). What they hold and why:
speech/hosting/deploy.py.

- check_content: a script in a page's content (its Markdown) stops the build.
- trust: the inline scripts each page has as our templates and Material's rendered it, after
  every other step: the only ones the policy will trust.
- write: every built page checked against them and for what the policy would block; anything
  found stops the build, each problem a line of its own, before any file is written; else the
  files written. No sitemap without site_url (it would list no address).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from speech.hosting import deploy
from speech.takeaway import downloads

log = logging.getLogger("mkdocs.plugins.speech")


class Hosting:
    def __init__(self, prefix: str, deploy_root: str, server_configs: bool) -> None:
        self.prefix = prefix                   # where the site is mounted: /, /jianghua/
        self.deploy_root = deploy_root
        self.server_configs = server_configs   # `mkdocs serve` builds into a temporary folder
        self.trusted = deploy.TrustedScripts()

    def check_content(self, html: str, page: str) -> None:
        if deploy.scripts_in_content(html):
            raise PluginError(f"{page}: a <script> in the page's content; the CSP trusts only "
                              "the scripts of our templates")

    def trust(self, name: str, output: str, source: str | None = None) -> None:
        self.trusted.add(name, output, source)

    def write(self, site_dir: Path, published: bool, documents: list[downloads.Document]) -> None:
        if not published:   # MkDocs writes one anyway, listing no address
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (site_dir / name).unlink(missing_ok=True)
        try:
            headers = deploy.security_headers(self.trusted.hashes(site_dir))
        except deploy.DeployError as err:
            # Every page that would break, and every script nobody's template wrote, before any
            # header is written: a failed build writes no policy (nor server configs).
            errors = str(err).split("\n")
            for error in errors[:-1]:
                log.error(error)
            raise PluginError(errors[-1]) from None
        deployment = deploy.Deployment(headers, self.prefix, self.deploy_root,
                                       [(doc, fmt) for doc in documents for fmt in downloads.FORMATS])
        deploy.write(site_dir, deployment, server_configs=self.server_configs)
