"""Two pure ASGI middlewares (no buffering, so streamed exports stay streamed).

``SecurityHeaders`` adds the security headers to every response: HTML pages of
our own get a Content-Security-Policy that allows scripts and styles from this
origin only (no inline script, no inline style), so markup smuggled inside an
article cannot run even if an escaping bug let it through; the API docs pages
get theirs (``DOCS_CSPS``). ``BodyLimit`` caps request bodies, so one oversized
post cannot fill the server's memory.
"""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

from .errors import CSP

# The docs pages: everything from this origin (Swagger UI's icons are data: URLs).
# ReDoc injects its CSS as <style> elements, created before it could give them a
# nonce, and runs its search in a blob: worker: it may do both, and no more.
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
REDOC_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "connect-src 'self'; worker-src blob:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")
DOCS_CSPS = {"/docs": DOCS_CSP, "/redoc": REDOC_CSP}


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
