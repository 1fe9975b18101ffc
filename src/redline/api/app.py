"""The FastAPI application: the REST API under /api and the web UI's pages.

``create_app`` builds it over one store path. Security headers are added to
every response by a small ASGI middleware: HTML pages of our own get a
Content-Security-Policy that allows scripts and styles from this origin only
(no inline script, no inline style), so markup smuggled inside an article
cannot run even if an escaping bug let it through. The API docs (/docs:
Swagger UI, /redoc: ReDoc) work offline: their bundles are the pinned
fastapi-offline package's static files, served under /docs-assets, and their
bootstrap is our own static/docs.js, so those pages allow nothing off-origin and
no inline script either (ReDoc alone may apply inline styles: it injects its CSS
as <style> elements). A second middleware caps request bodies
(``max_body``, default 16 MiB, or REDLINE_MAX_BODY_MB), so one oversized post
cannot fill the server's memory.
"""
from __future__ import annotations

import html
import json
import os
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.openapi.docs import swagger_ui_default_parameters
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from .. import __version__
from ..config import Settings
from . import errors
from .errors import CSP

# The docs pages: everything from this origin (Swagger UI's icons are data: URLs).
# ReDoc injects its CSS as <style> elements, created before it could give them a
# nonce, and runs its search in a blob: worker: it may do both, and no more.
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
REDOC_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "connect-src 'self'; worker-src blob:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
DOCS_CSPS = {"/docs": DOCS_CSP, "/redoc": REDOC_CSP}
DOCS_ASSETS = "/docs-assets"  # fastapi-offline's static files: swagger-ui-bundle.js, -ui.css, redoc.standalone.js
MAX_BODY = 16 * 1024 * 1024  # an article's HTML page is rarely over a few MB


class SecurityHeaders:
    """Pure ASGI middleware (no buffering, so streamed exports stay streamed)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        csp = DOCS_CSPS.get(scope["path"], CSP).encode()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers += [(b"content-security-policy", csp), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses a request body over ``limit`` bytes with 413, whether it declares its length or streams."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            response = JSONResponse({"error": {"status": 413, "message": self._message()}}, status_code=413)
            return await response(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, self._message())  # FastAPI re-raises it from the body read
            return message

        await self.app(scope, counted, send)

    def _message(self) -> str:
        mib = 1024 * 1024
        return f"request body over {self.limit / mib:g} MiB" if self.limit >= mib else \
            f"request body over {self.limit} bytes"


def _docs_pages(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc (ReDoc), every asset served from this origin.

    FastAPI's own pages (``get_swagger_ui_html``) bootstrap with an inline script;
    these load the same bundles and configuration with static/docs.js instead.
    """
    assets = resources.files("fastapi_offline").joinpath("static")
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(assets)), name="docs-assets")

    def page(request: Request, title: str, head: str, body: str) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return HTMLResponse(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{html.escape(app.title)} – {title}</title>\n"
            f"<link rel=\"icon\" href=\"{root}{DOCS_ASSETS}/favicon.png\">\n{head}</head>\n<body>\n{body}"
            f"<script src=\"{root}/static/docs.js\"></script>\n</body>\n</html>\n")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        config = {**swagger_ui_default_parameters, **(app.swagger_ui_parameters or {}),
                  "url": root + app.openapi_url, "validatorUrl": None}  # no badge from an online validator
        return page(request, "Swagger UI", f"<link rel=\"stylesheet\" href=\"{root}{DOCS_ASSETS}/swagger-ui.css\">\n",
                    f"<div id=\"swagger-ui\" data-config=\"{html.escape(json.dumps(config))}\"></div>\n"
                    f"<script src=\"{root}{DOCS_ASSETS}/swagger-ui-bundle.js\"></script>\n")

    @app.get("/redoc", include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return page(request, "ReDoc", "",
                    f"<div id=\"redoc\" data-spec-url=\"{html.escape(root + app.openapi_url)}\"></div>\n"
                    f"<script src=\"{root}{DOCS_ASSETS}/redoc.standalone.js\"></script>\n")


def create_app(store_path: str | None = None, token: str | None = None, *, analyze: bool = True,
               max_body: int | None = None) -> FastAPI:
    """The app over the store at ``store_path`` (default: REDLINE_DB or ./redline.db).

    ``token`` guards writes (default: the REDLINE_TOKEN environment variable);
    with none, ``POST /api/articles`` is refused. ``analyze=False`` stores
    posted articles without the spaCy analysis (for tests of the write path).
    ``max_body``: the largest request body in bytes (default REDLINE_MAX_BODY_MB
    MiB, else 16 MiB).
    """
    from ..web import pages, templates_env
    from . import routes, write
    from .deps import StoreProvider

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
    app.state.templates = templates_env()
    errors.install(app)
    app.add_middleware(SecurityHeaders)
    if max_body is None:
        env = os.environ.get("REDLINE_MAX_BODY_MB")
        max_body = int(float(env) * 1024 * 1024) if env else MAX_BODY
    app.add_middleware(BodyLimit, limit=max_body)
    static = resources.files("redline.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    _docs_pages(app)
    app.include_router(routes.router)
    app.include_router(write.router)
    app.include_router(pages.router)
    return app
