"""The taxonomy files: they load, they cover the field, bad entries are reported, new zones get pages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.paths import ProjectPaths
from generator.scripts import to_simplified
from generator.taxonomy import ZONE_KINDS, Term, load_taxonomy, load_with_problems, taxonomy_problems


@pytest.fixture(scope="module")
def taxonomy(root):
    return load_taxonomy(root / "content" / "taxonomy")


def test_project_taxonomy_has_no_problems(root):
    assert taxonomy_problems(root / "content" / "taxonomy") == []


@pytest.mark.parametrize("zone_id", [
    "guangzhou-development-district", "huangpu", "knowledge-city", "science-city", "bio-island",
    "haisi-city", "gdd-west-area", "nansha", "zengcheng", "huadu", "qianhai", "hengqin", "hetao",
    "songshan-lake", "guangming-science-city", "beijing-etdz", "suzhou-industrial-park", "hefei-etdz",
    "zhangjiang", "lingang", "wuhan-east-lake", "chengdu-high-tech-zone", "xian-high-tech-zone",
    "tianjin-binhai"])
def test_zones_cover_guangzhou_the_bay_area_and_national_peers(taxonomy, zone_id):
    zone = taxonomy.zone(zone_id)
    assert zone is not None and zone.name and zone.name_hant and zone.name_en and zone.kind


def test_zone_parents_and_places(taxonomy):
    assert taxonomy.zone("knowledge-city").parent == "guangzhou-development-district"
    assert taxonomy.zone("knowledge-city").city == "广州"
    assert "亦庄" in taxonomy.zone("beijing-etdz").aliases


@pytest.mark.parametrize("industry_id", [
    "integrated-circuits", "semiconductors", "new-display", "biomedicine", "artificial-intelligence",
    "low-altitude-economy", "aerospace", "new-energy", "new-energy-storage", "photovoltaics",
    "intelligent-connected-vehicles", "new-energy-vehicles", "embodied-ai-robots", "quantum-technology",
    "brain-computer-interface", "new-materials", "new-generation-it", "smart-manufacturing",
    "digital-economy", "life-sciences", "hydrogen-energy", "commercial-space", "6g", "metaverse",
    "cell-gene-therapy", "headquarters-economy"])
def test_industries_cover_the_field(taxonomy, industry_id):
    term = next(t for t in taxonomy.industries if t.id == industry_id)
    assert term.name_en and term.group in ("key", "emerging", "future", "pillar", "services")


def test_industry_groups_and_parents(taxonomy):
    by_id = {t.id: t for t in taxonomy.industries}
    assert by_id["new-energy-storage"].parent == "new-energy"
    assert {t.id for t in taxonomy.industries if t.group == "key"} >= {
        "biomedicine", "low-altitude-economy", "semiconductors", "artificial-intelligence", "new-energy",
        "embodied-ai-robots"}
    assert by_id["quantum-technology"].group == "future"


def test_curated_company_has_names_in_both_scripts_and_english(taxonomy):
    ehang = next(t for t in taxonomy.companies if t.id == "ehang")
    assert ehang.name == "亿航智能" and ehang.name_en == "EHang"


def test_terms_are_equal_and_hashed_by_id():
    a = Term(id="x", name="甲")
    b = Term(id="x", name="乙", aliases=("丙",))
    assert a == b and len({a, b}) == 1
    assert a != Term(id="y", name="甲")


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_bad_entries_are_reported_and_left_out(tmp_path):
    _write(tmp_path, "zones.yml", """
