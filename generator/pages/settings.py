"""The site's settings: the options of the briefing plugin in mkdocs.yml (`plugins: - briefing: …`), typed once.

`BriefingConfig` is the plugin's typed configuration (MkDocs' config_options): MkDocs validates
it when it loads the plugin (generator/plugin.py), and `Settings.load` validates the same section
with it for the stages that run without MkDocs (render, the build driver).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from .localise import SCRIPTS

PLUGIN = "briefing"   # the plugin's name in mkdocs.yml (its entry point in pyproject.toml)


class AtLeast(c.Type):
    """A number no smaller than `minimum`."""

    def __init__(self, kind, minimum, default):
        """An option of type `kind`, at least `minimum`, `default` when absent."""
        super().__init__(kind, default=default)
        self.minimum = minimum

    def run_validation(self, value):
        """The value, when it has the type and is large enough."""
        value = super().run_validation(value)
        if value < self.minimum:
            raise base.ValidationError(f"Expected at least {self.minimum}, got {value}")
        return value


class BriefingConfig(base.Config):
    """The briefing plugin's options: scripts (the first is the default), list sizes, review threshold, processes
    and their memory."""

    scripts = c.ListOfItems(c.Choice(SCRIPTS), default=list(SCRIPTS))
    per_page = AtLeast(int, 1, 50)               # rows of a listing page
    review_confidence_below = c.Type((int, float), default=0.75)
    figures_per_cell = AtLeast(int, 1, 3)        # values shown in one year-and-kind cell of a zone or industry page
    quotes_per_metric = AtLeast(int, 1, 5)       # newest sentences quoted under each metric of a zone or industry page
    build_processes = AtLeast(int, 0, 0)         # scripts `briefing build` builds at once (0: one per core)
    build_memory_mb = AtLeast(int, 0, 2048)      # what the build's processes may hold together (0: no bound)


@dataclass(frozen=True)
class Settings:
    """What the pages are built with: the plugin's options and the site's name."""

    scripts: tuple[str, ...] = SCRIPTS
    site_name: str = "產業政策簡報 Briefing"
    per_page: int = 50
    review_confidence_below: float = 0.75
    figures_per_cell: int = 3
    quotes_per_metric: int = 5
    build_processes: int = 0
    build_memory_mb: int = 2048

    @property
    def default_script(self) -> str:
        """The script built at the site's root."""
        return self.scripts[0]

    @classmethod
    def from_options(cls, options: BriefingConfig, site_name=None) -> Settings:
        """Settings from the plugin's validated options and the site's name."""
        return cls(scripts=tuple(options.scripts) or SCRIPTS, site_name=str(site_name or cls.site_name),
                   per_page=options.per_page, review_confidence_below=float(options.review_confidence_below),
                   figures_per_cell=options.figures_per_cell,
                   quotes_per_metric=options.quotes_per_metric, build_processes=options.build_processes,
                   build_memory_mb=options.build_memory_mb)

    @classmethod
    def load(cls, mkdocs_yml: Path) -> Settings:
        """Settings from an mkdocs.yml file, read with MkDocs' YAML loader (defaults when it is absent)."""
        if not mkdocs_yml.is_file():
            return cls()
        with mkdocs_yml.open(encoding="utf-8") as source:
            data = yaml_load(source) or {}
        return cls.from_options(plugin_options(data.get("plugins"), mkdocs_yml), data.get("site_name"))


def plugin_options(plugins, mkdocs_yml: Path) -> BriefingConfig:
    """The briefing plugin's section of mkdocs.yml's `plugins` (a list or a mapping), validated."""
    entries = plugins.items() if isinstance(plugins, dict) else (
        (item, {}) if isinstance(item, str) else next(iter(item.items()), (None, {}))
        for item in plugins or () if isinstance(item, (str, dict)))
    section = next((options for name, options in entries if name == PLUGIN), None) or {}
    config = BriefingConfig(config_file_path=str(mkdocs_yml))
    config.load_dict(section if isinstance(section, dict) else {})
    errors, _ = config.validate()
    if errors:
        raise ConfigurationError(f"{mkdocs_yml.name}: " + "; ".join(
            f"plugin '{PLUGIN}' option '{key}': {error}" for key, error in errors))
    return config
