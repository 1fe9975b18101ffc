"""``redline events``, ``positions`` and ``changes``."""
from __future__ import annotations

import click

from ..errors import NotFound
from ..query.confidence import confident_positions
from .analysis import _resolve
from .base import EVENT_TYPE, ISO_DATE, Ctx, cli, escape, out, pass_ctx, show_all_option, table


def _ids(c: Ctx, name: str | None) -> list[int] | None:
    if not name:
        return None
    ids = [e["id"] for e in _resolve(c, name)]
    if not ids:
        raise NotFound(f"no entity named {name!r}")
    return ids


def _cut(text: str, n: int = 220) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@cli.command()
@click.option("--actor", metavar="X", help="Only events with this entity as actor, recipient or location.")
@click.option("--type", "type_", type=EVENT_TYPE, metavar="TYPE",
              help=f"Only this PLOVER type, in any case: {', '.join(EVENT_TYPE.choices)}.")
@click.option("--since", type=ISO_DATE, metavar="DATE",
              help="Only events dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--limit", type=int, default=100, show_default=True)
@show_all_option
@pass_ctx
def events(c: Ctx, actor, type_, since, limit, show_all):
    """Who did what to whom: PLOVER events with their evidence."""
    rows = c.store.list_events(actor_ids=_ids(c, actor), type=type_, since=since, limit=limit,
                               min_confidence=c.threshold(show_all))
    if c.json:
        c.emit_json(rows)
        return
    t = table("date", "type", "actor", "trigger", "recipient", "modality", "evidence")
    for e in rows:
        trig = ("NOT " if e["negated"] else "") + (e.get("trigger") or "")
        t.add_row((e.get("date") or {}).get("start") or "—", e["type"], escape(", ".join(filter(None, e["actor_names"]))),
                  escape(trig), escape(", ".join(filter(None, e["recipient_names"]))), e["modality"],
                  escape(_cut(e["evidence"][0]["sentence"])) if e["evidence"] else "")
    out.print(t)


@cli.command()
@click.option("--holder", metavar="X", help="Only positions held (or voiced) by this entity.")
@click.option("--about", metavar="TEXT",
              help="Only positions on propositions about this free text, the most similar first.")
@click.option("--limit", type=int, default=100, show_default=True)
@show_all_option
@pass_ctx
def positions(c: Ctx, holder, about, limit, show_all):
    """What each actor stands for, when: holder, proposition, stance, qualifier, date and source."""
    rows = confident_positions(c.store, about, holder_ids=_ids(c, holder), limit=limit,
                               min_confidence=c.threshold(show_all))
    if c.json:
        c.emit_json(rows)
        return
    if not rows and about and about.strip():
        out.print(f"no positions on propositions about {about!r}{f' held by {holder}' if holder else ''}"
                  " (see 'redline propositions')", style="dim", highlight=False, markup=False)
        return
    t = table("holder", "proposition", "stance", "qualifier", "date", "source")
    for p in rows:
        who = p["holder_name"] + (f" (via {p['speaker_name']})" if p.get("speaker_name") and
                                  p["speaker_name"] != p["holder_name"] else "")
        stance = "[green]for[/]" if p["stance"] == "for" else "[red]against[/]"
        date = p.get("date") or (f"before {p['before']}" if p.get("before") else "—")
        src = f"#{p['article_id']} {p.get('article_published') or ''}\n{_cut(p['evidence']['sentence'], 180)}"
        more = len(p.get("all_evidence") or []) - 1
        if more > 0:  # the article restates it: one position, several sentences (--json lists them)
            src += f"\n(+{more} more sentence{'s' if more > 1 else ''})"
        t.add_row(escape(who), escape(p["proposition"]), stance, escape(p.get("qualifier") or ""), date, escape(src))
    out.print(t)


@cli.command()
@click.option("--since", type=ISO_DATE, metavar="DATE",
              help="Only changes whose new stance is dated on or after DATE (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--holder", metavar="X", help="Only this holder's changes.")
@show_all_option
@pass_ctx
def changes(c: Ctx, since, holder, show_all):
    """Position changes: a holder's stance on a proposition that differs from its previous dated stance."""
    rows = c.store.list_changes(since=since, holder_ids=_ids(c, holder), min_confidence=c.threshold(show_all))
    if c.json:
        c.emit_json(rows)
        return
    if not rows:
        out.print("no position changes", style="dim")
        return
    for ch in rows:
        f, t_ = ch["from"], ch["to"]
        scope = lambda e: f", {e['qualifier']}" if e.get("qualifier") else ""  # noqa: E731
        out.print(f"[bold]{escape(ch['holder_name'])}[/] on {escape(ch['proposition'])}: "
                  f"{f['stance']} ({f.get('when', f['date'])}{escape(scope(f))}) → [bold]{t_['stance']}[/] "
                  f"({t_['date']}{escape(scope(t_))})", highlight=False)
        out.print(f"   from #{f['article_id']}: {escape(_cut(f['sentence']))}", highlight=False, style="dim")
        out.print(f"   to   #{t_['article_id']}: {escape(_cut(t_['sentence']))}", highlight=False, style="dim")


@cli.command()
@click.option("--limit", type=int, default=100, show_default=True)
@pass_ctx
def stories(c: Ctx, limit):
    """Developing stories: articles grouped by text, shared entities and time."""
    rows = c.store.list_stories(limit=limit)
    if c.json:
        c.emit_json(rows)
        return
    t = table("id", "title", "from", "to", "articles")
    for s in rows:
        t.add_row(str(s["id"]), escape(s.get("title") or ""), s.get("first_date") or "—", s.get("last_date") or "—",
                  ", ".join(map(str, s["article_ids"])))
    out.print(t)


@cli.command()
@click.option("--story", type=int, metavar="ID", help="The timeline of one story.")
@click.option("--entity", metavar="X", help="Everything an entity did, said, or stood for.")
@click.option("--about", metavar="TEXT", help="Positions on propositions similar to TEXT.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "timelinejs", "html"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.option("--max", "max_slides", type=click.IntRange(min=1), default=40, show_default=True,
              help="TimelineJS: at most this many slides (changes and positions first, then the quotes and "
                   "events most articles report).")
@show_all_option
@pass_ctx
def timeline(c: Ctx, story, entity, about, fmt, output, max_slides, show_all):
    """Dated entries (events, positions, quotes), each with its source sentence."""
    from ..query.timeline import build_timeline, dumps

    if sum(x is not None for x in (story, entity, about)) > 1:
        raise click.UsageError("choose one of --story, --entity, --about")
    tl = build_timeline(c.store, story=story, entity=entity, about=about, min_confidence=c.threshold(show_all))
    text = dumps(tl, "json" if c.json else fmt, max_slides=max_slides)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        click.echo(text)
