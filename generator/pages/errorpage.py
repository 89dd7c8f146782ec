"""The 404 page made to work wherever a host serves it: at the site's root, under a sub-path, at any depth.

A static host answers a missing address with the site's 404.html, at that address: the page's
relative links would resolve from the missing page's folder, and MkDocs' absolute ones (`/assets/…`)
from the host's root, both wrong under a sub-path (`user.github.io/briefing/`). So the page is
written with links relative to the site's root, and its first script sets the document's base to
the root (templates/overrides/main.html). Its stylesheets, icon and scripts are written into the
page by script, after that base is set: the browser's preload scanner would otherwise fetch them
from the wrong folder before any script runs.
"""
from __future__ import annotations

import json
import re

SUBRESOURCE = re.compile(r'<link\b[^>]*\bhref="[^"]*"[^>]*>|<script\b[^>]*\bsrc="[^"]*"[^>]*>\s*</script>')


def relocatable(html: str) -> str:
    """The 404 page's HTML with each `<link href>` and `<script src>` written by `document.write` (same order)."""
    return SUBRESOURCE.sub(_written_by_script, html)


def _written_by_script(match: re.Match) -> str:
    """One tag as an inline script that writes it where it stood."""
    text = json.dumps(match.group(0), ensure_ascii=False).replace("</", "<\\/")
    return f"<script>document.write({text})</script>"
