"""Feeds: the article links of an RSS/Atom/JSON feed or a sitemap, and polite fetching of them.

trafilatura's ``feeds`` and ``sitemaps`` modules parse the documents (feed
formats, sitemap indexes, relative links, same-site filtering); the fetching
is done here, because trafilatura's own downloader refuses non-public
addresses (right for a crawler, wrong for a newsroom's intranet feed or a
test's local server) and because a user's machine must be a polite client:

- one request at a time, at least ``delay`` seconds apart on one host;
- the site's robots.txt is read once per host and obeyed;
- a timeout, a size cap (REDLINE_MAX_BYTES) and http(s) only;
- at most ``max_items`` new articles per poll, the newest links first as the
  feed lists them.

A feed or article that cannot be fetched is one line in the run's errors,
never the end of the run.
"""
from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from trafilatura import feeds as tf_feeds
from trafilatura import sitemaps as tf_sitemaps

from ..errors import ReadError

class FeedError(ReadError):
    """A feed, sitemap or article that could not be fetched (one line, naming the URL)."""

    stage = "feed"


USER_AGENT = "redline/0.1 (+https://github.com/redline; polite news reader)"
MAX_SITEMAPS = 20  # sitemaps read from one sitemap index in one poll


@dataclass
class Fetcher:
    """Polite HTTP GETs: a per-host delay, robots.txt, a timeout and a size cap."""

    delay: float = 1.0
    timeout: float = 15.0
    max_bytes: int = 20 * 1024 * 1024
    user_agent: str = USER_AGENT
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def get(self, url: str) -> bytes:
        """The body of ``url``; ReadError (one line, naming the URL) when it cannot be had."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FeedError(f"not an http(s) URL: {url!r}", path=url)
        if not self._allowed(url):
            raise FeedError("refused by the site's robots.txt", path=url)
        self._wait(parts.netloc)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (http(s) only)
                body = response.read(self.max_bytes + 1)
        except urllib.error.HTTPError as err:
            raise FeedError(f"HTTP {err.code} {err.reason}", path=url) from None
        except (urllib.error.URLError, OSError, ValueError) as err:
            reason = getattr(err, "reason", err)
            raise FeedError(f"cannot fetch: {reason}", path=url) from None
        finally:
            self._last[parts.netloc] = time.monotonic()
        if len(body) > self.max_bytes:
            raise FeedError(f"over {self.max_bytes // (1024 * 1024)} MB", path=url)
        return body

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            parser = urllib.robotparser.RobotFileParser()
            try:
                self._wait(parts.netloc)
                request = urllib.request.Request(urljoin(host, "/robots.txt"),
                                                 headers={"User-Agent": self.user_agent})
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                    parser.parse(response.read(512 * 1024).decode("utf-8", "replace").splitlines())
            except urllib.error.HTTPError as err:
                # No robots.txt (404) allows everything; a 401/403 on it forbids everything (RFC 9309).
                parser.parse(["User-agent: *", "Disallow: /"] if err.code in (401, 403) else [])
            except (urllib.error.URLError, OSError, ValueError):
                parser.parse([])  # unreachable robots.txt: the fetch itself will say what is wrong
            finally:
                self._last[parts.netloc] = time.monotonic()
            self._robots[host] = parser
        robots = self._robots[host]
        return robots is None or robots.can_fetch(self.user_agent, url)


def _text(body: bytes) -> str:
    return body.decode("utf-8", "replace")


def is_sitemap(content: str) -> bool:
    head = content.lstrip()[:2000].lower()
    return "<urlset" in head or "<sitemapindex" in head


def article_links(url: str, fetcher: Fetcher, *, external: bool = False) -> list[str]:
    """The article URLs a feed or sitemap at ``url`` lists (a web page: the feed it links to),
    in the order the document gives them, each once, on the feed's own site unless ``external``."""
    content = _text(fetcher.get(url))
    if is_sitemap(content):
        return _sitemap_links(url, content, fetcher, external)
    links = _feed_links(url, content, external)
    if not links and "<html" in content[:5000].lower():  # a page that links its feed
        params = tf_feeds.FeedParameters(url, urlsplit(url).netloc, url, external)
        for feed in tf_feeds.determine_feed(content, params)[:1]:
            links = _feed_links(feed, _text(fetcher.get(feed)), external)
    return links


def _keep(link: str, site: str, feed_url: str, external: bool) -> str | None:
    """A feed's link as an article URL, or None: http(s), on the feed's site (its host, any port)
    unless ``external``, and not the feed itself or a site's front page (a feed's channel link).
    courlan's own check is not used: it refuses hosts without a public suffix (an intranet
    name, an address), which a newsroom's own feeds may well have."""
    absolute = urljoin(feed_url, link.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if not external and parts.hostname != urlsplit(site).hostname:
        return None
    if absolute == feed_url or parts.path in ("", "/"):
        return None
    return absolute


def _feed_links(url: str, content: str, external: bool) -> list[str]:
    params = tf_feeds.FeedParameters(url, urlsplit(url).netloc, url, external)
    found = tf_feeds.find_links(content.strip(), params)  # RSS, Atom and JSON feeds
    return list(dict.fromkeys(k for k in (_keep(x, url, url, external) for x in found) if k))


class _Sitemap(tf_sitemaps.SitemapObject):
    """trafilatura's sitemap reader (XML, text sitemaps, indexes), keeping links by ``_keep``."""

    def handle_link(self, link: str) -> None:
        kept = _keep(link, self.base_url, self.current_url, self.external)
        if kept is None or kept == self.current_url:
            return
        if tf_sitemaps.DETECT_SITEMAP_LINK.search(kept):
            self.sitemap_urls.append(kept)
        else:
            self.urls.append(kept)


def _sitemap_links(url: str, content: str, fetcher: Fetcher, external: bool) -> list[str]:
    parts = urlsplit(url)
    found: list[str] = []
    queue, seen = [(url, content)], {url}
    while queue:
        current, text = queue.pop(0)
        sm = _Sitemap(f"{parts.scheme}://{parts.netloc}", parts.netloc, [], external=external)
        sm.current_url, sm.content = current, text
        sm.process()
        found.extend(sm.urls)
        for child in sm.sitemap_urls:
            if child not in seen and len(seen) < MAX_SITEMAPS:
                seen.add(child)
                try:
                    queue.append((child, _text(fetcher.get(child))))
                except FeedError:
                    continue  # one unreadable child sitemap does not cost the others
    return list(dict.fromkeys(found))
