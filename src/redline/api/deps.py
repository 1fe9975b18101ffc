"""The bearer-token check for the API's writes (the store pool is the server core's: server/deps.py)."""
from __future__ import annotations

import hmac
from fastapi import Request

from ..server.errors import Forbidden, Unauthorized


def check_token(request: Request) -> None:
    """401 without a bearer token, 403 with a wrong one; with no token configured, writes are refused."""
    expected: str | None = request.app.state.token
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if not expected:
        raise Forbidden("writes are disabled: start the server with REDLINE_TOKEN set")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("a bearer token is required (Authorization: Bearer <REDLINE_TOKEN>)")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Forbidden("wrong token")
