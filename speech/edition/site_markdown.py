"""The Markdown the site is written in: the extensions mkdocs.yml lists, with their settings.

mkdocs.yml is the one list. The plugin hands MkDocs' own reading of it to the edition; code that
runs without a MkDocs build (the tests, the tools) reads the same file here, as MkDocs would.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import markdown
import yaml
from markdown.extensions import Extension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import reduce_list

# The project's own mkdocs.yml: the package is installed (editable) from its checkout.
PROJECT_CONFIG = Path(__file__).resolve().parents[2] / "mkdocs.yml"


class _TagsAsText(yaml.SafeLoader):
    """mkdocs.yml with its tags (!ENV, !relative) read as the plain values they wrap."""


_TagsAsText.add_multi_constructor("!", lambda loader, suffix, node: (
    loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else loader.construct_scalar(node)))


@dataclass(frozen=True)
class SiteMarkdown:
    extensions: tuple[str, ...]
    configs: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_mkdocs(cls, extensions: list[str], configs: Mapping[str, Mapping[str, Any]]) -> SiteMarkdown:
        """As MkDocs validated them: names, and each one's settings by name."""
        return cls(tuple(extensions), MappingProxyType({name: dict(configs.get(name) or {}) for name in extensions}))

    @classmethod
    def read(cls, config_file: Path = PROJECT_CONFIG) -> SiteMarkdown:
        """As a mkdocs.yml lists them: a name, or a name with its settings."""
        listed = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TagsAsText)["markdown_extensions"]
        names = [entry if isinstance(entry, str) else next(iter(entry)) for entry in listed]
        # MkDocs always adds its own few first, as its config option says.
        names = reduce_list(MkDocsConfig.markdown_extensions.builtins + names)
        configs = {next(iter(entry)): next(iter(entry.values())) for entry in listed if isinstance(entry, dict)}
        return cls.from_mkdocs(names, configs)

    def without(self, *names: str) -> SiteMarkdown:
        kept = tuple(name for name in self.extensions if name not in names)
        return SiteMarkdown(kept, MappingProxyType({name: self.configs[name] for name in kept}))

    def markdown(self, *more: Extension) -> markdown.Markdown:
        """A converter with the site's extensions, and `more` after them."""
        return markdown.Markdown(extensions=[*self.extensions, *more],
                                 extension_configs={name: dict(config) for name, config in self.configs.items()})
