"""Word segmentation (jieba) of folded Simplified text: word boundaries and part-of-speech tags.

Each taxonomy gets its own jieba tokenizer holding the default dictionary plus the taxonomy's
names, so results depend on the taxonomy alone — never on words other code added to jieba's
global tokenizer in the same process.
"""
from __future__ import annotations

import logging
from functools import lru_cache

NAME_FREQ = 2000  # how strongly a registered name holds together against dictionary words


class Segmenter:
    """jieba's default dictionary plus a fixed set of (name, part-of-speech tag) pairs."""

    def __init__(self, names: tuple[tuple[str, str], ...]):
        """A private tokenizer and tagger that know `names`."""
        import jieba
        import jieba.posseg
        jieba.setLogLevel(logging.WARNING)
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.initialize()
        for name, tag in names:
            self.tokenizer.add_word(name, freq=NAME_FREQ, tag=tag)
        self.tagger = jieba.posseg.POSTokenizer(self.tokenizer)

    def boundaries(self, text: str) -> set[int]:
        """Offsets in `text` where a word starts or ends."""
        out, pos = {0}, 0
        for word in self.tokenizer.cut(text, HMM=True):
            pos += len(word)
            out.add(pos)
        return out

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into (word, part-of-speech flag) pairs."""
        return [(p.word, p.flag) for p in self.tagger.cut(text, HMM=True)]

    def frequency(self, word: str) -> int:
        """How often the dictionary has seen `word` (0 for words it does not know)."""
        return self.tokenizer.FREQ.get(word, 0) or 0


@lru_cache(maxsize=2)
def segmenter(names: tuple[tuple[str, str], ...]) -> Segmenter:
    """The (cached) segmenter for one set of names: taxonomies with the same names share it."""
    return Segmenter(names)
