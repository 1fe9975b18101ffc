"""``redline watch``: saved queries and what is new on them; feeds polled for new articles."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import click

from ..errors import NotFound
from ..ingest import run_ingest
from ..query.confidence import speaker_label
from ..query.watch import kind_of, look
from ..read.feeds import FeedError, Fetcher, article_links
from .base import Ctx, cli, err, escape, out, pass_ctx, show_all_option

KINDS = ("auto", "proposition", "entity", "story")
MAX_ITEMS = 50  # new articles fetched from one feed in one poll


def poll_feeds(c: Ctx, urls: list[str] | None = None, *, max_items: int = MAX_ITEMS, delay: float = 1.0) -> int:
    """Read each feed (all saved ones, or ``urls``, saved first), fetch the articles it lists that were
    not read before, politely, and ingest them; returns how many articles were stored. A feed or
    article that cannot be fetched is one line in ``redline errors`` and the run goes on."""
    store = c.open_store(create=True)
    for url in urls or []:
        store.add_feed(url)
    feeds = [f for f in store.list_feeds() if not urls or f["url"] in urls]
    fetcher = Fetcher(delay=delay, max_bytes=c.settings.max_bytes)
    stored = 0
    for feed in feeds:
        try:
            links = article_links(feed["url"], fetcher)
        except FeedError as e:
            store.record_error(path=feed["url"], line=None, stage="feed", message=e.message)
            err.print(f"redline: {escape(str(e))}", highlight=False)
            continue
        new = [u for u in links if u not in set(feed["seen"])][:max_items]
        fetched: list[dict[str, Any]] = []
        for url in new:
            try:
                fetched.append({"html": fetcher.get(url).decode("utf-8", "replace"), "url": url})
            except FeedError as e:
                store.record_error(path=url, line=None, stage="feed", message=e.message)
                err.print(f"redline: {escape(str(e))}", highlight=False)
        if fetched:
            with tempfile.TemporaryDirectory() as tmp:
                batch = Path(tmp) / "feed.jsonl"
                batch.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in fetched), encoding="utf-8")
                summary = run_ingest([str(batch)], store=store, settings=c.settings)
                stored += summary.stored
        # a link whose fetch failed is tried again at the next poll
        store.mark_feed_polled(feed["url"], [a["url"] for a in fetched])
        if not c.quiet:
            out.print(f"{escape(feed['url'])}: {len(links)} links, {len(new)} new, {len(fetched)} fetched",
                      highlight=False)
    return stored


def _print_news(items: list[dict[str, Any]]) -> None:
    if not items:
        out.print("no watches: add one with redline watch add \"QUERY\"", style="dim", highlight=False)
        return
    for n in items:
        w = n["watch"]
        out.print(f"[bold]#{w['id']} {escape(w['query'])}[/] [dim]({w['kind']})[/]", highlight=False)
        if "error" in n:
            out.print(f"  {escape(n['error'])}", style="dim", highlight=False)
            continue
        if not (n["changes"] or n["positions"] or n["quotes"]):
            out.print("  nothing new", style="dim", highlight=False)
        for ch in n["changes"]:
            out.print(f"  [yellow]change[/] {escape(ch.get('holder_name') or '?')} on {escape(ch['proposition'])}: "
                      f"{ch['from']['stance']} → [bold]{ch['to']['stance']}[/] ({ch['to'].get('date') or '?'})",
                      highlight=False)
        for p in n["positions"]:
            out.print(f"  position {escape(p.get('holder_name') or '?')} {p['stance']}: {escape(p['proposition'])} "
                      f"({p.get('date') or 'undated'})", highlight=False)
        for q in n["quotes"]:
            text = q["text"] if len(q["text"]) < 160 else q["text"][:159] + "…"
            out.print(f"  quote {escape(speaker_label(q))}: {escape(text)}", highlight=False)
        more = {k: v - len(n[k]) for k, v in n["counts"].items() if v > len(n[k])}
        if more:
            out.print("  and " + ", ".join(f"{v} more {k}" for k, v in more.items()), style="dim", highlight=False)


@cli.group(invoke_without_command=True)
@click.option("--peek", is_flag=True, help="Show what is new without marking it seen.")
@click.option("--poll", is_flag=True, help="First read the saved feeds and ingest their new articles.")
@show_all_option
@pass_ctx
@click.pass_context
def watch(ctx: click.Context, c: Ctx, peek: bool, poll: bool, show_all: bool):
    """What is new on each watched query since the last look: changes first, then positions and quotes."""
    if ctx.invoked_subcommand is not None:
        return
    if poll:
        poll_feeds(c)
    items = look(c.store, min_confidence=c.threshold(show_all), peek=peek)
    if c.json:
        c.emit_json(items)
        return
    _print_news(items)


@watch.command("add")
@click.argument("query")
@click.option("--kind", type=click.Choice(KINDS), default="auto", show_default=True,
              help="auto: a story's number, an entity's name, else a proposition in your words.")
@pass_ctx
def watch_add(c: Ctx, query: str, kind: str):
    """Save a query to watch (a proposition, a holder or entity, a story)."""
    if not query.strip():
        raise click.UsageError("a watch needs a query")
    store = c.open_store(create=True)
    kind = kind_of(store, query) if kind == "auto" else kind
    if kind == "story" and not (query.strip().isdigit() and store.get_story(int(query))):
        raise click.UsageError(f"no story {query!r} (see 'redline stories')")
    w = store.add_watch(query.strip(), kind)
    if c.json:
        c.emit_json(w)
    elif not c.quiet:
        out.print(f"watching #{w['id']} {escape(w['query'])} ({kind})", highlight=False)


@watch.command("list")
@pass_ctx
def watch_list(c: Ctx):
    """The saved watches and when each was last looked at."""
    rows = c.store.list_watches()
    if c.json:
        c.emit_json(rows)
        return
    for w in rows:
        out.print(f"#{w['id']} {escape(w['query'])} ({w['kind']}) · last look {w['seen_at'] or 'never'}",
                  highlight=False)
    if not rows:
        out.print("no watches", style="dim")


@watch.command("remove")
@click.argument("watch_id", type=int)
@pass_ctx
def watch_remove(c: Ctx, watch_id: int):
    """Forget a watch."""
    try:
        c.store.remove_watch(watch_id)
    except NotFound as e:
        raise click.UsageError(str(e)) from None
    if not c.quiet:
        out.print(f"removed watch #{watch_id}")
