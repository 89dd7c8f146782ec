"""The briefing pages: formatting, per-script views, key figures, charts, data files and search helpers."""
