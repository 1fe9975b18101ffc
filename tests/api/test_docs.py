"""/docs and /redoc work offline: every asset comes from this origin (the pinned
fastapi-offline package's static files and our own bootstrap), and the pages'
Content-Security-Policy allows nothing else. The browser check is in
tests/web/test_browser.py."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

TYPES = {".js": ("text/javascript", "application/javascript"), ".css": ("text/css",), ".png": ("image/png",)}


class Refs(HTMLParser):
    """Every URL the page refers to (src, href), and the Swagger UI config."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.config = None
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.urls += [a[k] for k in ("src", "href") if a.get(k)]
        if a.get("data-config"):
            self.config = json.loads(a["data-config"])
        if a.get("data-spec-url"):
            self.urls.append(a["data-spec-url"])
        self._in_script = tag == "script" and not a.get("src")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        self._in_script = False


def refs(client, path: str) -> Refs:
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    p = Refs()
    p.feed(r.text)
    return p


def csp(client, path: str) -> dict[str, list[str]]:
    header = client.get(path).headers["content-security-policy"]
    return {d.split()[0]: d.split()[1:] for d in (x.strip() for x in header.split(";")) if d}


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_refer_only_to_this_origin(client, path):
    page = refs(client, path)
    assert page.urls and page.inline_scripts == 0
    for url in page.urls:
        assert url.startswith("/") and not url.startswith("//"), url
        r = client.get(url)
        assert r.status_code == 200, url
        ext = re.search(r"\.[a-z]+$", url)
        if ext and ext.group() in TYPES:
            assert r.headers["content-type"].split(";")[0] in TYPES[ext.group()], (url, r.headers["content-type"])
    assert any(u.endswith("/swagger-ui-bundle.js") or u.endswith("/redoc.standalone.js") for u in page.urls)
    assert "/static/docs.js" in page.urls  # the bootstrap, instead of an inline script


def test_swagger_ui_is_configured_for_our_spec(client):
    page = refs(client, "/docs")
    assert page.config["url"] == "/openapi.json" and page.config["dom_id"] == "#swagger-ui"
    assert page.config["validatorUrl"] is None  # no badge fetched from an online validator
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
    bundle = client.get(next(u for u in page.urls if u.endswith("swagger-ui-bundle.js"))).text
    version = re.search(r'PACKAGE_VERSION:"(\d+)\.', bundle)
    assert version and int(version.group(1)) >= 5  # Swagger UI renders OpenAPI 3.1 from v5 on


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_policy_allows_nothing_off_origin(client, path):
    policy = csp(client, path)
    assert policy["default-src"] == ["'none'"] and policy["script-src"] == ["'self'"]
    for directive, sources in policy.items():
        for src in sources:
            assert src in ("'self'", "'none'", "'unsafe-inline'", "data:", "blob:"), (directive, src)
    assert "'unsafe-inline'" not in policy["style-src"] or path == "/redoc"  # ReDoc injects <style> elements


def test_cdn_pages_are_gone(client):
    assert client.get("/docs/oauth2-redirect").status_code == 404  # no OAuth2 here
    assert "cdn.jsdelivr.net" not in client.get("/docs").text + client.get("/redoc").text
