"""The `briefing` command: help with an example for every command, --version, `extract` output, where
the project is found, and `serve` (issue 14, items 5 and 8)."""
from __future__ import annotations

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator import __version__
from generator.cli import cli
from generator.paths import ProjectPaths
from generator.record import record_problems
from generator.store import parse_record

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content/inbox/cri-2025-02-08-huangpu.txt"
FEED = ROOT / "tests/fixtures/read/feed.rss"


def briefing(cwd: Path, *args: str, root: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run the installed-style `briefing` command in `cwd` (BRIEFING_ROOT only when `root` is given)."""
    env = {k: v for k, v in os.environ.items() if k != "BRIEFING_ROOT"} | {"PYTHONPATH": str(ROOT)}
    if root is not None:
        env["BRIEFING_ROOT"] = str(root)
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, **kwargs)


def test_every_command_has_help_and_example():
    runner = CliRunner()
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and len(command.help.strip()) > 20, f"{name} lacks help text"
        assert "Example" in result.output, f"{name} --help shows no example"


def test_version():
    result = briefing(ROOT, "--version")
    assert result.returncode == 0 and result.stdout == f"briefing {__version__}\n"


def record_files(output: str) -> list[tuple[dict, str]]:
    """The (fields, body) of each record file printed one after the other, as ingest would write them."""
    texts = re.split(r"(?m)^(?=---\nid: )", output)
    ids = [re.match(r"---\nid: (\S+)", text).group(1) for text in texts if text]
    records = [parse_record(Path(f"{rid}.md"), text) for rid, text in zip(ids, [t for t in texts if t])]
    return [(r.meta, r.body) for r in records]


def as_json(meta: dict, body: str) -> dict:
    """What --json prints for a record file: its fields but the fingerprint, and its body without the final newline."""
    return {k: v for k, v in meta.items() if k != "fingerprint"} | {"body": body.rstrip("\n")}


def test_extract_json_prints_the_record_the_record_file_holds(root):
    demo = root / "content/inbox/cri-2025-02-08-huangpu.txt"
    result = CliRunner().invoke(cli, ["extract", "--json", str(demo)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert isinstance(record, dict) and record_problems({k: v for k, v in record.items() if k != "body"}) == []
    assert record["published"] == "2025-02-08T16:38:47+08:00" and record["script"] == "zh-Hant"
    assert record["figures"] and record["zones"] and record["body"].startswith("2月7日上午")
    ((meta, body),) = record_files(CliRunner().invoke(cli, ["extract", str(demo)]).output)
    assert record == as_json(meta, body)


def test_extract_without_json_prints_the_record_file(root):
    result = CliRunner().invoke(cli, ["extract", str(DEMO)])
    assert result.exit_code == 0, result.output
    _, front, body = result.output.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["published"] == "2025-02-08T16:38:47+08:00" and meta["fingerprint"] and "body" not in meta
    assert body.strip().startswith("2月7日上午")


def test_extract_of_a_feed_prints_what_its_help_says():
    assert "a JSON list of such objects" in " ".join(CliRunner().invoke(cli, ["extract", "--help"]).output.split())
    result = CliRunner().invoke(cli, ["extract", "--json", str(FEED)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert isinstance(records, list) and [r["title"] for r in records] == ["湾区储能项目集中开工",
                                                                           "湾区发布低空经济行动方案"]
    files = record_files(CliRunner().invoke(cli, ["extract", str(FEED)]).output)
    assert records == [as_json(meta, body) for meta, body in files], "in the file's order, the records ingest writes"


@pytest.mark.parametrize("command", [["build"], ["ingest"], ["check"], ["serve"]])
def test_outside_a_project_one_line_exit_2_nothing_created(tmp_path, command):
    result = briefing(tmp_path, *command)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr == (f"briefing: not inside a Briefing project: no folder from {tmp_path.resolve()} upwards "
                             "holds mkdocs.yml and content/ (run briefing in a project, or set BRIEFING_ROOT)\n")
    assert list(tmp_path.iterdir()) == []


def test_the_project_is_found_from_a_folder_inside_it(scratch_project):
    result = briefing(scratch_project / "content" / "articles", "check")
    assert result.returncode == 0, result.stderr
    (scratch_project / "content/articles/2025-01-01-broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    result = briefing(scratch_project / "content" / "taxonomy", "check")
    assert result.returncode == 1 and result.stdout.startswith("content/articles/2025-01-01-broken.md:"), result


def test_extract_outside_a_project_uses_the_taxonomy_it_is_installed_with(tmp_path):
    result = briefing(tmp_path, "extract", "--json", str(DEMO))
    assert result.returncode == 0, result.stderr
    assert "guangzhou-development-district" in [z["id"] for z in json.loads(result.stdout)["zones"]]
    assert result.stderr.startswith("note: not inside a Briefing project; extracting with the taxonomy of")
    assert list(tmp_path.iterdir()) == []


def free_port() -> int:
    """A TCP port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> int:
    """The HTTP status of `url` (0 when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except OSError as err:
        return getattr(err, "code", 0)


ARTICLE = """测试新区发布人工智能产业计划
2025-04-01 09:00:00 来源：测试日报

  4月1日，测试新区发布人工智能产业发展计划，提出到2027年集聚人工智能企业300家。
"""


def test_serve_prints_its_address_and_ingests_a_file_dropped_into_the_inbox(scratch_project):
    paths = ProjectPaths(scratch_project)
    config = paths.mkdocs_yml.read_text(encoding="utf-8")
    paths.mkdocs_yml.write_text(config.replace("scripts: [zh-Hant, zh-Hans]", "scripts: [zh-Hant]"), encoding="utf-8")
    before = set(paths.articles.glob("*.md"))
    port = free_port()
    env = dict(os.environ, BRIEFING_ROOT=str(scratch_project), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=scratch_project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()
    try:
        said = wait_for_line(lines, f"Serving on http://127.0.0.1:{port}/", proc)
        assert any(line.startswith("previewing ") for line in said)
        assert fetch(f"http://127.0.0.1:{port}/index.html") == 200
        (paths.inbox / "dropped.txt").write_text(ARTICLE, encoding="utf-8")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not set(paths.articles.glob("*.md")) - before:
            time.sleep(0.5)
        (new,) = set(paths.articles.glob("*.md")) - before
        while time.monotonic() < deadline and fetch(f"http://127.0.0.1:{port}/articles/{new.stem}.html") != 200:
            time.sleep(1)
        assert fetch(f"http://127.0.0.1:{port}/articles/{new.stem}.html") == 200
        text = new.read_text(encoding="utf-8")                      # an edit is shown (generator/preview.py)
        new.write_text(re.sub(r"^title: .*$", "title: 改過的標題", text, count=1, flags=re.M), encoding="utf-8")
        url = f"http://127.0.0.1:{port}/articles/{new.stem}.html"
        while time.monotonic() < deadline and "改過的標題" not in page_text(url):
            time.sleep(0.5)
        assert "改過的標題" in page_text(url)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def page_text(url: str) -> str:
    """The page at `url` as text ('' when it cannot be fetched)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for_line(lines: queue.Queue, wanted: str, proc: subprocess.Popen, timeout: float = 300) -> list[str]:
    """The lines the process printed up to one containing `wanted` (fails when it ends or takes too long)."""
    said, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            assert proc.poll() is None, f"serve ended: {said[-20:]}"
            continue
        said.append(line)
        if wanted in line:
            return said
    raise AssertionError(f"{wanted!r} not printed: {said[-20:]}")


@pytest.mark.parametrize("address", ["localhost", "127.0.0.1:http", "127.0.0.1:70000", ""])
def test_serve_refuses_an_address_without_a_port_in_one_line(scratch_project, address):
    result = CliRunner().invoke(cli, ["serve", "--dev-addr", address])
    assert result.exit_code == 2 and "is not HOST:PORT" in result.output and "Traceback" not in result.output
    assert not (scratch_project / "site").exists()
