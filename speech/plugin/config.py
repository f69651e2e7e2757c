"""The plugin's settings, each read here and nowhere else (mkdocs.yml may take them from the
environment with !ENV; left unset, the default below holds)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..edition import collation, glossary
from ..hosting import deploy


class SpeechConfig(base.Config):
    # Where the site is served while its address (site_url) is unknown; site_url's path wins.
    site_path = c.Type(str, default="/")
    # The folder site/ is copied to, for deploy/nginx.conf and deploy/apache.conf.
    deploy_root = c.Type(str, default=deploy.DEFAULT_DEPLOY_ROOT)
    # The PDF, Word and text downloads: unset, `mkdocs serve` writes none, build and gh-deploy do.
    downloads = c.Optional(c.Type(bool))
    # Publication: our scripts and stylesheets named by their content (servers cache them for
    # good), no source maps, .br and .gz beside each text file (speech/hosting/assets.py). Unset,
    # as the downloads: `mkdocs serve` keeps the plain names.
    publish = c.Optional(c.Type(bool))
    # The editors' files outside docs/, relative to mkdocs.yml.
    glossary = c.Type(str, default=glossary.GLOSSARY)
    source = c.Type(str, default=collation.SOURCE)
