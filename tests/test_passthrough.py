"""Generated HTML passed through Markdown unparsed, the search-off spans, and the per-script build processes."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import markdown
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.pages.passthrough import PassthroughExtension, anchor_ids, without_markers
from generator.paths import ProjectPaths
from generator.site import TIMES_FILE, build_site
from golden.sample_project import make_project


def _convert(text: str) -> str:
    """Markdown to HTML with the extensions mkdocs.yml uses plus the passthrough."""
    return markdown.Markdown(extensions=["tables", "attr_list", "toc", PassthroughExtension()]).convert(text)


def test_a_marked_block_comes_out_exactly_as_written():
    block = '<div class="bf-body">\n<p>**不是粗體** 1 &lt; 2</p>\n\n<p>空行之後</p>\n</div>'
    html = _convert(f"# 標題\n\n<!--bf:html-->\n{block}\n<!--/bf:html-->\n\n## 下一節 {{#next}}\n\n正文 *強調*\n")
    assert block in html
    assert "<strong>" not in html and "<em>強調</em>" in html and 'id="next"' in html
    assert "bf:html" not in html


def test_unmarked_raw_html_and_markdown_are_processed_as_before():
    text = "<table>\n<tr><td>一</td></tr>\n</table>\n\n**粗體**\n"
    assert _convert(text) == markdown.Markdown(extensions=["tables", "attr_list", "toc"]).convert(text)


def test_anchor_ids_are_found_in_passed_through_html():
    assert anchor_ids('<span id="fig-1"></span><a href="#x" data-id="no">x</a><h2 id="text">t</h2>') == {"fig-1",
                                                                                                         "text"}


def test_search_markers_are_removed_from_the_pages():
    html = "<h1>標題</h1>A<!--bf:search-off-->B<!--bf:search-on-->C<!--bf:search-off-->D"
    assert without_markers(html) == "<h1>標題</h1>ABCD"


def _files(site: Path) -> dict[str, str]:
    """Every file of a site with its SHA-256."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _set_processes(project: Path, count: int) -> None:
    """Set the briefing plugin's build_processes in a project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, found = re.subn(r"(\n  - briefing:[^\n]*\n)", rf"\g<1>      build_processes: {count}\n", text)
    assert found == 1, "mkdocs.yml lists no briefing plugin with options"
    config.write_text(text, encoding="utf-8")


def test_parallel_one_at_a_time_and_plain_mkdocs_builds_are_identical(tmp_path):
    parallel = ProjectPaths(make_project(tmp_path / "parallel"))
    builds = build_site(parallel)
    assert sorted(b.script for b in builds) == ["zh-Hans", "zh-Hant"]
    times = json.loads((parallel.build / "cache" / TIMES_FILE).read_text(encoding="utf-8"))
    assert all(s["render_seconds"] > 0 and s["mkdocs_seconds"] > 0 for s in times["scripts"])
    serial = ProjectPaths(make_project(tmp_path / "serial"))
    _set_processes(serial.root, 1)
    build_site(serial)
    plain = ProjectPaths(make_project(tmp_path / "plain"))
    build(load_config(str(plain.mkdocs_yml), strict=True))
    assert _files(serial.site) == _files(parallel.site) == _files(plain.site)
    assert not [p.name for p in tmp_path.glob("*/*") if p.name.startswith("site-")]


def test_no_page_goes_through_materials_index_and_pages_keep_everything(tmp_path):
    paths = ProjectPaths(make_project(tmp_path / "p"))
    build_site(paths)
    index = json.loads((paths.site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["briefing"]["entries"] > 0
    page = (paths.site / "articles/2025-02-08-huangpu-targets.html").read_text(encoding="utf-8")
    assert 'id="fig-1"' in page and "bf-body" in page and "bf:search" not in page
    zone = (paths.site / "zones/huangpu.html").read_text(encoding="utf-8")
    assert "bf:search" not in zone
    shutil.rmtree(paths.root)


def test_squeezed_html_keeps_pre_script_and_every_word():
    from generator.pages.minify import squeeze_html
    html = ("<div>\n    <p>一\n      二</p>\n\n\n  <pre>  code\n\n    kept</pre>\n"
            "  <script>var a = `x\n   y`;</script>\n <textarea>\n  t</textarea></div>")
    out = squeeze_html(html)
    assert out == ("<div>\n<p>一\n二</p>\n<pre>  code\n\n    kept</pre>\n"
                   "<script>var a = `x\n   y`;</script>\n<textarea>\n  t</textarea></div>")
