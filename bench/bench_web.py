"""Page load time of each web page (and the main API reads) on a 10k-article store.

The store is the one ``bench_queries.py`` builds and caches (under
~/.cache/redline-bench): a base of really analyzed articles (the seeds, the
examples and PolNeAR dev texts) replicated to 10,000 distinct articles, each
copy stored with its base's analysis through the normal ``put_article`` path,
then linked into stories. So every page reads a store with 10k articles and
their entities, quotes, events and positions at realistic density.

The app is served by uvicorn on a loopback port and fetched over real HTTP
(httpx); each figure is the median of several fetches of the whole page, after
one warm-up. Figures are printed as ratios against a baseline request in the
same run (``GET /api/articles?limit=1``), and in ms. When Debian's chromium is
installed, each HTML page is also loaded in the browser (Playwright; navigation
to the ``load`` event, stylesheet and script included): the "browser" column.

    .venv/bin/python bench/bench_web.py [--articles 10000] [--repeat 7]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from bench.bench_queries import ensure_store, timed  # noqa: E402

ABOUT = "strikes inside Russia with Western weapons"
ANCHORS = {"page_ms": ("issue 5: pages are fast (datasette's spirit); no anchor figure is given", None)}


def pages(db: str) -> dict[str, str]:
    """One address per page kind, chosen from the store itself."""
    from redline.link.about import positions_about
    from redline.store import open_store

    st = open_store(db)
    try:
        story = max(st.list_stories(limit=50), key=lambda s: len(s["article_ids"]))
        entity = st.list_entities(type="GPE", limit=1)[0]
        pos = positions_about(st, ABOUT, limit=1)
        article = pos[0]["article_id"] if pos else st.list_articles(limit=1)[0]["id"]
        hl = f"{pos[0]['evidence']['start']}-{pos[0]['evidence']['end']}" if pos else "0-10"
        total = st.count_articles()
    finally:
        st.close()
    return {
        "_articles": str(total),
        "baseline": "/api/articles?limit=1",
        "home": "/",
        "story": f"/stories/{story['id']}",
        "positions": f"/positions?about={quote(ABOUT)}",
        "entity": f"/entities/{entity['id']}",
        "article": f"/articles/{article}?hl={hl}",
        "search": "/search?q=missiles",
        "api_timeline_story": f"/api/timeline?story={story['id']}",
        "api_positions_about": f"/api/positions?about={quote(ABOUT)}",
        "api_changes": "/api/changes",
        "_story_articles": str(len(story["article_ids"])),
    }


def measure(db: str, repeat: int = 7) -> dict[str, float]:
    import httpx

    from redline.server import create_app
    from web.conftest import LiveServer  # tests/web/conftest.py: uvicorn on a free loopback port

    urls = pages(db)
    figures: dict[str, float] = {"articles": float(urls.pop("_articles")),
                                 "story_articles": float(urls.pop("_story_articles"))}
    with LiveServer(create_app(db, token=None)) as srv, httpx.Client(base_url=srv.url, timeout=120) as client:
        for name, url in urls.items():
            r = client.get(url)  # warm-up (and the entity index, on first use)
            r.raise_for_status()
            figures[f"{name}_ms"] = timed(lambda: client.get(url), repeat)
            figures[f"{name}_kb"] = len(r.content) / 1024
        figures.update(browser_load(srv.url, {k: v for k, v in urls.items() if not k.startswith(("api_", "base"))},
                                    max(3, repeat // 2)))
    return figures


def browser_load(base: str, urls: dict[str, str], repeat: int) -> dict[str, float]:
    """Median time from navigation to the load event in headless chromium, per page ({} without chromium)."""
    from web.conftest import CHROMIUM, CHROMIUM_ARGS

    if not os.path.exists(CHROMIUM):
        return {}
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, url in urls.items():
            page.goto(base + url, wait_until="load")  # warm-up
            out[f"{name}_browser_ms"] = timed(lambda: page.goto(base + url, wait_until="load"), repeat)
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--base", type=int, default=80, help="PolNeAR dev articles in the analyzed base (if built here)")
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    db, _ = ensure_store(args.articles, args.base)
    f = measure(db, args.repeat)
    base = f["baseline_ms"]
    print(f"store: {f['articles']:,.0f} articles (largest story: {f['story_articles']:,.0f} articles); "
          f"baseline GET /api/articles?limit=1: {base:.2f} ms   ({ANCHORS['page_ms'][0]})")
    for k in [k for k in f if k.endswith("_ms") and not k.endswith("_browser_ms") and k != "baseline_ms"]:
        name = k[:-3]
        browser = f.get(f"{name}_browser_ms")
        shown = f"   browser load {browser:7.1f} ms" if browser is not None else ""
        print(f"{name:<22} {f[k]:8.1f} ms   ×{f[k] / base:6.1f} baseline   {f[name + '_kb']:8.1f} KB{shown}")


if __name__ == "__main__":
    main()
