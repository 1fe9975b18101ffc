"""The HTTP server: one core (app factory, errors, security headers, body limit, the store
dependency) under the REST API (``redline.api``) and the web UI (``redline.web``).

``create_app(store_path, token)`` is the composition root that mounts both.
"""
from .app import create_app

__all__ = ["create_app"]
