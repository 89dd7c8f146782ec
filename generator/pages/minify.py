"""Built HTML without the theme templates' indentation and blank lines (about 13 % of an article page),
and Material's page configuration in UTF-8 rather than escapes.

Only whitespace at the start of a line goes, and empty lines: a browser collapses a newline
followed by spaces to one space, so the page renders the same. `<pre>`, `<textarea>`,
`<script>` and `<style>` keep every character. The configuration (`<script id="__config">`, JSON
whose words Jinja's `tojson` writes as \\uXXXX, six bytes for each of three) keeps every escape below
U+0080 (`<`, `>`, `&` and `'` among them), so it parses to the same object.
"""
from __future__ import annotations

import re

_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")


def squeeze_html(html: str) -> str:
    """The page with line-leading whitespace and blank lines removed outside pre, textarea, script and style."""
    out, pos = [], 0
    for kept in _KEEP.finditer(html):
        out.append(_INDENT.sub("\n", html[pos:kept.start()]))
        out.append(kept.group(0))
        pos = kept.end()
    out.append(_INDENT.sub("\n", html[pos:]))
    return "".join(out)


def plain_config(html: str) -> str:
    """The page with the escapes of non-ASCII characters in Material's configuration written as the characters."""
    def unescape(m: re.Match) -> str:
        """One escape as its character, when it is one of no danger in a script (U+0080 up, no surrogate)."""
        code = int(m.group(2), 16)
        return m.group(1) + chr(code) if code >= 0x80 and not 0xD800 <= code <= 0xDFFF else m.group(0)
    return _CONFIG.sub(lambda m: m.group(1) + _ESCAPE.sub(unescape, m.group(2)) + m.group(3), html, count=1)
