"""HTTP errors, handled in one place for the API and the web UI alike.

Every exception carries its HTTP status: redline's own errors map by class
(``NotFound`` is 404, a user error 400), the server's own add 401/403/413, and
anything else is a 500 with a generic message (the traceback goes to the log,
never to the client). JSON for ``/api/...``; an HTML page (the app's
``error.html`` template, from ``app.state.templates``) for the web UI.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, NotFound, ReadError, RedlineError

log = logging.getLogger("redline.api")

# The policy for our own HTML pages: scripts and styles from this origin only,
# never inline. Set here too because a 500 page is sent from outside the middleware.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


class ApiError(RedlineError):
    stage = "api"
    status = 400


class BadRequest(ApiError):
    status = 400


class Unauthorized(ApiError):
    status = 401


class Forbidden(ApiError):
    status = 403


class PageNotFound(ApiError):
    status = 404


def status_of(exc: RedlineError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, (ReadError, ConfigError)):
        return 400
    return 400 if exc.stage in {"read", "clean", "config"} else 500


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_response(request: Request, status: int, message: str, headers: dict | None = None):
    if _wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)
    templates = request.app.state.templates
    body = templates.get_template("error.html").render(request=request, status=status, message=message)
    return HTMLResponse(body, status_code=status, headers={**(headers or {}), "Content-Security-Policy": CSP})


def install(app: FastAPI) -> None:
    """Register the handlers: this is the one place errors become responses."""

    @app.exception_handler(RedlineError)
    async def _redline(request: Request, exc: RedlineError):
        status = status_of(exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return error_response(request, status, str(exc), headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return error_response(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        return error_response(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return error_response(request, 500, "internal error (see the server log)")
