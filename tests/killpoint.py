"""Run `briefing ARGS` and kill -9 its whole process group at one named point of the real code.

    python tests/killpoint.py POINT [N] -- ARGS…

The crash tests (test_hostile_crash.py) start this in a session of its own, so the kill takes the
ingest workers and the build's render and MkDocs processes with it. A run that never reaches its
point ends normally, which the tests report as a kill that did not happen.

Points:
  record-unrenamed N  the Nth record of content/articles/ is written to its temporary file, not renamed in
  record-renamed N    the Nth record has just been renamed in; nothing after it (index, cache) is saved
  index-unsaved       every record is written and synced; ingest-index.json is not saved
  script-built        one script's render and MkDocs processes have finished; the other is still to come
  site-unswapped      the whole new site is in .site.building; site/ is about to be swapped
  site-aside          (no renameat2) site/ has been renamed to .site.previous; the new one is not in yet
  site-swapped        the new site has just been swapped in
"""
from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

START = os.getpid()


def die() -> None:
    """kill -9 this process and every process it started (forked workers included)."""
    if os.getpid() == START:
        os.killpg(0, signal.SIGKILL)


def wrap(owner, name: str, before=None, after=None) -> None:
    """Replace `owner.name` by a function that calls `before(*args)` and `after(*args)` around the real one."""
    real = getattr(owner, name)

    def hooked(*args, **kwargs):
        if before:
            before(*args)
        out = real(*args, **kwargs)
        if after:
            after(*args)
        return out
    setattr(owner, name, hooked)


def nth(n: int, wanted=lambda *args: True):
    """A hook that kills at its `n`th call whose arguments satisfy `wanted`."""
    seen = 0

    def hook(*args):
        nonlocal seen
        if os.getpid() == START and wanted(*args):
            seen += 1
            if seen == n:
                die()
    return hook


def arm(point: str, n: int) -> None:
    """Install the hook for `point`."""
    import generator.atomic as atomic
    import generator.ingest as ingest
    import generator.site as site

    def record(src, dst) -> bool:
        """True for a rename into content/articles/."""
        return Path(dst).parent.name == "articles" and Path(dst).suffix == ".md"
    if point == "record-unrenamed":
        wrap(atomic.os, "replace", before=nth(n, record))
    elif point == "record-renamed":
        wrap(atomic.os, "replace", after=nth(n, record))
    elif point == "index-unsaved":
        wrap(ingest.RecordIndex, "save", before=nth(1))
    elif point == "script-built":
        wrap(site, "_build_one", after=nth(1))
    elif point == "site-unswapped":
        wrap(atomic, "swap_in_folder", before=nth(1))
    elif point == "site-aside":
        atomic._exchange = lambda a, b: False
        wrap(atomic.os, "rename", after=nth(1, lambda src, dst: Path(dst).name.endswith(".previous")))
    elif point == "site-swapped":
        wrap(atomic, "swap_in_folder", after=nth(1))
    else:
        raise SystemExit(f"killpoint: unknown point {point!r}")


def main(argv: list[str]) -> None:
    """Arm the point, then run the CLI with the arguments after `--`."""
    split = argv.index("--")
    point, *rest = argv[:split]
    arm(point, int(rest[0]) if rest else 1)
    from generator.cli import main as cli
    sys.argv = ["briefing", *argv[split + 1:]]
    cli()


if __name__ == "__main__":
    main(sys.argv[1:])
