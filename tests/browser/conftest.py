"""Browser-test fixtures: the golden site built once, served on 127.0.0.1, and a Chromium that may
reach nothing but loopback (requests to other hosts and console errors are recorded for the asserts)."""
from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browsing import Reader
from generator.paths import ProjectPaths
from generator.pipeline import run_build
from generator.site import build_site
from golden.sample_project import ROOT, make_project, write_config

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The golden corpus built into a site (both scripts)."""
    paths = ProjectPaths(make_project(tmp_path_factory.mktemp("browser") / "project"))
    build_site(paths)
    return paths.site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args) -> None:
        """Say nothing."""


@pytest.fixture(scope="session")
def served(built_site):
    """The site served by an in-process HTTP server on 127.0.0.1; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def browser_context(tmp_path):
    """A fresh Chromium profile (skips when /usr/bin/chromium is absent)."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium (make browser installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), args=ARGS, headless=True,
            accept_downloads=True, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture
def reader(browser_context, served):
    """A tab on the served site; asserts afterwards that nothing left loopback and nothing logged an error."""
    tab = Reader(browser_context.new_page(), served)
    yield tab
    assert tab.foreign == [], f"requests to other hosts: {tab.foreign}"
    assert tab.errors == [], f"console errors: {tab.errors}"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory):
    """The sample articles ingested and built into a site; yields its ProjectPaths."""
    samples = ROOT.parent / "shared" / "samples" / "articles"
    if not samples.is_dir():
        pytest.skip("../shared is absent")
    project = tmp_path_factory.mktemp("samples") / "project"
    shutil.copytree(samples, project / "content" / "inbox")
    shutil.copytree(ROOT / "content" / "taxonomy", project / "content" / "taxonomy")
    shutil.copytree(ROOT / "templates", project / "templates")
    write_config(project)
    paths = ProjectPaths(project)
    assert run_build(paths)
    return paths


@pytest.fixture(scope="session")
def sample_served(sample_site, tmp_path_factory):
    """The sample site served by 127.0.0.1 under a sub-path (`/mirror/briefing/`); yields its URL."""
    host = tmp_path_factory.mktemp("host")
    (host / "mirror").mkdir()
    (host / "mirror" / "briefing").symlink_to(sample_site.site, target_is_directory=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(host))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/mirror/briefing/"
    server.shutdown()
