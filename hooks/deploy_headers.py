"""MkDocs glue for speech/deploy.py: the security headers (site/_headers) and, on `mkdocs build`,
the nginx and Apache configs beside site/ (deploy/). What they hold and why: speech/deploy.py.

- on_config: the prefix the site is mounted at (SITE_URL's path, or SITE_PATH), for the 404 page.
- on_page_content: a script in a page's content (its Markdown) stops the build.
- on_post_page / on_post_template: the inline scripts each page has as our templates and
  Material's rendered it, after every other step: the only ones the policy will trust.
- on_post_build: for publication (extra.publish) our assets named by their content
  (speech/assets.py); every built page checked against them and for what the policy would block;
  anything found stops the build, each problem a line of its own, before any file is written;
  else the files written. No sitemap without SITE_URL (it would list no address).
"""

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import speech
from speech import assets, deploy, downloads

log = logging.getLogger("mkdocs.hooks.deploy_headers")
_trusted = deploy.TrustedScripts()
_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def on_config(config):
    try:
        config.extra["site_prefix"] = deploy.site_prefix(config.site_url, config.extra.get("site_path"))
    except deploy.DeployError as err:
        raise PluginError(str(err)) from None
    return config


def on_pre_build(config):
    _trusted.clear()


def on_page_content(html, page, config, files):
    if deploy.scripts_in_content(html):
        raise PluginError(f"{page.file.src_uri}: a <script> in the page's content; the CSP trusts only "
                          "the scripts of our templates")
    return html


@event_priority(-200)  # after the minifier: the text the browser will hash
def on_post_page(output, page, config):
    _trusted.add(page.file.dest_uri, output, page.file.src_uri)
    return output


@event_priority(-200)
def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        _trusted.add(template_name, output_content)
    return output_content


@event_priority(-200)  # after every other post_build step: the pages read here are the final ones
def on_post_build(config):
    site_dir = Path(config.site_dir)
    if not config.site_url:   # MkDocs writes one anyway, listing no address
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site_dir / name).unlink(missing_ok=True)
    if config.extra.get("publish"):
        assets.content_name(site_dir, config.extra["site_prefix"])
    try:
        headers = deploy.security_headers(_trusted.hashes(site_dir))
    except deploy.DeployError as err:
        # Every page that would break, and every script nobody's template wrote, before any
        # header is written: a failed build writes no policy (nor server configs).
        errors = str(err).split("\n")
        for error in errors[:-1]:
            log.error(error)
        raise PluginError(errors[-1]) from None
    docs = downloads.documents(speech.load(Path(config.docs_dir)))
    deployment = deploy.Deployment(headers, config.extra["site_prefix"],
                                   config.extra.get("deploy_root") or deploy.DEFAULT_DEPLOY_ROOT,
                                   [(doc, fmt) for doc in docs for fmt in downloads.FORMATS])
    # `mkdocs serve` builds into a temporary folder: no server configs beside that.
    deploy.write(site_dir, deployment, server_configs=_command["name"] == "build")
