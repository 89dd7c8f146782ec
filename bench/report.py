"""The benchmark's Markdown page (docs/benchmarks.md): machine, method, results table and criteria."""
from __future__ import annotations

from .criteria import (
    MB,
    code_changed,
    evaluate,
    full_build_seconds,
    generator_share,
    incremental_equal,
    measured_steps,
    peak_mb,
    per_article_bytes,
)


def _secs(step: dict) -> str:
    """`12.3 s (11.1 s)`: wall time of the child, and the step's own in-process time."""
    if step.get("timed_out"):
        return f"> {step['wall_s']:.0f} s (stopped)"
    return f"{step['wall_s']:.1f} s ({step['seconds']:.1f} s)"


def _rows(run: dict) -> list[tuple[str, str]]:
    """The results rows of one size: label and cell (`—` for a step that did not run, `stopped`)."""
    rows = []
    for label, cell in _row_makers(run):
        try:
            rows.append((label, cell()))
        except (KeyError, TypeError, ZeroDivisionError, ValueError):
            rows.append((label, "—"))
    for name, step in run.items():
        if isinstance(step, dict) and step.get("timed_out"):
            rows.append((f"step `{name}` stopped", f"after {step['wall_s']:.0f} s"))
    return rows + _search_rows(run)


def _search_rows(run: dict) -> list[tuple[str, str]]:
    """The search rows: files on disk per script, then start-up and each query per script, ours and Pagefind's."""
    rows = []
    for folder, files in run.get("build", {}).get("search", {}).items():
        parts = ", ".join(f"{kind} {size / MB:.1f}" for kind, size in sorted(files["parts"].items()))
        rows.append((f"search files `{folder}/`: MB (by folder) / entries",
                     f"{files['bytes'] / MB:.1f} ({parts}) / {files['entries']:,}"))
    step = run.get("search", {})
    for script, measured in sorted(step.get("scripts", {}).items()):
        label = _script_label(script)
        rows.append((f"search on the {label} site: start-up fetched", _fetched(measured["startup"])))
        for name in sorted(k for k in measured if k.startswith("query")):
            q = measured[name]
            rows.append((f"… {label}, {_ordinal(name)} query `{q['query']}`: fetched, time to results (results line)",
                         f"{_fetched(q)}, {q['seconds'] * 1000:.0f} ms ({q['line']})"))
    pagefind = run.get("pagefind", {})
    for script, measured in sorted(pagefind.get("scripts", {}).items()):
        label = _script_label(script)
        rows.append((f"Pagefind (extended) on the {label} pages: index MB / files / seconds",
                     f"{measured['bytes'] / MB:.1f} / {measured['files']:,} / {measured['index_seconds']:.1f} s"))
        for name in sorted(k for k in measured if k.startswith("query")):
            q = measured[name]
            rows.append((f"… Pagefind, {label}, {_ordinal(name)} query `{q['query']}`"
                         " (20 excerpts; the first loads its start-up): fetched, time, results",
                         f"{_fetched(q)}, {q['seconds'] * 1000:.0f} ms, {q['results']:,}"))
    return rows


def _script_label(key: str) -> str:
    """`Traditional (site/)` or `Simplified (site/zh-Hans/)` for a search step's script key."""
    return "Traditional (`site/`)" if key == "default" else "Simplified (`site/zh-Hans/`)"


def _ordinal(name: str) -> str:
    """`first` for query1, `second` for query2."""
    return {"query1": "first", "query2": "second"}.get(name, name)


def _fetched(measured: dict) -> str:
    """`123.4 KB in 7 files`."""
    return f"{measured['bytes'] / 1024:.1f} KB in {measured['files']} files"


