"""Briefing: raw articles on China's regional industrial policy → records → a static briefing site."""

__version__ = "0.1.0"
