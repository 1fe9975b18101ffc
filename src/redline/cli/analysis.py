"""``redline entities``, ``redline entity``, ``redline quotes`` and ``redline propositions``."""
from __future__ import annotations

import click

from ..errors import NotFound
from ..link.entities import find_entities
from ..query.confidence import role_label, speaker_label
from ..query.propositions import list_propositions
from .base import ENTITY_TYPE, Ctx, cli, escape, out, pass_ctx, show_all_option, table


def _roles(e: dict) -> str:
    parts = []
    for r in e.get("roles") or []:
        where = ", ".join(x for x in (r.get("org"), r.get("country")) if x)
        when = r.get("first_seen") or ""
        if r.get("last_seen") and r.get("last_seen") != when:
            when = f"{when} – {r['last_seen']}"
        parts.append(f"{role_label(r)}{f' ({where})' if where else ''}{f' [{when}]' if when else ''}")
    return "; ".join(parts)


def _resolve(c: Ctx, name: str) -> list[dict]:
    if name.removeprefix("-").isdigit():  # an id; a split entity's (corrections) is negative
        e = c.store.get_entity(int(name))
        return [e] if e else []
    return find_entities(c.store, name)


@cli.command()
@click.option("--type", "type_", type=ENTITY_TYPE, metavar="TYPE",
              help=f"Only this type, in any case: {', '.join(ENTITY_TYPE.choices)}.")
@click.option("--limit", type=int, default=50, show_default=True)
@pass_ctx
def entities(c: Ctx, type_, limit):
    """List canonical entities, most mentioned first."""
    rows = c.store.list_entities(type=type_, limit=limit)
    if c.json:
        c.emit_json(rows)
        return
    t = table("id", "name", "type", "country", "mentions", "articles", "roles")
    for e in rows:
        t.add_row(str(e["id"]), escape(e["name"]), e["type"], e.get("country") or "", str(e["mentions"]),
                  str(e["articles"]), escape(_roles(e)))
    out.print(t)


@cli.command()
@click.argument("name")
@click.option("--limit", type=int, default=20, show_default=True, help="How many mentions to show.")
@pass_ctx
def entity(c: Ctx, name, limit):
    """Show an entity (by name or id): aliases, roles with dates, and mentions with their sentences."""
    found = _resolve(c, name)
    if not found:
        raise NotFound(f"no entity named {name!r}")
    result = []
    for e in found[:3]:
        mentions = c.store.entity_mentions(e["id"], limit=limit)
        result.append({**e, "mentions": mentions})
    if c.json:
        c.emit_json(result)
        return
    for e in result:
        out.print(f"[bold]{escape(e['name'])}[/] ({e['type']}{', ' + e['country'] if e.get('country') else ''})"
                  f"  id {e['id']}", highlight=False)
        if len(e["aliases"]) > 1:
            out.print(f"  aliases: {escape(', '.join(e['aliases']))}", highlight=False)
        for r in e["roles"]:
            out.print(f"  role: {escape(_roles({'roles': [r]}))}", highlight=False)
        for m in e["mentions"]:
            where = m.get("id") or m["article_id"]  # ARTICLE:START names it for `redline correct split --mention`
            out.print(f"  [dim]{m.get('published') or '—'} #{where}[/] {escape(m['sentence'])}", highlight=False)
        out.print()


@cli.command()
@click.option("--speaker", metavar="NAME", help="Only quotes by this speaker (canonical: any alias works).")
@click.option("--article", "article_id", type=int, metavar="ID", help="Only quotes in this article.")
@click.option("--limit", type=int, default=100, show_default=True)
@show_all_option
@pass_ctx
def quotes(c: Ctx, speaker, article_id, limit, show_all):
    """List quotes with their resolved speakers ("Rook, speaking to Harbour Wire" when they name the outlet)."""
    speaker_ids = None
    if speaker:
        speaker_ids = [e["id"] for e in _resolve(c, speaker)]
        if not speaker_ids:
            raise NotFound(f"no entity named {speaker!r}")
    rows = c.store.list_quotes(speaker_ids=speaker_ids, article_id=article_id, limit=limit,
                               min_confidence=c.threshold(show_all))
    if c.json:
        c.emit_json(rows)
        return
    t = table("article", "date", "speaker", "cue", "quote")
    for q in rows:
        who = q.get("speaker_name") or "?"
        if q.get("speaker_text") and q["speaker_text"] != who:
            who += f" ({q['speaker_text']})"
        if q.get("channel"):
            who = speaker_label({**q, "speaker_name": who})
        text = q["text"] if len(q["text"]) < 300 else q["text"][:297] + "…"
        t.add_row(str(q["article_id"]), q.get("published") or "—", escape(who), escape(q.get("cue") or ""),
                  escape(("“" + text + "”") if q["direct"] else text))
    out.print(t)


@cli.command()
@click.option("--about", metavar="TEXT", help="Only the propositions about this free text, the most similar first.")
@click.option("--holder", metavar="NAME", help="Only the positions this entity holds.")
@click.option("--entity", metavar="NAME", help="Only the propositions about this entity (the act's object, agent, "
                                               "target or recipient).")
@click.option("--story", "story_id", type=int, metavar="ID", help="Only the positions read in this story.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@show_all_option
@pass_ctx
def propositions(c: Ctx, about, holder, entity, story_id, limit, show_all):
    """What can be tracked: each proposition with its positions, holders and changes, the most held first."""
    rows = list_propositions(c.store, about=about, limit=limit, min_confidence=c.threshold(show_all),
                             holder=holder, entity=entity, story_id=story_id)
    if c.json:
        c.emit_json(rows)
        return
    if not rows:
        if holder or entity or story_id is not None:
            said = "no propositions match"
        else:
            said = f"no propositions about {about!r}" if about and about.strip() else "no propositions stored"
        out.print(said, style="dim", highlight=False, markup=False)
        return
    t = table("proposition", "positions", "holders", "changes", "held by", "dates")
    for col in t.columns[1:4]:
        col.justify, col.no_wrap = "right", True
    for p in rows:
        names = ", ".join(p["holder_names"]) + (", …" if p["holders"] > len(p["holder_names"]) else "")
        dates = p["first_date"] or "undated"
        if p["last_date"] and p["last_date"] != p["first_date"]:
            dates += f" –\n{p['last_date']}"
        counts = f"{p['positions']}\n[green]{p['for']} for[/]\n[red]{p['against']} against[/]"
        t.add_row(escape(p["proposition"]), counts, str(p["holders"]), str(p["changes"]), escape(names), dates)
    out.print(t)
