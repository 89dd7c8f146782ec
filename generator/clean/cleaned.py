"""The cleaner's result (CleanArticle), the publisher names it collects, and line comparison."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

PEOPLE_ROLES = ("editors", "authors", "photographers")


@dataclass
class CleanArticle:
    """What the cleaner finds in page text: headline, dateline fields, credits and body blocks."""

    title: str = ""
    title_derived: bool = False     # no headline in the input: the lead's first clause stands in
    published: str | None = None    # 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]' as printed
    published_day: str | None = None  # 'MM-DD' of a dateline printed without a year ("Updated: Sept 12")
    source: str | None = None
    editors: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)      # Markdown blocks in order
    captions: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The text paragraphs (no headings, no captions)."""
        return [b for b in self.blocks if not b.startswith(("## ", "*"))]

    @property
    def body(self) -> str:
        """The body as Markdown: blocks separated by blank lines."""
        return "\n\n".join(self.blocks)


@dataclass
class Sources:
    """Publisher names found in different places, most trusted first when resolved."""

    labelled: list[str] = field(default_factory=list)   # 來源:X anywhere
    unit: list[str] = field(default_factory=list)       # 作者单位:X
    trailing: list[str] = field(default_factory=list)   # …。(廣州日報)
    dateline: list[str] = field(default_factory=list)   # 新華網 2019-03-18 09:09:57

    def best(self) -> str | None:
        """The most trusted publisher name found."""
        for names in (self.labelled, self.unit, self.trailing, self.dateline):
            if names:
                return names[0]
        return None


def add_credits(found: dict[str, list[str]], art: CleanArticle) -> None:
    """Add credited names to the article's lists, keeping order and dropping repeats."""
    for role, names in found.items():
        if role not in PEOPLE_ROLES:
            continue
        target = getattr(art, role)
        target += [n for n in names if n not in target]


def squash(text: str) -> str:
    """Text without white space, punctuation and Markdown marks, for comparing lines."""
    return re.sub(r"[\s\W_]+", "", text).lower()