def _row_makers(run: dict) -> list:
    """(label, function giving the cell) for every row of the results table."""
    build, corpus, about = run.get("build", {}), run.get("corpus", {}), run.get("about", {})
    return [
        ("measured: date (UTC) / code / load average at start",
         lambda: f"{about['date']} / {about['git']} / {about['load']}"),
        ("corpus: pages (Traditional) / distinct stories / raw MB",
         lambda: f"{corpus['pages']:,} ({corpus['traditional']:,}) / {corpus['stories']:,}"
                 f" / {corpus['bytes'] / MB:.1f}"),
        ("ingest from cold: wall (in-process)", lambda: _secs(run["ingest_cold"])),
        ("… records written / extracted / duplicates / failed", lambda: _ingest_counts(run["ingest_cold"])),
        ("ingest again, nothing changed: wall (in-process)", lambda: _secs(run["ingest_again"])),
        ("… articles re-extracted (nothing changed)", lambda: str(run["ingest_again"]["extracted"])
         + (" (extraction code changed during the run)" if code_changed(run) else "")),
        ("ingest after adding one article: wall (in-process)", lambda: _secs(run["ingest_added"])),
        ("… articles re-extracted (one added)", lambda: str(run["ingest_added"]["extracted"])),
        ("render pages alone (gather + render): wall (in-process)", lambda: _secs(run["render"])),
        ("… Markdown pages / MB", lambda: f"{run['render']['pages']:,} / {run['render']['bytes'] / MB:.1f}"),
        ("site build, both scripts (`briefing build --no-ingest`): wall (in-process)", lambda: _secs(build)),
        ("… gather + render / MkDocs, summed over the scripts' build processes",
         lambda: f"{build['render_seconds']:.1f} s / {build['mkdocs_seconds']:.1f} s"),
        ("… per script: gather + render, MkDocs, peak memory of each process", lambda: _per_script(build)),
        ("… gather + render as a share of MkDocs", lambda: f"{generator_share(run)[0] * 100:.1f} %"),
        ("full build from cold (ingest + site build), wall", lambda: _full(run)),
        ("peak memory, process tree / largest process (step)", lambda: _peak(run)),
        ("site/: MB / files / HTML pages",
         lambda: f"{build['site_bytes'] / MB:.1f} / {build['site_files']:,} / {build['html_pages']:,}"),
        ("site/ per article", lambda: f"{per_article_bytes(run) / 1024:.1f} KB"),
        ("add one article, `briefing build` (ingest + incremental build): wall of the command (of the step, "
         "with its site digest)", lambda: _added(run["build_added"])),
        ("… files hard-linked from the previous site, per script", lambda: _reused(run["build_added"])),
        ("… site/ equal to a cold build of the same content (cold build: wall)",
         lambda: f"{incremental_equal(run)} ({run['build_cold']['wall_s']:.1f} s)"),
        ("serve: an edited article shown after (first build of `briefing serve`)",
         lambda: f"{run['serve']['seconds']:.1f} s ({run['serve']['first_build_s']:.1f} s)"),
        ("serve: an article dropped into the inbox shown after", lambda: f"{run['serve']['added_seconds']:.1f} s"),
    ]


def _added(step: dict) -> str:
    """`12.1 s (14.6 s)`: the wall time of the `briefing build` command, and of the step around it (older runs: the
    step's wall and its in-process time)."""
    if "command_wall_s" not in step:
        return _secs(step)
    return f"{step['command_wall_s']:.1f} s ({step['wall_s']:.1f} s)"


def _reused(step: dict) -> str:
    """The files each script's build linked from the previous site (`cold` for a script built from nothing)."""
    return " / ".join("cold" if n < 0 else f"{n:,}" for n in step["reused"])


def _per_script(build: dict) -> str:
    """`zh-Hant 6.1 s, 20.2 s, 585 / 790 MB; …`: what each script's render and MkDocs processes reported."""
    return "; ".join(f"{s['script']} {s['render_seconds']:.1f} s, {s['mkdocs_seconds']:.1f} s, "
                     f"{s['render_peak_mb']:.0f} / {s['mkdocs_peak_mb']:.0f} MB" for s in build["scripts"])


def _full(run: dict) -> str:
    """Cold ingest plus site build, wall; a lower bound when a step was stopped."""
    stopped = any(run[name].get("timed_out") for name in ("ingest_cold", "build"))
    return f"> {full_build_seconds(run):.0f} s (stopped)" if stopped else f"{full_build_seconds(run):.1f} s"


def _ingest_counts(step: dict) -> str:
    """`9,812 / 10,000 / 188 / 0`: records, extracted, duplicates, failed."""
    return " / ".join(f"{step.get(k, 0):,}" for k in ("records", "extracted", "duplicates", "failed"))


def _peak(run: dict) -> str:
    """The peak memory of the costliest step, both measures, and that step's name."""
    steps = measured_steps(run)
    name = max(steps, key=lambda n: max(steps[n]["tree_peak_mb"], steps[n]["maxrss_mb"]))
    step = steps[name]
    return f"{step['tree_peak_mb']:.0f} MB / {step['maxrss_mb']:.0f} MB ({name}); max {peak_mb(run):.0f} MB"


