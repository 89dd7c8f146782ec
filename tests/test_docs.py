"""README.md documents every CLI command and input format, and its quick-start commands are real Makefile targets."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import cli
from generator.read import READERS

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAKEFILE = ROOT / "Makefile"


def readme_sections() -> dict[str, str]:
    """README.md split at its `## ` headings: heading text → section text."""
    sections, heading = {}, ""
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].strip()
        sections[heading] = sections.get(heading, "") + line + "\n"
    return sections


def section(word: str) -> str:
    """The README section whose heading contains `word` (case-insensitive); fails when there is none."""
    found = [text for heading, text in readme_sections().items() if word.lower() in heading.lower()]
    assert found, f"README.md has no section about {word!r}"
    return found[0]


def make_targets() -> set[str]:
    """The targets the Makefile defines (`name:` at the start of a line)."""
    text = MAKEFILE.read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z0-9_-]*)\s*:(?!=)", text, re.M))


def quick_start_targets() -> list[str]:
    """The `make TARGET` commands in the quick start's code lines (indented or fenced)."""
    text = section("quick start")
    return re.findall(r"^\s*(?:\$ )?make ([a-z][a-z0-9_-]*)", text, re.M)


def documented_commands() -> set[str]:
    """The `briefing NAME` commands the README's command section names."""
    return set(re.findall(r"`briefing ([a-z][a-z-]*)", section("command")))


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_cli_command_is_documented(name):
    assert name in documented_commands(), f"`briefing {name}` is missing from README.md's command section"


def test_readme_documents_no_command_that_does_not_exist():
    stale = documented_commands() - set(cli.commands)
    assert not stale, f"README.md documents commands the CLI lacks: {sorted(stale)}"


def test_quick_start_is_make_site_then_make_test():
    targets = quick_start_targets()
    assert targets[:2] == ["site", "test"], targets


def test_quick_start_commands_are_makefile_targets():
    missing = set(quick_start_targets()) - make_targets()
    assert not missing, f"README's quick start runs make targets the Makefile lacks: {sorted(missing)}"


def test_every_make_target_named_in_the_readme_exists():
    named = set(re.findall(r"`make ([a-z][a-z0-9_-]*)`", README.read_text(encoding="utf-8")))
    missing = named - make_targets()
    assert not missing, f"README.md names make targets the Makefile lacks: {sorted(missing)}"


def documented_suffixes() -> set[str]:
    """The file suffixes (`.txt`) the README's section on adding an article names."""
    return set(re.findall(r"`(\.[a-z0-9]+)`", section("adding an article")))


def test_every_input_format_is_documented():
    missing = set(READERS) - documented_suffixes()
    assert not missing, f"README.md's 'Adding an article' omits the formats {sorted(missing)}"


def test_readme_documents_no_format_that_is_not_read():
    stale = documented_suffixes() - set(READERS)
    assert not stale, f"README.md lists formats no reader handles: {sorted(stale)}"
