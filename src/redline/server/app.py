"""The composition root: one FastAPI app with the REST API under /api, the web UI's pages and the docs.

``create_app`` builds it over one store path: the shared core (error handling,
security headers, body limit, the store pool behind ``deps.use_store``) wraps
both routers, which never import each other. Request bodies are capped
(``max_body``, default 16 MiB, or REDLINE_MAX_BODY_MB).
"""
from __future__ import annotations

import os
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..config import Settings
from . import errors
from .docs import mount_docs
from .middleware import BodyLimit, SecurityHeaders

MAX_BODY = 16 * 1024 * 1024  # an article's HTML page is rarely over a few MB


def create_app(store_path: str | None = None, token: str | None = None, *, analyze: bool = True,
               max_body: int | None = None, min_confidence: float | None = None) -> FastAPI:
    """The app over the store at ``store_path`` (default: REDLINE_DB or ./redline.db).

    ``token`` guards writes (default: the REDLINE_TOKEN environment variable);
    with none, ``POST /api/articles`` is refused. ``analyze=False`` stores
    posted articles without the spaCy analysis (for tests of the write path).
    ``max_body``: the largest request body in bytes (default REDLINE_MAX_BODY_MB
    MiB, else 16 MiB). ``min_confidence``: the confidence the list routes and pages show by
    default (default REDLINE_MIN_CONFIDENCE, else 0.5; ``?all=1`` shows everything).
    """
    from ..api import corrections, routes, write
    from .deps import StoreProvider
    from ..web import pages, templates_env

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.stores.close()

    app = FastAPI(title="redline", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Who did what, who said what, and how positions changed: every record points "
                              "back to the sentence it came from.")
    app.state.stores = StoreProvider(store_path or Settings().db)
    app.state.token = token if token is not None else (os.environ.get("REDLINE_TOKEN") or None)
    app.state.analyze = analyze
    app.state.min_confidence = min_confidence if min_confidence is not None else Settings().min_confidence
    app.state.templates = templates_env()
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    if max_body is None:
        env = os.environ.get("REDLINE_MAX_BODY_MB")
        max_body = int(float(env) * 1024 * 1024) if env else MAX_BODY
    app.add_middleware(BodyLimit, limit=max_body)
    static = resources.files("redline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    mount_docs(app)
    app.include_router(routes.router)
    app.include_router(write.router)
    app.include_router(corrections.router)
    app.include_router(pages.router)
    return app
