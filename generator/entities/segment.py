"""Word segmentation (jieba) of folded Simplified text: word boundaries and part-of-speech tags.

Each taxonomy gets its own jieba tokenizer holding the default dictionary plus the taxonomy's
names, so results depend on the taxonomy alone — never on words other code added to jieba's
global tokenizer in the same process. The tokenizer is built on first use (English text never
needs it). jieba cuts a text block by block (a block is a run of Han characters, letters and
digits; everything between blocks is cut character by character), so each block is cut once,
remembered, and only the blocks a question is about are cut at all: same words, less work.
"""
from __future__ import annotations

import bisect
import logging
from functools import lru_cache

from .. import adapters

NAME_FREQ = 2000  # how strongly a registered name holds together against dictionary words
BLOCK_MEMORY = 20000  # blocks whose cut is remembered (a block is a clause or shorter)


class Segmenter:
    """jieba's default dictionary plus a fixed set of (name, part-of-speech tag) pairs."""

    def __init__(self, names: tuple[tuple[str, str], ...]):
        """A segmenter for `names`; jieba's dictionary is loaded on the first question."""
        self.names = names
        self._tokenizer = None
        self._tagger = None
        self._cut_block = lru_cache(maxsize=BLOCK_MEMORY)(self._cut_offsets)
        self._tag_block = lru_cache(maxsize=BLOCK_MEMORY)(self._tag_pairs)

    @property
    def tokenizer(self):
        """The private jieba tokenizer: default dictionary plus the names (loaded on first use; the dictionary is
        read once a process, and a segmenter with names gets its own copy of it)."""
        if self._tokenizer is None:
            import jieba
            jieba.setLogLevel(logging.WARNING)
            base = adapters.default_tokenizer()
            tokenizer = adapters.copied_tokenizer(base) if self.names else base
            for name, tag in self.names:
                tokenizer.add_word(name, freq=NAME_FREQ, tag=tag)
            self._tokenizer = tokenizer
        return self._tokenizer

    @property
    def tagger(self):
        """The part-of-speech tagger over the private tokenizer (built on first use)."""
        self.load()
        return self._tagger

    def load(self) -> None:
        """Load the tokenizer and the tagger now rather than on the first question."""
        if self._tagger is None:
            self._tagger = adapters.pos_tagger(self.tokenizer)

    def boundaries(self, text: str) -> WordBoundaries:
        """Offsets in `text` where a word starts or ends (answers `offset in boundaries`)."""
        return WordBoundaries(self, text)

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into (word, part-of-speech flag) pairs."""
        return [pair for piece in self.pieces(text) for pair in self._tag_block(piece)]

    def pieces(self, text: str) -> list[str]:
        """The pieces jieba's tagger cuts on their own: its blocks and the text between them.

        `tagged(text)` is the pairs of each piece's `tagged` in order, so the end of a text can be
        tagged without its start.
        """
        return [piece for piece in adapters.tagger_blocks().split(text) if piece]

    def frequency(self, word: str) -> int:
        """How often the dictionary has seen `word` (0 for words it does not know)."""
        return adapters.word_frequency(self.tokenizer, word)

    def block_cuts(self, block: str) -> tuple[int, ...]:
        """Offsets inside one jieba block where its words end (remembered per block)."""
        return self._cut_block(block)

    def _cut_offsets(self, block: str) -> tuple[int, ...]:
        """Word ends of jieba's cut of `block`, as offsets from its start."""
        out, pos = [], 0
        for word in self.tokenizer.cut(block, HMM=True):
            pos += len(word)
            out.append(pos)
        return tuple(out)

    def _tag_pairs(self, piece: str) -> tuple[tuple[str, str], ...]:
        """(word, flag) pairs of one piece of text between or inside jieba's blocks."""
        return tuple((p.word, p.flag) for p in self.tagger.cut(piece, HMM=True))


class WordBoundaries:
    """The word edges of jieba's cut of a text, found block by block on demand.

    Outside blocks jieba yields one character at a time (a CR LF pair as one), so every offset
    there is an edge; inside a block the block's own cut decides.
    """

    def __init__(self, seg: Segmenter, text: str):
        """Edges of `text` as cut by `seg`; nothing is cut before a question needs it."""
        self.seg, self.text = seg, text
        self.spans = [m.span() for m in adapters.cut_blocks().finditer(text)]
        self.starts = [start for start, _ in self.spans]

    def __contains__(self, pos: int) -> bool:
        """True when a word of the cut starts or ends at `pos`."""
        if pos <= 0 or pos >= len(self.text):
            return pos == 0 or pos == len(self.text)
        n = bisect.bisect_right(self.starts, pos) - 1
        if n >= 0 and self.spans[n][0] < pos < self.spans[n][1]:
            start, end = self.spans[n]
            return pos - start in self.seg.block_cuts(self.text[start:end])
        return self.text[pos - 1:pos + 1] != "\r\n"


@lru_cache(maxsize=2)
def segmenter(names: tuple[tuple[str, str], ...]) -> Segmenter:
    """The (cached) segmenter for one set of names: taxonomies with the same names share it."""
    return Segmenter(names)
