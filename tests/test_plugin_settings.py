"""The briefing plugin's options in mkdocs.yml: one typed schema, read the same by MkDocs and by the stages."""
from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from generator.pages.settings import PLUGIN, Settings
from generator.plugin import BriefingPlugin
from golden.sample_project import make_project


def _config(tmp_path: Path, plugins: str) -> Path:
    """An mkdocs.yml whose `plugins:` is the given YAML."""
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: 測試\nsite_url: https://example.org/b/\nplugins: {plugins}\n", encoding="utf-8")
    return path


def test_the_options_come_from_the_plugins_section(tmp_path):
    settings = Settings.load(_config(tmp_path, "[search, {briefing: {scripts: [zh-Hans], per_page: 7}}]"))
    assert (settings.scripts, settings.default_script, settings.per_page) == (("zh-Hans",), "zh-Hans", 7)
    assert (settings.site_name, settings.quotes_per_metric) == ("測試", 5)


def test_plugins_as_a_mapping_and_mkdocs_env_tags_are_read(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_TEST_PER_PAGE", "9")
    settings = Settings.load(_config(tmp_path, "{briefing: {per_page: !ENV [BRIEFING_TEST_PER_PAGE, 3]}}"))
    assert settings.per_page == 9


def test_without_the_plugin_or_the_file_the_defaults_hold(tmp_path):
    assert Settings.load(_config(tmp_path, "[search]")) == Settings(site_name="測試")
    assert Settings.load(tmp_path / "absent.yml") == Settings()


@pytest.mark.parametrize("options, named", [("{per_page: 0}", "per_page"), ("{scripts: [zh-XX]}", "scripts"),
                                            ("{build_processes: many}", "build_processes")])
def test_a_wrong_option_is_one_message_naming_it(tmp_path, options, named):
    with pytest.raises(ConfigurationError, match=rf"mkdocs.yml: plugin 'briefing' option '{named}'"):
        Settings.load(_config(tmp_path, f"[{{briefing: {options}}}]"))


def test_mkdocs_loads_the_same_options_into_the_plugin(tmp_path):
    project = make_project(tmp_path / "p")
    config = load_config(str(project / "mkdocs.yml"))
    plugin = config.plugins[PLUGIN]
    assert isinstance(plugin, BriefingPlugin)
    assert Settings.from_options(plugin.config, config.site_name) == Settings.load(
        project / "mkdocs.yml")
