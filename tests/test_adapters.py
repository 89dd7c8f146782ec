"""generator/adapters.py against the installed packages: each private part it relies on still exists and behaves.

When one of these fails after an upgrade, generator/adapters.py is the one place to change.
"""
from __future__ import annotations

import inspect
import json
import logging
import re
import sys
from importlib import metadata
from pathlib import Path

import pytest

from generator import adapters
from generator.pages.passthrough import PassthroughExtension

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ("mkdocs", "jieba", "pydantic")   # the packages whose private parts generator/adapters.py uses


def _locked() -> dict[str, str]:
    """The versions requirements.lock pins, by lower-case package name."""
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    return dict(line.lower().split("==", 1) for line in lines if "==" in line and not line.startswith("#"))


@pytest.mark.parametrize("package", CHECKED)
def test_the_installed_versions_are_the_pinned_ones(package):
    pinned, installed = _locked().get(package), metadata.version(package)
    assert pinned, f"requirements.lock pins no {package} (generator/adapters.py relies on its private parts)"
    assert installed == pinned, (f"{package} {installed} is installed, {pinned} is pinned: check generator/adapters.py "
                                 f"against {package} {installed}, then re-pin requirements.lock")


def _mkdocs_page(tmp_path: Path, markdown: str):
    """A MkDocs page of `markdown` rendered as MkDocs renders it, the passthrough among its extensions."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(markdown, encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site")})
    errors, _ = config.validate()
    assert not errors, errors
    config.markdown_extensions.append(PassthroughExtension())
    file = File("a.md", str(docs), str(tmp_path / "site"), False)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


def test_mkdocs_misses_the_passed_through_ids_until_the_adapter_adds_them(tmp_path):
    page = _mkdocs_page(tmp_path, '# 標題 {#top}\n\n<!--bf:html-->\n<p id="inside">x</p>\n<!--/bf:html-->\n\n'
                                  '<p id="raw">y</p>\n')
    assert page.present_anchor_ids is not None, "MkDocs' Page no longer has present_anchor_ids after rendering"
    assert "raw" in page.present_anchor_ids and "inside" not in page.present_anchor_ids, (
        "MkDocs' raw-HTML id scan no longer runs after the passthrough (pages/passthrough.py PRIORITY)")
    adapters.add_anchor_ids(page, {"inside"})
    assert {"top", "raw", "inside"} <= page.present_anchor_ids


def test_mkdocs_checks_links_against_present_anchor_ids():
    from mkdocs.structure.pages import Page
    assert "present_anchor_ids" in inspect.getsource(Page.validate_anchor_links), (
        "MkDocs no longer checks anchors against Page.present_anchor_ids: adapters.add_anchor_ids does nothing")


def test_the_strict_counter_is_told_from_other_handlers():
    from mkdocs.commands import build
    from mkdocs.utils import CountHandler
    assert "CountHandler" in inspect.getsource(build.build), "MkDocs' build no longer counts warnings by CountHandler"
    assert adapters.is_strict_counter(CountHandler()) and not adapters.is_strict_counter(logging.StreamHandler())


def test_the_tagger_tags_as_jiebas_own_does():
    import jieba
    import jieba.posseg
    tokenizers = [jieba.Tokenizer(), jieba.Tokenizer()]   # the tagger takes the names added to its tokenizer
    for tokenizer in tokenizers:
        tokenizer.add_word("甲乙丙科技", freq=2000, tag="nt")
    ours, theirs = adapters.pos_tagger(tokenizers[0]), jieba.posseg.POSTokenizer(tokenizers[1])
    assert set(vars(ours)) == set(vars(theirs)), "jieba's POSTokenizer.__init__ sets other attributes now"
    text = "甲乙丙科技在北京建设新工厂，投资3亿元。"
    assert [(p.word, p.flag) for p in ours.cut(text)] == [(p.word, p.flag) for p in theirs.cut(text)]
    assert ("甲乙丙科技", "nt") in [(p.word, p.flag) for p in ours.cut(text)]


def test_jiebas_block_patterns_and_frequencies():
    import jieba
    assert isinstance(adapters.cut_blocks(), re.Pattern) and isinstance(adapters.tagger_blocks(), re.Pattern)
    assert [m.group() for m in adapters.cut_blocks().finditer("北京2025年，上海")] == ["北京2025年", "上海"]
    assert "，" in adapters.tagger_blocks().split("北京，上海")
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    assert adapters.word_frequency(tokenizer, "北京") > 0 and adapters.word_frequency(tokenizer, "甲乙丙丁戊") == 0


def test_the_json_encoder_is_cpythons_and_compact():
    assert sys.implementation.name == "cpython", "adapters.compact_json_encoder needs CPython's json.encoder"
    value = {"年": [2025, 1.5, None, True], "k": "a\"b\n中"}
    encode = adapters.compact_json_encoder()
    assert "".join(encode(value, 0)) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_a_copied_tokenizer_cuts_as_a_freshly_loaded_one_and_apart_from_its_base():
    import jieba
    base = adapters.default_tokenizer()
    fresh = jieba.Tokenizer()
    fresh.initialize()
    copy = adapters.copied_tokenizer(base)
    assert set(vars(copy)) == set(vars(fresh)), "jieba's Tokenizer keeps other state now: copy it too"
    for tokenizer in (fresh, copy):
        tokenizer.add_word("甲乙丙科技", freq=2000, tag="nt")
    text = "甲乙丙科技在开发区建设新型储能项目"
    assert list(copy.cut(text)) == list(fresh.cut(text)) and "甲乙丙科技" in list(copy.cut(text))
    assert "甲乙丙科技" not in list(base.cut(text)) and adapters.word_frequency(base, "甲乙丙科技") == 0


def test_pydantic_models_given_the_same_fields_share_one_set_and_copies_get_their_own():
    from generator.record import Figure
    shared: dict = {}
    one, two = (Figure.model_validate({"text": t, "quote": t, "unit": ""}) for t in ("1", "2"))
    for model in (one, two):
        adapters.share_fields_set(model, shared)
    assert one.model_fields_set is two.model_fields_set == {"text", "quote", "unit"}
    copy = one.model_copy(update={"year": 2025})
    assert copy.model_fields_set == {"text", "quote", "unit", "year"}
    assert one.model_fields_set == {"text", "quote", "unit"}
    assert copy.model_dump(exclude_unset=True) == {"text": "1", "quote": "1", "unit": "", "year": 2025}
    assert two.model_dump(exclude_unset=True) == {"text": "2", "quote": "2", "unit": ""}


def test_mkdocs_builds_a_page_with_the_current_page_set():
    from mkdocs.commands import build
    assert "config._current_page = page" in inspect.getsource(build._build_page), (
        "MkDocs' build no longer sets config._current_page per page: adapters.set_current_page is out of step")


def test_the_live_reload_server_answers_mid_build_once_shown_and_reloads_after(tmp_path):
    import threading

    from mkdocs.livereload import LiveReloadServer
    (tmp_path / "index.html").write_text("<html><body>page</body></html>", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        browser_epoch = server._visible_epoch
        server._wanted_epoch = browser_epoch + 5   # a build under way, as MkDocs' build loop starts one
        answers = []
        request = threading.Thread(target=lambda: answers.append(b"".join(server._serve_request(
            {"PATH_INFO": "/index.html"}, lambda *a: None))))
        request.start()
        request.join(0.5)
        assert request.is_alive(), "MkDocs no longer holds requests while a build runs"
        adapters.show_site_now(server)
        request.join(5)
        assert answers and b"page" in answers[0], "a request held during a build is not answered once shown"
        assert server._visible_epoch > browser_epoch, "the browsers would not reload on a page shown"
        shown = server._visible_epoch
        adapters.reload_after_this_build(server)
        assert server._wanted_epoch > shown, "the build's end would not reload the browsers again"
    finally:
        server.server_close()
