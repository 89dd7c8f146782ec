"""Page text → clean article: headline, dateline metadata, credits and a body without chrome."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# A dateline: 2025-02-08 16:38:47 or 2025年2月8日 16:38, with what follows (來源/编辑 …).
DATELINE = re.compile(
    r"(?P<date>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)"
    r"(?:\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?")
SOURCE = re.compile(r"(?:來源|来源|稿源|出處|出处)\s*[:：]\s*(?P<v>.+?)(?=\s*(?:編輯|编辑|責編|责编|作者|記者|记者|$))")
EDITORS = re.compile(r"(?:責任編輯|责任编辑|責編|责编|編輯|编辑)\s*[:：]\s*(?P<v>[^\s()（）:：]{2,4}(?:[ 、,，][^\s()（）:：]{2,4})*)")
CREDIT_LINE = re.compile(r"[(（](?:文|記者|记者|文/圖|文/图)\s*(?P<v>[^()（）]+)[)）]\s*$")
PHOTO = re.compile(r"\s*(?:攝影|摄影|攝|摄)\s*[:：]?\s*(?P<v>[\u4e00-\u9fff]{2,4})\s*$")
END_OF_ARTICLE = re.compile(r"^(?:.{0,20}(?:版權|版权).{0,12}(?:聲明|声明)|相關新聞|相关新闻|相关资讯|相關資訊|推荐阅读|推薦閱讀)")
COPYRIGHT = re.compile(r"版權|版权|未經.{0,6}授權|未经.{0,6}授权|ICP|公网安备|公網安備|All rights reserved|Copyright", re.I)


@dataclass
class CleanArticle:
    """What the cleaner finds in page text: headline, dateline fields, credits and body paragraphs."""

    title: str = ""
    published: str | None = None   # 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM[:SS]' as printed
    source: str | None = None
    editors: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        """The body as Markdown: paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


def split_names(value: str) -> list[str]:
    """Names in a credit value: split on spaces, 、 and commas."""
    return [n for n in re.split(r"[\s、,，/]+", value.strip()) if n]


def clean_page_text(text: str) -> CleanArticle:
    """Split a page-text dump into headline, dateline metadata, credits and clean body paragraphs."""
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    art = CleanArticle()
    date_at = next((i for i, ln in enumerate(lines[:12]) if DATELINE.search(ln)), None)
    if date_at is not None:
        _read_dateline(lines[date_at], art)
        art.title = _headline(lines[:date_at]) or art.title
        rest = lines[date_at + 1:]
    else:
        rest = lines
    for line in rest:
        if END_OF_ARTICLE.search(line):
            break
        _take_line(line, art)
    return art


def _headline(before: list[str]) -> str:
    """The headline: the last substantial line before the dateline (skipping navigation bars)."""
    for line in reversed(before):
        if "|" in line or len(line) < 6:
            continue
        return line
    return ""


def _read_dateline(line: str, art: CleanArticle) -> None:
    """Take the date, time, source and editors printed on a dateline."""
    m = DATELINE.search(line)
    date = re.sub(r"[年月/.]", "-", m.group("date")).rstrip("日")
    y, mo, d = date.split("-")
    art.published = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}" + (f" {m.group('time')}" if m.group("time") else "")
    if s := SOURCE.search(line):
        art.source = s.group("v").strip()
    art.editors = [n for e in EDITORS.finditer(line) for n in split_names(e.group("v"))]


def _take_line(line: str, art: CleanArticle) -> None:
    """File one body line as a paragraph, caption, credit or boilerplate."""
    if line == art.title or COPYRIGHT.search(line):
        return
    if p := PHOTO.search(line):
        art.photographers += [n for n in split_names(p.group("v")) if n not in art.photographers]
        art.captions.append(line)
        return
    if c := CREDIT_LINE.search(line):
        art.authors += split_names(c.group("v"))
        line = line[: c.start()].rstrip()
    if line and line not in art.paragraphs:
        art.paragraphs.append(line)
