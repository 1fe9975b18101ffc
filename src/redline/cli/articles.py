"""``redline articles``, ``show``, ``search``, ``export`` and ``report``."""
from __future__ import annotations

import re
import sys

import click

from ..errors import RedlineError, found
from ..query.export import KINDS, iter_records, write_csv, write_jsonl
from ..query.tables import TABLE_KINDS, table_rows, write_table, write_zip
from ..store import shown
from .base import CONFIDENCE, Ctx, cli, escape, out, pass_ctx, table


def _date_cell(a: dict) -> tuple[str, str]:
    if not a.get("published"):
        return "—", "unknown"
    src = a.get("published_source") or "?"
    conf = a.get("published_confidence") or 0
    return a["published"], src if conf >= 0.5 else f"{src} (guess {conf:.1f})"


@cli.command()
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--all-revisions", is_flag=True, help="Include earlier revisions of changed articles.")
@pass_ctx
def articles(c: Ctx, limit, offset, all_revisions):
    """List stored articles: id, date, date source, outlet, title and length."""
    rows = c.store.list_articles(limit=limit, offset=offset, all_revisions=all_revisions)
    if c.json:
        c.emit_json(rows)
        return
    t = table("id", "date", "date source", "outlet", "title", "length")
    for a in rows:
        date, src = _date_cell(a)
        rev = f" (rev {a['revision']})" if a.get("revision", 1) > 1 else ""
        t.add_row(str(a["id"]), date, src, escape(a.get("source") or "—"),
                  escape((a.get("title") or a.get("name") or "") + rev), f"{a['length']:,}")
    out.print(t)
    total = c.store.count_articles(all_revisions=all_revisions)
    if not c.quiet and total > len(rows):
        out.print(f"{len(rows)} of {total} shown (use --limit/--offset)", style="dim")


@cli.command()
@click.argument("article_id", type=int)
@click.option("--raw", is_flag=True, help="Print the raw content as it was read.")
@pass_ctx
def show(c: Ctx, article_id, raw):
    """Show one article's metadata and clean text."""
    a = found(c.store.get_article(article_id), "article", article_id)
    if raw:
        r = c.store.get_raw(article_id)
        sys.stdout.buffer.write(r["content"] if r else b"")
        return
    if c.json:
        c.emit_json(a)
        return
    date, src = _date_cell(a)
    for label, value in (("title", a.get("title")), ("outlet", a.get("source")), ("url", a.get("url")),
                         ("byline", a.get("byline")), ("dateline", a.get("dateline")),
                         ("published", f"{date} ({src})"), ("categories", ", ".join(a.get("categories") or [])),
                         ("revision", a.get("revision")), ("read from", a.get("name"))):
        if value:
            out.print(f"[bold]{label}:[/] {escape(str(value))}", highlight=False)
    if a.get("summary"):
        out.print(f"[bold]summary:[/] {escape(a['summary'])}", highlight=False)
    out.print()
    click.echo(a["text"])


@cli.command()
@click.argument("query")
@click.option("--limit", type=int, default=20, show_default=True)
@pass_ctx
def search(c: Ctx, query, limit):
    """Full-text search over clean text, with highlighted snippets."""
    rows = c.store.search(query, limit=limit)
    if c.json:
        c.emit_json(rows)
        return
    if not rows:
        out.print("no matches", style="dim")
        return
    for r in rows:
        snippet = re.sub(r"<b>(.*?)</b>", r"[bold yellow]\1[/]", escape(r["snippet"]))
        out.print(f"[bold]{r['id']}[/] {escape(r.get('published') or '—')}  {escape(r.get('title') or '')}",
                  highlight=False)
        out.print(f"    {snippet}", highlight=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "zip", "contract-csv"]), default="jsonl",
              show_default=True,
              help="jsonl: every record of the data contract; csv: one readable table (names, outlet, title, URL, "
                   "date, evidence sentence, confidence); zip: every readable table (needs -o); contract-csv: one "
                   "kind's contract fields, JSON in its cells.")
@click.option("--kind", type=click.Choice(KINDS), default=None,
              help="Only this kind of record (a CSV is one kind: default position, or article for contract-csv).")
@click.option("--story", "story_id", type=int, default=None, help="Only this story: its articles and their records.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@click.option("--min-confidence", type=CONFIDENCE, metavar="X", default=None,
              help="Only quotes, events, positions and changes at least X confident (0-1), and those of "
                   "unknown confidence (default: every record).")
@pass_ctx
def export(c: Ctx, fmt, kind, story_id, output, min_confidence):
    """Export records as JSON Lines (the data contract), readable CSV tables, or a zip of them."""
    if fmt == "zip" and not output:
        raise click.UsageError("--format zip writes a file: give it with -o FILE.zip")
    if fmt == "csv" and kind is not None and kind not in TABLE_KINDS:
        raise click.UsageError(f"no readable table for {kind!r}; choose one of {', '.join(TABLE_KINDS)} "
                         "(or --format contract-csv)")
    if story_id is not None and c.store.get_story(story_id) is None:
        raise click.UsageError(f"no story {story_id} (see 'redline stories')")
    try:
        fh = open(output, "wb" if fmt == "zip" else "w", **({} if fmt == "zip" else
                                                            {"encoding": "utf-8", "newline": ""})) \
            if output else sys.stdout
    except OSError as e:
        raise RedlineError(f"cannot write: {e.strerror}", path=output) from None
    try:
        if fmt == "zip":
            n = sum(write_zip(c.store, fh, story_id=story_id, min_confidence=min_confidence).values())
        elif fmt == "csv":
            kind = kind or "position"
            n = write_table(table_rows(c.store, kind, story_id=story_id, min_confidence=min_confidence), fh, kind)
        else:
            records = iter_records(c.store, [kind] if kind else None, min_confidence=min_confidence,
                                   story_id=story_id)
            n = write_jsonl(records, fh) if fmt == "jsonl" else write_csv(records, fh, kind or "article")
    finally:
        if output:
            fh.close()
    if output and not c.quiet:
        out.print(f"wrote {n} records to {escape(output)}", style="dim")


@cli.command()
@pass_ctx
def report(c: Ctx):
    """Summarise what the store holds (what the main job prints after ingesting)."""
    from ..query.report import build_report

    rep = build_report(c.store, min_confidence=c.settings.min_confidence)
    if c.json:
        c.emit_json(rep)
        return
    out.print(f"[bold]{rep['articles']} articles[/] in {escape(shown(c.settings.db))}", highlight=False)
    t = table("id", "date", "outlet", "title", "words")
    for a in rep["recent"]:
        t.add_row(str(a["id"]), a.get("published") or "—", escape(a.get("source") or "—"),
                  escape(a.get("title") or a.get("name") or ""), f"{a['words']:,}")
    out.print(t)
    for section, rows in rep.get("sections", {}).items():
        if rows:
            out.print(f"\n[bold]{escape(section)}[/]", highlight=False)
            for line in rows:
                out.print(f"  {escape(line)}", highlight=False)
    if rep["errors"]:
        out.print(f"\n{rep['errors']} ingest problems recorded: see `redline errors`", style="yellow")