def results_table(runs: dict[int, dict]) -> list[str]:
    """The Markdown table of measurements, one column per corpus size."""
    sizes = sorted(runs)
    rows = {size: _rows(runs[size]) for size in sizes}
    labels = list(dict.fromkeys(label for size in sizes for label, _ in rows[size]))
    lines = ["| measurement | " + " | ".join(f"{s:,} articles" for s in sizes) + " |",
             "| --- |" + " ---: |" * len(sizes)]
    for label in labels:
        cells = [dict(rows[size]).get(label, "—") for size in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def criteria_table(runs: dict[int, dict]) -> list[str]:
    """The Markdown table of the issue's criteria with PASS/FAIL."""
    lines = ["| criterion | target | measured | verdict |", "| --- | --- | --- | --- |"]
    for c in evaluate(runs):
        lines.append(f"| {c.name} | {c.target} | {c.measured} | **{c.verdict}** |")
    return lines


CORPUS_ROWS = (("paragraphs per article, median", "paragraphs_median", "{:.0f}"),
               ("paragraphs per article, mean", "paragraphs_mean", "{:.1f}"),
               ("characters of body per article, median", "body_chars_median", "{:,.0f}"),
               ("characters of body per article, mean", "body_chars_mean", "{:,.0f}"),
               ("figures per 1,000 characters of body", "figures_per_1000_chars", "{:.1f}"),
               ("share naming authors or editors", "credits_share", "{:.0%}"),
               ("share in Traditional script", "traditional_share", "{:.0%}"))


def corpus_section(runs: dict[int, dict]) -> list[str]:
    """How heavy the corpus is: the sample articles' measured distribution beside each size's corpus as drawn."""
    from .make_corpus import load_vocabulary, traditional_share
    vocab = load_vocabulary()
    measured = {**vocab["distribution"]["summary"], "traditional_share": traditional_share(vocab)}
    sizes = [size for size in sorted(runs) if "shape" in runs[size].get("corpus", {})]
    lines = [
        f"Each story copies the shape of one of the {measured['articles']} sample articles "
        "(`../shared/samples/articles/`,",
        "measured by `bench/sample_stats.py` with the project's own reader and extractor; the numbers, no text, "
        "are the",
        "`distribution` of bench/vocabulary.yml), drawn at random, every number varied by up to a quarter: its",
        "paragraphs and their length, its headings and captions, its figures per 1,000 characters, whether it",
        "names its authors, the chrome around it (the characters of a text dump's page chrome), its script",
        "(the one English sample counts as Simplified). Figures per 1,000 characters are the samples' as extracted",
        "and the corpus's as drawn.", "",
        "| | sample articles | " + " | ".join(f"corpus of {s:,}" for s in sizes) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in sizes) + " |",
    ]
    for label, key, form in CORPUS_ROWS:
        cells = [form.format(measured[key]) if key in measured else "—"]
        cells += [form.format(runs[s]["corpus"]["shape"][key]) for s in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def machine_table(info: dict) -> list[str]:
    """The Markdown table of the machine and the versions measured."""
    m, v = info["machine"], info["versions"]
    rows = [("date (UTC)", info["date"]), ("code", info["git"]), ("CPU", f"{m['cpu']} × {m['nproc']} (nproc)"),
            ("memory", f"{m['memory_gb']:.1f} GB"), ("load average at start", m["load"]),
            *[(name, version) for name, version in v.items()], ("seed", str(info["seed"]))]
    return ["| | |", "| --- | --- |", *[f"| {k} | {val} |" for k, val in rows]]


def markdown(info: dict, runs: dict[int, dict]) -> str:
    """The whole docs/benchmarks.md page."""
    parts = [
        "# Benchmarks", "",
        "Generated by `.venv/bin/python -m bench.run_bench` (sizes with `--sizes 100,1000`); do not edit by hand.",
        "The 30,000-article size is run on demand, `--sizes 30000 --merge`, which keeps the other sizes' runs",
        "(each size's column says when and on which code it was measured).",
        "The corpus is synthetic (bench/make_corpus.py, vocabulary in bench/vocabulary.yml): page-text dumps",
        "of news on development zones and industries from seven outlets' page layouts, 2 % reposts of",
        "earlier stories, from a fixed seed, as heavy as the sample articles (below). Each step runs in its",
        "own child process in a scratch project; see [scaling](scaling.md) for what the numbers mean.", "",
        "How it is measured: *wall* is time.perf_counter around the child process (interpreter start and",
        "imports included); *(in-process)* is time.perf_counter around the step's own call. *Peak memory*",
        "is the largest sum of resident memory of the child and its descendants (sampled from /proc every",
        "50 ms) and the kernel's peak RSS of the largest single process (os.wait4); the larger counts.",
        "MB means 2^20 bytes.",
        "*Search* (bench/search_measure.py): the built site is served on 127.0.0.1 and read by Debian's",
        "Chromium through Playwright, a fresh profile per script; *fetched* is the bodies of the responses",
        "for search files (workers' included) between typing a query into Material's search box and its",
        "results line showing, *time* the same span; the start-up is what the page fetched for search",
        "before the first query. `--compare-pagefind` indexes the same article, zone and industry pages",
        "with Pagefind's extended build and runs the same queries through its own API, loading the",
        "excerpts of 20 results as the project's search shows 20 (its first query includes its start-up).",
        "*Add one article* (after the search step): one more article is written into the inbox and",
        "`briefing build` runs (ingest, then the incremental build on the site of the step before); the",
        "site is then built again from nothing (no site/, no pages, no memos) and the two compared by one",
        "SHA-256 over every file's path and bytes. *Serve* (bench/serve_measure.py): `briefing serve` is",
        "started; once it serves, the newest record's title is changed and its page fetched every 0.2 s",
        "until it shows the new title (in brackets: the time to the first build); once that build is done and the",
        "record put back, one more news article is written into the inbox and the page of its record fetched",
        "until it is served.",
        "The machine is shared: other work was running, see the load average.", "",
        "## Machine", "", *machine_table(info), "",
        "## Corpus", "", *corpus_section(runs), "",
        "## Results", "", *results_table(runs), "",
        "## The issue's criteria", "", *criteria_table(runs), "",
    ]
    return "\n".join(parts)