- {id: good, name: 甲区, kind: district}
- {id: Bad Id, name: 乙区, kind: district}
- {id: odd, name: 丙区, kind: galaxy}
- {id: good, name: 丁区, kind: district}
- {id: orphan, name: 戊区, kind: park, parent: nowhere}
- {id: twin, name: 己区, kind: park, aliases: [甲区]}
- {id: loop-a, name: 庚区, kind: park, parent: loop-b}
- {id: loop-b, name: 辛区, kind: park, parent: loop-a}
""")
    _write(tmp_path, "industries.yml", "- {id: chips, name: 芯片, group: hot}\n")
    _write(tmp_path, "wording.yml", "積體電路: 集成电路\n晶片:\n")
    taxonomy, problems = load_with_problems(tmp_path, base=tmp_path)
    text = "\n".join(problems)
    assert [z.id for z in taxonomy.zones] == ["good", "orphan", "twin", "loop-a", "loop-b"]
    assert all(re.match(r"^(zones|industries|wording)\.yml:\d+: \S.*: ", p) for p in problems), problems
    assert "zones.yml:3: Bad Id.id" in text
    assert "zones.yml:4: odd.kind: unknown kind 'galaxy'" in text
    assert "zones.yml:5: good.id: duplicate id" in text
    assert "zones.yml:6: orphan.parent: unknown id 'nowhere'" in text
    assert "zones.yml:7: twin.aliases: name '甲区' also belongs to 'good'" in text
    assert "loop-a.parent: the parent chain loops back" in text
    assert "industries.yml:1: chips.group" in text and taxonomy.industries == []
    assert "wording.yml:2: 晶片: empty" in text


def test_unreadable_file_is_one_problem(tmp_path):
    _write(tmp_path, "zones.yml", "- {id: a, name: [\n")
    _write(tmp_path, "companies.yml", "id: a\n")
    problems = taxonomy_problems(tmp_path, base=tmp_path)
    assert any(p.startswith("zones.yml:2: (file): not readable YAML") for p in problems), problems
    assert any(p.startswith("companies.yml:1: (file): expected a list") for p in problems), problems


def test_check_reports_taxonomy_problems_and_lists_provisional_zones(scratch_project):
    from generator.pipeline import run_check
    paths = ProjectPaths(scratch_project)
    zones = paths.taxonomy / "zones.yml"
    zones.write_text(zones.read_text(encoding="utf-8") + "- {id: broken, name: 坏区, kind: nowhere}\n",
                     encoding="utf-8")
    record = paths.articles / "2025-01-01-zhanjiang.md"
    record.write_text("---\nid: 2025-01-01-zhanjiang\ntitle: 湛江\npublished: '2025-01-01T00:00:00+08:00'\n"
                      "script: zh-Hans\ncontent_hash: sha256:0\nzones:\n- {id: zhan-jiang-jing-kai-qu, "
                      "name: 湛江经开区, name_en: null, provisional: true}\n---\n湛江经开区。\n", encoding="utf-8")
    report = run_check(paths)
    assert any(re.match(r"content/taxonomy/zones\.yml:\d+: broken\.kind: unknown kind", p) for p in report.problems)
    (note,) = [n for n in report.notes if "zhan-jiang" in n]
    assert note == ("content/articles/2025-01-01-zhanjiang.md:8: note: zone 湛江经开区 (zhan-jiang-jing-kai-qu, "
                    "1 article(s)) is not in the taxonomy; candidate for content/taxonomy/zones.yml")


ARTICLE = """千灯湖创投小镇新增基金50家
2025-03-01 10:00:00 来源:南方日报

  3月1日，千灯湖创投小镇举行发布会，新增入驻基金50家，管理规模超1000亿元。
"""
NEW_ZONE = """- id: qiandeng-lake
  name: 千灯湖创投小镇
  name_en: Qiandeng Lake Venture Capital Town
  aliases: [千灯湖]
  kind: town
  province: 广东
  city: 佛山
