"""Where the bytes of a built site go: by folder and kind of file, and the HTML by part of page.

Parts of a page are Material's: the <head>, the header (logo, title, script switch, search box),
the primary navigation, the table of contents, the content (<article>), the footer, the page's
configuration script and the rest of the frame (skip link, back-to-top button, script tags). The
content is split further into what the generator writes: an article's body, its figures table, the
lead repeated as a summary; a review page's conflict tables.

    .venv/bin/python -m bench.site_parts /tmp/briefing-bench/1000/site
"""
from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

MB = 2 ** 20
FRAME = (("head", "<head>", "</head>"), ("header", '<header class="md-header', "</header>"),
         ("navigation", '<nav class="md-nav md-nav--primary"', None),
         ("table of contents", '<nav class="md-nav md-nav--secondary"', None),
         ("content", '<article class="md-content__inner', "</article>"),
         ("footer", '<footer class="md-footer"', "</footer>"),
         ("configuration", '<script id="__config"', "</script>"))
CONTENT = (("body", re.compile(r'<div class="bf-body">.*?</div>', re.S)),
           ("tables", re.compile(r"<table>.*?</table>", re.S)),
           ("summary", re.compile(r"<blockquote>.*?</blockquote>", re.S)),
           ("charts", re.compile(r'<div class="bf-chart.*?</div>\s*</div>', re.S)))
NAV = re.compile(r"<(/?)nav\b")


def _end_of_nav(html: str, start: int) -> int:
    """Where the <nav> element opened at `start` closes (navigation nests <nav>s)."""
    depth = 0
    for m in NAV.finditer(html, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return html.index(">", m.end()) + 1
    return len(html)


def page_parts(html: str) -> Counter:
    """Bytes of one page by part of the frame, and of its content by what it holds."""
    parts, used = Counter(), 0
    for name, start, end in FRAME:
        i = html.find(start)
        if i < 0:
            continue
        j = _end_of_nav(html, i) if end is None else html.find(end, i) + len(end)
        size = len(html[i:j].encode("utf-8"))
        parts[name] += size
        used += size
        if name == "content":
            for inner, pattern in CONTENT:
                parts["content: " + inner] += sum(len(m.group(0).encode("utf-8")) for m in pattern.finditer(html, i, j))
    parts["rest of the frame"] += len(html.encode("utf-8")) - used
    return parts


def kind_of(path: Path, site: Path) -> tuple[str, str]:
    """(script, kind) of a file: the kind is its top folder (assets by their own folder), or `pages at the root`."""
    rel = path.relative_to(site).parts
    script = "zh-Hant"
    if rel[0] == "zh-Hans":
        script, rel = "zh-Hans", rel[1:]
    if len(rel) == 1:
        return script, "pages at the root" if path.suffix == ".html" else "other files at the root"
    return script, "/".join(rel[:2]) if rel[0] in ("assets", "search", "data") else rel[0]


def measure(site: Path) -> tuple[dict, dict, Counter]:
    """Bytes and files by (script, kind); HTML parts by kind; pages by kind."""
    files, parts, pages = defaultdict(lambda: [0, 0]), defaultdict(Counter), Counter()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        script, kind = kind_of(path, site)
        if path.parent.name in ("text", "terms", "docs") and path.parent.parent.name == "search":
            kind = f"search/{path.parent.name}"
        files[(script, kind)][0] += path.stat().st_size
        files[(script, kind)][1] += 1
        if path.suffix == ".html":
            parts[kind] += page_parts(path.read_text(encoding="utf-8"))
            pages[kind] += 1
    return files, parts, pages


def report(site: Path) -> str:
    """The two tables as Markdown."""
    files, parts, pages = measure(site)
    total = sum(size for size, _ in files.values())
    lines = [f"site/: {total / MB:.1f} MB in {sum(n for _, n in files.values()):,} files", "",
             "| folder or kind | zh-Hant MB | zh-Hans MB | files (both) |", "| --- | ---: | ---: | ---: |"]
    kinds = sorted({k for _, k in files},
                   key=lambda k: -sum(files.get((s, k), [0, 0])[0] for s in ("zh-Hant", "zh-Hans")))
    for kind in kinds:
        hant, hans = files.get(("zh-Hant", kind), [0, 0]), files.get(("zh-Hans", kind), [0, 0])
        lines.append(f"| {kind} | {hant[0] / MB:.2f} | {hans[0] / MB:.2f} | {hant[1] + hans[1]:,} |")
    lines += ["", "HTML by part of page, both scripts (MB; KB a page in brackets):", "",
              "| pages | count | " + " | ".join(name for name, _, _ in FRAME) + " | rest of the frame | content: "
              + ", ".join(name for name, _ in CONTENT) + " |",
              "| --- | ---: | " + " | ".join("---:" for _ in FRAME) + " | ---: | --- |"]
    for kind in sorted(parts, key=lambda k: -sum(v for n, v in parts[k].items() if ":" not in n)):
        c, n = parts[kind], pages[kind]
        cells = [f"{c[name] / MB:.2f} ({c[name] / n / 1024:.1f})" for name, _,
                 _ in FRAME + (("rest of the frame", 0, 0),)]
        inner = ", ".join(f"{name} {c['content: ' + name] / MB:.2f}" for name, _ in CONTENT if c["content: " + name])
        lines.append(f"| {kind} | {n:,} | " + " | ".join(cells) + f" | {inner or '—'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command line: print the tables for SITE."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    print(report(parser.parse_args(argv).site))


if __name__ == "__main__":
    main()
