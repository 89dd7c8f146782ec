"""Records on disk: exact round trips of hostile fields, hand-edit fingerprints, safe ids and clear errors."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.atomic import write_atomic
from generator.store import RecordError, dump_record, iter_records, parse_record, read_record, record_path, safe_id

HOSTILE = ["a: b", "---", "# not a comment", "&a", "*a", "!!python/object:os.system", "!!python/object/apply:os.system",
           "\ttab\tinside", "NUL\x00inside", "\x85next line", "\u2028sep", "\ufeffbom", "yes", "no", "~", "null",
           "2025-02-08", "0x10", "1e3", " lead", "trail ", "{a: 1}", "[1, 2]", "| block", "> folded", "'quote'",
           '"dq"', "%TAG", "@at", "`tick`", "\x1b[31mred", "line\nbreak", "crlf\r\nline", "\x7f", "\ufffe",
           "{{ 7*7 }}", "{% include 'x' %}", "<script>alert(1)</script>", "..."]


def minimal(record_id: str = "2025-01-01-a", **fields) -> dict:
    """The smallest valid record with `fields` added."""
    return {"id": record_id, "title": "t", "published": None, "script": "zh-Hans",
            "content_hash": "sha256:0", "reviewed": False, **fields}


def write(folder: Path, meta: dict, body: str = "Body.\n") -> Path:
    """Write a record file the way ingest does."""
    path = record_path(folder, meta["id"])
    write_atomic(path, dump_record(meta, body))
    return path


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_titles_survive_the_round_trip_exactly(tmp_path, value):
    meta = minimal(title=value, source=value, editors=[value], figures=[])
    rec = read_record(write(tmp_path, meta))
    assert rec.meta["title"] == value
    assert rec.meta["source"] == value and rec.meta["editors"] == [value]
    assert not rec.edited


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), st.text(alphabet=st.characters(
    blacklist_categories=("Cs",)), max_size=50))
def test_any_text_in_any_field_survives_the_round_trip(title, summary):
    meta = minimal(title=title, summary=summary)
    rec = parse_record(Path("2025-01-01-a.md"), dump_record(meta, "x"))
    assert rec.meta["title"] == title and rec.meta["summary"] == summary
    assert not rec.edited


def test_python_tags_in_a_hand_edited_file_are_refused_not_run(tmp_path):
    path = tmp_path / "2025-01-01-a.md"
    path.write_text("---\nid: 2025-01-01-a\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\nx\n")
    with pytest.raises(RecordError) as err:
        read_record(path)
    assert err.value.line == 3 and "YAML" in err.value.reason
    assert not Path("pwned").exists()


def test_aliases_in_a_hand_edited_file_are_refused(tmp_path):
    path = tmp_path / "2025-01-01-a.md"
    path.write_text("---\nid: 2025-01-01-a\na: &x [1, 2]\nb: [*x, *x, *x]\n---\nx\n")
    with pytest.raises(RecordError, match="anchors"):
        read_record(path)


@pytest.mark.parametrize("text, line, words", [
    ("no fence\n", 1, "no front-matter"),
    ("---\nid: 2025-01-01-a\ntitle: x\n", 1, "not closed"),
    ("---\nid: 2025-01-01-a\ntitle: [unclosed\npublished: null\n---\nx\n", 4, "line 3"),
    ("---\nid: 2025-01-01-a\n  title: bad indent\n---\n", 3, "YAML"),
    ("---\n- a list\n---\nx\n", 2, "not a mapping"),
    ("---\nid: other-id\ntitle: t\n---\nx\n", 2, "does not match the file name"),
])
def test_broken_front_matter_names_line_and_problem(tmp_path, text, line, words):
    path = tmp_path / "2025-01-01-a.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as err:
        read_record(path)
    assert err.value.line == line, err.value
    assert words in str(err.value) and str(path) in str(err.value)


def test_schema_problems_name_the_field_and_its_line(tmp_path):
    path = write(tmp_path, minimal(figures=[]))
    text = path.read_text().replace("script: zh-Hans", "script: klingon")
    path.write_text(text)
    with pytest.raises(RecordError) as err:
        read_record(path)
    line = text.splitlines().index("script: klingon") + 1
    assert err.value.line == line and "script" in err.value.reason


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "2025-01-01-a.md"
    path.write_bytes(b"---\nid: 2025-01-01-a\ntitle: \xff\xfe\n---\n")
    with pytest.raises(RecordError, match="UTF-8") as err:
        read_record(path)
    assert err.value.line == 3


def test_hand_edit_is_noticed_but_reformatting_is_not(tmp_path):
    path = write(tmp_path, minimal(title="原題", figures=[]))
    assert not read_record(path).edited
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: 原題", "title: '原題'").replace("\n", "\r\n"), encoding="utf-8")
    assert not read_record(path).edited, "quoting and line ends are not edits"
    path.write_text(text + "\n\n", encoding="utf-8")
    assert not read_record(path).edited, "trailing blank lines are not an edit"
    path.write_text(text.replace("title: 原題", "title: 改題"), encoding="utf-8")
    assert read_record(path).edited
    path.write_text(text.replace("Body.", "Body, corrected."), encoding="utf-8")
    assert read_record(path).edited
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("fingerprint")) + "\n")
    assert read_record(path).edited, "a record without its fingerprint counts as edited"


@pytest.mark.parametrize("wanted", ["../../etc/passwd", "/abs/path", "a/b", "a\\b", ".hidden", "", "UPPER", "a" * 300,
                                    "a\x00b", "-dash"])
def test_unsafe_ids_are_refused(tmp_path, wanted):
    with pytest.raises(ValueError):
        record_path(tmp_path, wanted)
    slug = safe_id(wanted)
    assert record_path(tmp_path, slug).parent == tmp_path


def test_symlinked_record_is_refused_not_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("---\nid: 2025-01-01-a\ntitle: secret\n---\nprivate\n")
    folder = tmp_path / "articles"
    folder.mkdir()
    os.symlink(secret, folder / "2025-01-01-a.md")
    items = list(iter_records(folder))
    assert len(items) == 1 and isinstance(items[0], RecordError)
    assert "symbolic link" in items[0].reason


def test_writing_over_a_symlink_replaces_the_link_not_its_target(tmp_path):
    target = tmp_path / "outside.md"
    target.write_text("keep me")
    folder = tmp_path / "articles"
    folder.mkdir()
    os.symlink(target, folder / "2025-01-01-a.md")
    write(folder, minimal(figures=[]))
    assert target.read_text() == "keep me"
    assert not (folder / "2025-01-01-a.md").is_symlink()


def test_records_fingerprinted_by_the_first_version_are_not_taken_for_hand_edits(tmp_path):
    import hashlib

    import yaml
    meta = minimal(title="舊記錄", figures=[])
    body = "Body.\n"
    legacy = hashlib.sha256((yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + body).encode()).hexdigest()[:16]
    path = tmp_path / "2025-01-01-a.md"
    path.write_text("---\n" + yaml.safe_dump(dict(meta, fingerprint=legacy), allow_unicode=True, sort_keys=False)
                    + "---\n\n" + body, encoding="utf-8")
    assert not read_record(path).edited
    path.write_text(path.read_text(encoding="utf-8").replace("舊記錄", "新記錄"), encoding="utf-8")
    assert read_record(path).edited


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["summary", "figures", "zones", "x"]), st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12)), st.text(max_size=20))
def test_front_matter_dumped_field_by_field_equals_the_whole(fields, title):
    from generator.ingest.writer import in_place, prepare, record_bytes, stored_fields
    from generator.record import Record
    from generator.store import stored_form
    record = Record.model_validate(minimal(title=title, **{f"x-{k}": v for k, v in fields.items()}))
    stored, body = stored_form(stored_fields(record), "b")
    prepared = prepare(record)
    assert in_place(record, list(stored), prepared)
    assert record_bytes(stored, body, prepared) == dump_record(stored_fields(record), "b").encode("utf-8")


def test_companies_come_back_as_written_names_and_typed_mappings(tmp_path):
    from generator.record import Company
    companies = ["甲公司", {"name": "乙公司"}, {"name": "粤芯半导体", "name_en": "CanSemi", "id": "cansemi",
                                            "zones": ["huangpu"], "industries": []},
                 {"name": "丙公司", "zones": [], "industries": ["biomedicine"]}, {"name": "丁公司", "name_en": None}]
    meta = {"id": "2025-01-01-a", "title": "t", "published": None, "script": "zh-Hans", "companies": companies,
            "content_hash": "sha256:0", "reviewed": False}   # in the model's order
    text = dump_record(meta, "Body.\n")
    rec = parse_record(Path("2025-01-01-a.md"), text)
    assert [type(c) for c in rec.record.companies] == [str, Company, Company, Company, Company]
    assert rec.record.companies[2].zones == ["huangpu"] and rec.meta["companies"] == companies
    assert [list(c) for c in rec.meta["companies"][1:]] == [list(c) for c in companies[1:]], "keys and their order"
    assert dump_record(rec.meta, "Body.\n") == text and not rec.edited


@pytest.mark.parametrize("company, place, words", [
    (123, "companies.0", "a company is a name or a mapping with a `name`, found 123"),
    ({"nam": "x"}, "companies.0", "a mapping with a `name`"),
    ({"name": "x", "zones": "huangpu"}, "companies.0.zones", "valid list"),
    ({"name": "x", "industries": ["Bio Medicine"]}, "companies.0.industries.0", "not an id")])
def test_a_bad_company_is_named_by_its_place_in_the_mapping(tmp_path, company, place, words):
    path = write(tmp_path, minimal(companies=[company]))
    with pytest.raises(RecordError) as err:
        read_record(path)
    assert place in err.value.reason and words in err.value.reason
    assert "Company" not in err.value.reason and ".str" not in err.value.reason
