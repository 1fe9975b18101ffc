"""``redline ingest``, ``redline reanalyze``, ``redline clean`` and ``redline errors``."""
from __future__ import annotations

import os
import sys

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from ..errors import RedlineError
from ..ingest import IngestSummary, ItemResult, run_ingest
from .base import ISO_DATE, Ctx, cli, err, escape, out, pass_ctx, table


def _total_bytes(paths: tuple[str, ...], max_bytes: int) -> int | None:
    """Input size for the progress bar's ETA (None for stdin): the files ingest will read,
    found by the reader's own walk (no recursion, loops and unreadable folders skipped)."""
    from ..read.sources import Reader

    if "-" in paths:
        return None
    total = 0
    for entry in Reader(max_bytes=max_bytes).files(paths):
        if isinstance(entry, tuple):
            try:
                total += os.path.getsize(entry[0])
            except OSError:
                pass
    return total


class ArticleRate(TextColumn):
    """Articles per second, next to the byte-based bar and ETA."""

    def __init__(self):
        super().__init__("")

    def render(self, task):
        n = task.fields.get("items", 0)
        secs = task.elapsed or 0
        return f"{n} items, {n / secs:.1f}/s" if secs > 0 else f"{n} items"


@cli.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS/Atom/JSON feed or sitemap: saved (for redline watch --poll) and its new articles "
                   "fetched, politely, and ingested. May be given several times, with or without PATHs.")
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html", "jsonl", "warc"]), default="auto",
              show_default=True, help="Force an input format instead of detecting it.")
@click.option("--published", type=ISO_DATE, metavar="DATE",
              help="Publication date (YYYY-MM-DD, YYYY-MM or YYYY) for every item; overrides sidecars.")
@click.option("--source", metavar="OUTLET", help="Outlet name for every item; overrides sidecars.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the analysis runs: in this process, or on a Dask cluster (pip install 'redline[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="With --executor dask: an existing cluster's scheduler (tcp://host:8786); "
                   "without it a local cluster is started.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes for spaCy parsing; with --executor dask, the cluster's workers "
                   "(started, or waited for on --scheduler).")
@click.option("--no-analyze", is_flag=True, help="Only clean and store; skip entities, times and quotes.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any item failed.")
@pass_ctx
def ingest(c: Ctx, paths, feeds, fmt, published, source, executor, scheduler, workers, no_analyze, strict):
    """Read, clean, analyze and store articles.

    PATH is a file, a folder (read recursively) or - for stdin. Formats: plain text,
    HTML (optionally gzipped), JSON Lines (one article per line, with text or html and
    optional url, title, published, source, byline), and WARC. A NAME.meta.json beside
    NAME.txt or NAME.html supplies metadata.
    """
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    if not paths and not feeds:
        raise click.UsageError("give a PATH to read, or --feed URL")
    if feeds:
        from .watch import poll_feeds

        stored = poll_feeds(c, list(feeds))
        if not c.quiet and not c.json:
            out.print(f"{stored} articles stored from {len(feeds)} feed{'s' if len(feeds) != 1 else ''}",
                      highlight=False)
        if not paths:
            return
    show = not c.quiet and not c.json and err.is_terminal
    total = _total_bytes(paths, c.settings.max_bytes)
    progress = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn() if total is None else
                        TextColumn("{task.percentage:>3.0f}%"), ArticleRate(), TimeElapsedColumn(),
                        TextColumn("eta"), TimeRemainingColumn(), console=err, transient=True, disable=not show)
    task = progress.add_task("ingest", total=total, items=0)
    counted = 0

    def on_result(r: ItemResult) -> None:
        nonlocal counted
        _say(c, progress.console, r)
        if r.outcome != "warning":
            counted += 1
            progress.update(task, advance=r.nbytes, items=counted)

    with progress:
        summary = run_ingest(list(paths), store=c.open_store(create=True), settings=c.settings, format=fmt,
                             published=published, source=source, workers=workers, analyze=not no_analyze,
                             model=c.settings.model, on_result=on_result, executor=executor,
                             scheduler=scheduler)
    _report(c, summary)
    _exit_status(summary, strict)


@cli.command()
@click.argument("ids", nargs=-1, type=int, metavar="[ID...]")
@click.option("--all", "everything", is_flag=True, help="Every current article, e.g. after upgrading the model.")
@click.option("--strict", is_flag=True, help="Exit non-zero when any article failed again.")
@pass_ctx
def reanalyze(c: Ctx, ids, everything, strict):
    """Analyze stored articles again: the IDs given, every article (--all), or by
    default those whose analysis failed (see `redline errors`).

    The stored clean text is analysed again and stored as a new revision of the
    article (a new id; the old revision is kept), then linked like a new article.
    """
    if ids and everything:
        raise click.UsageError("give article IDs or --all, not both")
    from ..ingest import run_reanalyze

    summary = run_reanalyze(list(ids) if ids else None, everything=everything, store=c.store,
                            settings=c.settings, model=c.settings.model,
                            on_result=lambda r: _say(c, err, r))
    if c.json:
        c.emit_json(summary.to_dict())
    elif not c.quiet:
        k = summary.counts
        line = (f"reanalyzed {k['revised']}, failed {k['failed']}"
                + (f", analysis failed again {summary.analysis_failed}" if summary.analysis_failed else ""))
        if not (ids or everything) and not k["revised"] + k["failed"]:
            line = "no article's analysis has failed: nothing to reanalyze (IDs or --all choose others)"
        err.print(line, highlight=False)
    _exit_status(summary, strict)


