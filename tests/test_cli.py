"""Every CLI command has help text with an example, and `extract --json` prints a record."""
from __future__ import annotations

import json

from click.testing import CliRunner

from generator.cli import cli


def test_every_command_has_help_and_example():
    runner = CliRunner()
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and len(command.help.strip()) > 20, f"{name} lacks help text"
        assert "Example" in result.output, f"{name} --help shows no example"


def test_extract_json_prints_the_record(root):
    result = CliRunner().invoke(cli, ["extract", "--json", str(root / "content/inbox/cri-2025-02-08-huangpu.txt")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    for field in ("id", "title", "published", "script", "figures", "zones", "industries", "body", "content_hash"):
        assert field in record
    assert record["published"] == "2025-02-08T16:38:47+08:00"
    assert record["script"] == "zh-Hant"