"""


def test_adding_a_zone_to_the_yaml_gives_it_a_page(scratch_project):
    from generator.pipeline import run_ingest
    from generator.render import render_pages
    paths = ProjectPaths(scratch_project)
    (paths.inbox / "qiandeng.txt").write_text(ARTICLE, encoding="utf-8")
    run_ingest(paths, [])
    render_pages(paths)
    assert not _zone_pages(paths, "qiandeng-lake")
    zones = paths.taxonomy / "zones.yml"
    zones.write_text(zones.read_text(encoding="utf-8") + NEW_ZONE, encoding="utf-8")
    run_ingest(paths, [], refresh=True)
    render_pages(paths)
    pages = _zone_pages(paths, "qiandeng-lake")
    assert pages
    assert all("千灯湖创投小镇" in to_simplified(p.read_text(encoding="utf-8")) for p in pages)


def _zone_pages(paths: ProjectPaths, zone_id: str) -> list[Path]:
    """The generated Markdown pages of one zone (build/docs/zones/, or one per site language)."""
    return sorted(paths.docs.rglob(f"zones/{zone_id}.md"))


def _briefing(project: Path, *args: str):
    """Run the `briefing` command on a project in a subprocess, as a user would."""
    import os
    import subprocess
    import sys
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, BRIEFING_ROOT=str(project), PYTHONPATH=str(root))
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_taxonomy_mistake_stops_ingest_and_build_and_changes_nothing(scratch_project):
    paths = ProjectPaths(scratch_project)
    page = paths.site / "zones" / "huangpu.html"
    page.parent.mkdir(parents=True)
    page.write_text("the previous build's page", encoding="utf-8")
    zones = paths.taxonomy / "zones.yml"
    text = zones.read_text(encoding="utf-8")
    line = text[:text.index("- id: huangpu\n")].count("\n") + 8   # the line of huangpu's `kind:`
    assert text.splitlines()[line - 1] == "  kind: district"
    zones.write_text(text.replace("- id: huangpu\n", "- id: huangpu\n  formerly: [Huang Pu]\n", 1)
                     .replace("  kind: district\n  province: 广东\n  city: 广州\n- id: guangzhou-high-tech-zone",
                              "  kind: county\n  province: 广东\n  city: 广州\n- id: guangzhou-high-tech-zone", 1),
                     encoding="utf-8")
    records, site = _snapshot(paths.articles), _snapshot(paths.site)
    for command in (["build"], ["ingest", "--refresh"]):
        result = _briefing(scratch_project, *command)
        assert result.returncode == 1, (command, result.stderr)
        assert "Traceback" not in result.stderr
        problems = [ln for ln in result.stderr.splitlines() if ln.startswith("content/taxonomy/")]
        assert problems == [f"content/taxonomy/zones.yml:{line - 6}: huangpu.formerly: former ids must be ids "
                            "(lower-case letters, digits, hyphens): 'Huang Pu'",
                            f"content/taxonomy/zones.yml:{line + 1}: huangpu.kind: unknown kind 'county'; one of "
                            + ", ".join(ZONE_KINDS)], result.stderr
        assert "nothing was ingested or built" in result.stderr
        assert _snapshot(paths.articles) == records and _snapshot(paths.site) == site
    check = _briefing(scratch_project, "check")
    assert check.returncode == 1 and f"content/taxonomy/zones.yml:{line + 1}: huangpu.kind" in check.stdout


def test_a_taxonomy_mistake_fails_plain_mkdocs_build(scratch_project):
    import subprocess
    import sys
    zones = ProjectPaths(scratch_project).taxonomy / "zones.yml"
    zones.write_text(zones.read_text(encoding="utf-8") + "- {id: broken, name: 坏区, kind: nowhere}\n",
                     encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=scratch_project,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "broken.kind: unknown kind 'nowhere'" in result.stderr
    assert not (scratch_project / "site").exists()


def test_former_ids_are_checked(tmp_path):
    _write(tmp_path, "zones.yml", """- {id: a, name: 甲区, kind: district, formerly: [old]}
- {id: b, name: 乙区, kind: district, formerly: [old, a]}
""")
    _write(tmp_path, "industries.yml", "- {id: chips, name: 芯片, group: key, formerly: chip}\n")
    taxonomy, problems = load_with_problems(tmp_path, base=tmp_path)
    assert problems == ["zones.yml:2: b.formerly: 'old' is also a former id of 'a'",
                        "zones.yml:2: b.formerly: 'a' is the id of an entry: a former id must be free"]
    assert taxonomy.resolve("industry", "chip").id == "chips" and taxonomy.resolve("zone", "old").id == "a"
    assert taxonomy.resolve("zone", "nowhere") is None