def _say(c: Ctx, console, r: ItemResult) -> None:
    """One line for an item that failed, was stored with a failed analysis, or warns."""
    if c.json:
        return
    if r.outcome in ("failed", "warning"):
        console.print(f"[red]{r.outcome}[/]: {escape(r.message or r.name)}", highlight=False)
    elif r.analysis_error:
        console.print(f"[red]analysis failed[/]: {escape(r.name)}: {escape(r.analysis_error)} "
                      f"(stored as article {r.article_id})", highlight=False)


def _exit_status(s: IngestSummary, strict: bool) -> None:
    if s.interrupted:
        sys.exit(130)
    problems = s.counts["failed"] + s.analysis_failed + s.link_failed
    if problems and strict or s.counts["failed"] and s.stored + s.counts["unchanged"] == 0:
        sys.exit(1)


def _report(c: Ctx, s: IngestSummary) -> None:
    if c.json:
        c.emit_json(s.to_dict())
        return
    if c.quiet:
        return
    k = s.counts
    line = (f"ingested {k['ingested']}, unchanged {k['unchanged']}, revised {k['revised']}, failed {k['failed']}"
            + (f", analysis failed {s.analysis_failed}" if s.analysis_failed else "")
            + (f", linking failed {s.link_failed}" if s.link_failed else "")
            + (f", warnings {s.warnings}" if s.warnings else ""))
    if s.interrupted:
        line += " (interrupted: run again to continue)"
    elif s.stored == 0 and k["unchanged"] and not k["failed"]:
        line += " — nothing new to store"
    err.print(line, highlight=False)


@cli.command("link")
@pass_ctx
def link_cmd(c: Ctx):
    """Run the link stage over what the store holds that is not linked yet: stories,
    duplicate events, changes. Ingest and reanalyze do this after each batch; run it
    after upgrading redline, or after a run that was interrupted while linking."""
    from ..link import run

    summary = run(c.store)
    if c.json:
        c.emit_json({"linked": summary.linked, "merged": summary.merged, "threads": summary.threads,
                     "failed": [m for _, m in summary.failed]})
    elif not c.quiet:
        err.print(f"linked {summary.linked} articles into stories, merged {summary.merged} events, "
                  f"derived changes on {summary.threads} threads"
                  + (f"; {len(summary.failed)} linkers failed (see `redline errors`)" if summary.failed else ""),
                  highlight=False)
    if summary.failed:
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "text", "html"]), default="auto", show_default=True)
@click.option("--url", help="The page's URL (helps HTML metadata).")
@click.option("--meta", is_flag=True, help="Print the metadata too (as JSON with --json).")
@pass_ctx
def clean(c: Ctx, file, fmt, url, meta):
    """Print the clean text of FILE (or - for stdin)."""
    from .. import clean as clean_fn
    from ..read.sources import Reader

    reader = Reader(max_bytes=c.settings.max_bytes, format="auto")
    data = reader.load_bytes(file)
    if fmt == "auto" and file != "-":
        from ..read.sources import format_from_name

        fmt = format_from_name(file) if format_from_name(file) in ("text", "html") else "auto"
    try:
        result = clean_fn(data, format=fmt, url=url)
    except RedlineError as e:
        raise RedlineError(e.message, path=file if file != "-" else "<stdin>") from None
    if c.json:
        c.emit_json(result.to_dict())
        return
    if meta:
        for k in ("title", "byline", "dateline", "source", "categories", "published", "published_source",
                  "published_confidence"):
            click.echo(f"{k}: {getattr(result, k)}")
        click.echo()
    click.echo(result.text)


@cli.command()
@click.option("--limit", type=int, default=100, show_default=True)
@pass_ctx
def errors(c: Ctx, limit):
    """List recent ingest failures and warnings."""
    rows = c.store.list_errors(limit=limit)
    if c.json:
        c.emit_json(rows)
        return
    t = table("when", "level", "stage", "file", "line", "article", "reason")
    for r in rows:
        t.add_row(r["at"], r["level"], r["stage"], escape(r["path"] or ""), str(r["line"] or ""),
                  str(r["article_id"] or ""), escape(r["message"]))
    out.print(t)
