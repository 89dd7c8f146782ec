"""Web addresses: which are fetchable, and one spelling of each for telling whether it was seen."""
from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web_url(value) -> bool:
    """True for an absolute http:// or https:// address with a host."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)


def normalise_url(url: str) -> str:
    """The address without its #fragment, scheme and host in lower case, default port dropped, path at least `/`."""
    parts = urlsplit(urldefrag(url.strip())[0])
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        host += f":{parts.port}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def absolute(base: str, href: str) -> str | None:
    """`href` resolved against `base` and without its fragment, when it is a web address."""
    try:
        url = urldefrag(urljoin(base, href.strip()))[0]
    except ValueError:
        return None
    return url if is_web_url(url) else None


def site_of(url: str) -> str:
    """`scheme://host[:port]` of an address: the unit of robots.txt and of the delay between requests."""
    parts = urlsplit(normalise_url(url))
    return f"{parts.scheme}://{parts.netloc}"
