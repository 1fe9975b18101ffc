"""Queries over a store: timelines, exports, reports, plots and the positions tracker's data.

Each module reads through the Store interface only, and is shared by the CLI,
the REST API and the web UI.
"""
