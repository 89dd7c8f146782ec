"""The taxonomy files: they load, they cover the field, bad entries are reported, new zones get pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.paths import ProjectPaths
from generator.scripts import to_simplified
from generator.taxonomy import Term, load_taxonomy, load_with_problems, taxonomy_problems


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
    taxonomy, problems = load_with_problems(tmp_path)
    text = "\n".join(problems)
    assert [z.id for z in taxonomy.zones] == ["good", "orphan", "twin", "loop-a", "loop-b"]
    assert all(p.startswith(str(tmp_path)) and p.count(": ") >= 2 for p in problems)
    assert "Bad Id.id" in text
    assert "odd.kind: Value error, unknown kind 'galaxy'" in text
    assert "good.id: duplicate id" in text
    assert "orphan.parent: unknown id 'nowhere'" in text
    assert "twin.aliases: name '甲区' also belongs to 'good'" in text
    assert "loop-a.parent: the parent chain loops back" in text
    assert "chips.group" in text and taxonomy.industries == []
    assert "wording.yml: 晶片: empty" in text


def test_unreadable_file_is_one_problem(tmp_path):
    _write(tmp_path, "zones.yml", "- {id: a, name: [\n")
    _write(tmp_path, "companies.yml", "id: a\n")
    problems = taxonomy_problems(tmp_path)
    assert any("zones.yml: (file): not readable YAML" in p for p in problems)
    assert any("companies.yml: (file): expected a list" in p for p in problems)


def test_check_reports_taxonomy_problems_and_lists_provisional_zones(scratch_project, capsys):
    from generator.pipeline import run_check
    paths = ProjectPaths(scratch_project)
    zones = paths.taxonomy / "zones.yml"
    zones.write_text(zones.read_text(encoding="utf-8") + "- {id: broken, name: 坏区, kind: nowhere}\n",
                     encoding="utf-8")
    record = paths.articles / "2025-01-01-zhanjiang.md"
    record.write_text("---\nid: 2025-01-01-zhanjiang\ntitle: 湛江\npublished: '2025-01-01T00:00:00+08:00'\n"
                      "script: zh-Hans\ncontent_hash: sha256:0\nzones:\n- {id: zhan-jiang-jing-kai-qu, "
                      "name: 湛江经开区, name_en: null, provisional: true}\n---\n湛江经开区。\n", encoding="utf-8")
    problems = run_check(paths)
    assert any("zones.yml: broken.kind" in p for p in problems)
    err = capsys.readouterr().err
    assert "湛江经开区 (zhan-jiang-jing-kai-qu, 1 article(s)) is not in the taxonomy" in err


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
