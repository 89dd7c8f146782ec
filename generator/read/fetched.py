"""Pages fetched from the web: the `.fetch.json` file beside each says where and when it was fetched.

`briefing add` and `briefing fetch` store a page's bytes unchanged as `NAME.html` and, beside
it, `NAME.fetch.json` with the URL it came from (after redirects), the URL asked for, the time
and the HTTP Content-Type. The HTML reader takes the record's `url` and the transport's
charset from it; the file itself is never read as an article.
"""
from __future__ import annotations

import json
from email.message import Message
from pathlib import Path

SIDECAR_SUFFIX = ".fetch.json"


def sidecar_of(page: Path) -> Path:
    """The fetch record beside a fetched page: `NAME.html` → `NAME.fetch.json`."""
    return page.with_name(page.stem + SIDECAR_SUFFIX)


def is_sidecar(path: Path | str) -> bool:
    """True for a fetch record (a `*.fetch.json` file), which describes a page and is no article."""
    return Path(path).name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(page: Path) -> dict | None:
    """The fetch record of `page` as a dict, or None when there is none or it is not a JSON object."""
    try:
        data = json.loads(sidecar_of(page).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def transport_charset(fetched: dict | None) -> str | None:
    """The charset the server sent in Content-Type (`text/html; charset=gbk` → `gbk`), if any."""
    content_type = (fetched or {}).get("content_type")
    if not isinstance(content_type, str) or not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset.strip().lower() if isinstance(charset, str) and charset.strip() else None


def fetched_url(fetched: dict | None) -> str | None:
    """The URL the page was fetched from (after redirects), when the record has a web address."""
    url = (fetched or {}).get("url")
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else None
