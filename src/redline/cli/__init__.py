"""The ``redline`` command line: thin commands over the Python API (see base.py)."""
from .base import cli, main
from . import analysis, articles, correct, ingest, serve, story, watch  # noqa: F401  (each module registers its commands on `cli`)

__all__ = ["cli", "main"]
