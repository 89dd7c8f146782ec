"""The site's settings, read from `extra.briefing` in mkdocs.yml (defaults when absent)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .localise import SCRIPTS


class _TolerantLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' `!ENV` and `!!python/name:` tags as plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    """What the pages are built with: scripts (the first is the default), list sizes, review threshold."""

    scripts: tuple[str, ...] = SCRIPTS
    site_name: str = "產業政策簡報 Briefing"
    per_page: int = 50
    review_confidence_below: float = 0.75
    site_url: str = ""
    figures_per_cell: int = 3       # values shown in one year-and-kind cell of a zone or industry page
    quotes_per_metric: int = 5      # newest sentences quoted under each metric of a zone or industry page
    build_processes: int = 0        # scripts `briefing build` builds at once, one process each (0: one per core)

    @property
    def default_script(self) -> str:
        """The script built at the site's root."""
        return self.scripts[0]

    @classmethod
    def from_mapping(cls, config: dict) -> Settings:
        """Settings from a loaded mkdocs.yml mapping (or a MkDocs config)."""
        extra = (config.get("extra") or {}).get("briefing") or {}
        scripts = tuple(s for s in extra.get("scripts") or SCRIPTS if s in SCRIPTS) or SCRIPTS
        return cls(scripts=scripts, site_name=str(config.get("site_name") or cls.site_name),
                   per_page=max(1, int(extra.get("per_page", cls.per_page))),
                   review_confidence_below=float(extra.get("review_confidence_below", cls.review_confidence_below)),
                   site_url=str(config.get("site_url") or ""),
                   figures_per_cell=max(1, int(extra.get("figures_per_cell", cls.figures_per_cell))),
                   quotes_per_metric=max(1, int(extra.get("quotes_per_metric", cls.quotes_per_metric))),
                   build_processes=max(0, int(extra.get("build_processes", cls.build_processes))))

    @classmethod
    def load(cls, mkdocs_yml: Path) -> Settings:
        """Settings from an mkdocs.yml file (defaults when it is absent)."""
        if not mkdocs_yml.is_file():
            return cls()
        data = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # a safe loader
        return cls.from_mapping(data if isinstance(data, dict) else {})
