"""The search stage's time (generator/search/, as the render runs it for each script) on a built project:
cold (no memo, no search files), then after one article is added (the newest record copied a day later
under a new id and title), after one is edited (a middle record's title) and after one is deleted (a
middle record). Records are changed in memory; the project is not touched (its files are read only).
Gathering the corpus is not timed. With --check, each step's search files are compared with a cold
build's of the same records, byte for byte.

    .venv/bin/python -m bench.search_stage /tmp/briefing-bench/1000 [--check]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.check import split_unknown_references
from generator.gather import gather, read_records
from generator.pages.localise import Converter
from generator.pages.settings import Settings
from generator.paths import ProjectPaths
from generator.record import Record
from generator.render import PageWriter
from generator.search import SearchMemo, write_search
from generator.store import StoredRecord
from generator.taxonomy import load_taxonomy


def stage(paths: ProjectPaths, records, taxonomy, folder: Path, memo: SearchMemo | None) -> dict[str, float]:
    """Write every script's search files into `folder` as the render does; the seconds each script's took."""
    settings, times = Settings.load(paths.mkdocs_yml), {}
    memo = SearchMemo(memo.folder, memo.key) if memo else None   # read from disk anew, as a build does
    for script in settings.scripts:
        convert = Converter(script, paths.root)
        corpus = gather(records, taxonomy, convert, settings.review_confidence_below)
        start = time.perf_counter()
        writer = PageWriter(folder / script)
        write_search(corpus, convert, taxonomy, convert.wording, writer, script == settings.default_script, memo)
        writer.finish()
        times[script] = time.perf_counter() - start
    return times


def files(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its SHA-1."""
    return {p.relative_to(folder).as_posix(): hashlib.sha1(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def changes(records: list[StoredRecord]):
    """The steps: (name, the records after it), each from the one before."""
    newest = records[0]
    meta = dict(newest.meta, id=f"{newest.id}-added", title="新增的一篇 An added article",
                published="2099-01-01T00:00:00+08:00")
    added = [StoredRecord(newest.path.with_name(meta["id"] + ".md"), Record.model_validate(meta),
                          newest.body + "\n\n新增段落。")] + records
    middle = len(added) // 2
    edited = list(added)
    retitled = Record.model_validate(dict(added[middle].meta, title="改過的標題 An edited title"))
    edited[middle] = StoredRecord(added[middle].path, retitled, added[middle].body)
    deleted = edited[:middle + 7] + edited[middle + 8:]
    return [("add", added), ("edit", edited), ("delete", deleted)]


def main(argv: list[str] | None = None) -> None:
    """Time the search stage cold and after each change; print one JSON line a step."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--check", action="store_true", help="compare each step with a cold build's files")
    args = parser.parse_args(argv)
    paths = ProjectPaths(args.project)
    taxonomy = load_taxonomy(paths.taxonomy)
    records, _skipped = read_records(paths.articles, paths.records_cache)
    records, _unknown = split_unknown_references(records, taxonomy)
    with tempfile.TemporaryDirectory(prefix="search-stage-") as scratch:
        folder, memo = Path(scratch) / "search", SearchMemo(Path(scratch) / "cache", "bench")
        steps = [("cold", records), *changes(records)]
        for number, (name, step) in enumerate(steps):
            times = stage(paths, step, taxonomy, folder, memo)
            states = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in memo.folder.glob("*.json")}
            row = {"step": name, "entries": len(step), "seconds": {k: round(v, 3) for k, v in times.items()},
                   "reused": {k: s.get("reused") for k, s in states.items() if "reused" in s},
                   "decoded": {k: s.get("decoded") for k, s in states.items() if "decoded" in s},
                   "kept": {k: s.get("kept") for k, s in states.items()}}
            if args.check and number:
                cold = Path(scratch) / f"cold-{name}"
                stage(paths, step, taxonomy, cold, None)
                row["equal_to_cold"] = files(cold) == files(folder)
            print(json.dumps(row, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
