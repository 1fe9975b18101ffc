"""The API docs, offline: /docs (Swagger UI) and /redoc (ReDoc).

Their bundles are the pinned fastapi-offline package's static files, served
under /docs-assets, and their bootstrap is the web UI's static/docs.js, so
those pages allow nothing off-origin and no inline script either (ReDoc alone
may apply inline styles: it injects its CSS as <style> elements; see
``middleware.DOCS_CSPS``).
"""
from __future__ import annotations

import html
import json
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.openapi.docs import swagger_ui_default_parameters
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_ASSETS = "/docs-assets"  # fastapi-offline's static files: swagger-ui-bundle.js, -ui.css, redoc.standalone.js


def mount_docs(app: FastAPI) -> None:
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
