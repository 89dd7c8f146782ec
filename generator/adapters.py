"""Every use of another package's private or undocumented parts, in one place.

tests/test_adapters.py checks each against the installed packages (the versions of
requirements.lock): an upgrade that changes or removes one fails there with a message naming it,
not somewhere deep in a build.

- MkDocs: `Page.present_anchor_ids` (the ids MkDocs found in a page, which it checks links against),
  `mkdocs.utils.CountHandler` (its strict mode's warning counter), `config._current_page` (the page a build is
  making, which plugins read), and the live-reload server's epochs (`_epoch_cond`, `_visible_epoch`,
  `_wanted_epoch`: it holds every request while a build runs, and reloads the browsers when the visible epoch
  passes theirs).
- jieba: a part-of-speech tagger over a tokenizer of our own, built without reading the tag
  table again (`POSTokenizer.__new__`, `word_tag_tab`, `dt.tokenizer.dictionary`), and the block
  patterns its cut and its tagger split a text by (`re_han_default`, `posseg.re_han_internal`), a
  tokenizer's word frequencies (`Tokenizer.FREQ`), and a tokenizer made from a loaded one by copying
  its frequencies (`FREQ`, `total`, `initialized`) instead of reading the dictionary again.
- CPython: `json.encoder.c_make_encoder`, the C encoder behind `json.dumps`, made once.
- pydantic: `__pydantic_fields_set__`, the set of the fields a model was given (its `model_fields_set`), made
  one shared set for every model given the same fields.
"""
from __future__ import annotations

import json
import sys
import time
from functools import lru_cache


def share_fields_set(model, shared: dict) -> None:
    """Give a pydantic model the set of given fields in `shared` (frozenset → set) equal to its own, in place of
    its own: a set per instance (1.2 KB for a figure's 18 fields) was as large as the figure's values.

    Safe while the model is not assigned to (pydantic adds an assigned field's name to the set); model_copy
    copies the set before it adds the fields it updates."""
    names = frozenset(model.__pydantic_fields_set__)
    object.__setattr__(model, "__pydantic_fields_set__", shared.setdefault(names, set(names)))


def add_anchor_ids(page, ids: set[str]) -> None:
    """Add `ids` to the anchors MkDocs found in a rendered page (links to them are then checked, not warned of)."""
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids


def set_current_page(config, page) -> None:
    """Tell MkDocs' configuration which page is being made (None when done), as its own build does per page."""
    config._current_page = page


def show_site_now(server) -> None:
    """Let MkDocs' live-reload server answer requests mid-build and reload the browsers now (the site it serves is
    whole at every instant: it is swapped in one rename)."""
    with server._epoch_cond:
        server._wanted_epoch = server._visible_epoch = _later_epoch(server)
        server._epoch_cond.notify_all()


def reload_after_this_build(server) -> None:
    """Make the build under way end with one more reload of the browsers, even when the site was shown mid-build."""
    with server._epoch_cond:
        server._wanted_epoch = _later_epoch(server)


def _later_epoch(server) -> int:
    """An epoch (milliseconds of the monotonic clock, as MkDocs counts them) later than any the server gave out."""
    return max(round(time.monotonic() * 1000), server._visible_epoch + 1, server._wanted_epoch + 1)


def is_strict_counter(handler) -> bool:
    """True for the handler by which MkDocs counts warnings in strict mode (it shows nothing)."""
    from mkdocs.utils import CountHandler
    return isinstance(handler, CountHandler)


def pos_tagger(tokenizer):
    """A jieba part-of-speech tagger over `tokenizer`, with the tags of jieba's default dictionary."""
    posseg, tags = _posseg()
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)   # its __init__ would read the tag table again
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = dict(tags)  # the tagger adds the tokenizer's names to its own copy
    return tagger


@lru_cache(maxsize=1)
def default_tokenizer():
    """A private jieba tokenizer with its default dictionary, loaded once a process; nothing may add words to it."""
    import jieba
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def copied_tokenizer(base):
    """A new jieba tokenizer with the dictionary `base` holds (copied: about 30 ms and a dict, instead of a second
    second-long load of ~100 MB); words added to either are not added to the other."""
    import jieba
    tokenizer = jieba.Tokenizer(base.dictionary)
    tokenizer.FREQ, tokenizer.total = dict(base.FREQ), base.total
    tokenizer.initialized = True
    return tokenizer


def word_frequency(tokenizer, word: str) -> int:
    """How often jieba's dictionary (of `tokenizer`) has seen `word`; 0 for words it does not know."""
    return tokenizer.FREQ.get(word, 0) or 0


def tagger_blocks():
    """The pattern jieba's tagger splits a text by into the pieces it tags on their own."""
    return _posseg()[0].re_han_internal


def cut_blocks():
    """The pattern jieba's cut splits a text by: a block is a run of Han characters, letters and digits."""
    from jieba import re_han_default
    return re_han_default


@lru_cache(maxsize=1)
def _posseg():
    """The jieba.posseg module and the tag of every word of jieba's default dictionary.

    Importing jieba.posseg reads the tags for jieba's own tagger; when this import is the first,
    nothing can have changed that table yet, so it is copied instead of read a second time.
    """
    fresh = "jieba.posseg" not in sys.modules
    import jieba
    import jieba.posseg
    if fresh and jieba.posseg.dt.tokenizer.dictionary is None:
        return jieba.posseg, dict(jieba.posseg.dt.word_tag_tab)
    return jieba.posseg, jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab


def compact_json_encoder():
    """CPython's C JSON encoder, compact (`,` and `:`), non-ASCII kept: `encode(value, 0)` → the JSON's pieces.

    `json.JSONEncoder.encode` makes a new one on every call; the downloads encode item by item.
    """
    from json.encoder import c_make_encoder, encode_basestring
    return c_make_encoder({}, json.JSONEncoder().default, encode_basestring, None, ":", ",", False, False, True)
