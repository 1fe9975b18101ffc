"""The REST API (and the web UI's pages) over a store: ``create_app(store_path, token)``."""
from .app import create_app

__all__ = ["create_app"]
