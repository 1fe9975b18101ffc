"""Helpers for the robustness tests: an invented corpus, and comparing exports.

The corpus is fictional (countries, people, outlets, dates): short wire
reports with named people, titles, direct quotes, dates and stances, several
of them about the same developing stories, so that analysis (entities,
quotes, times, events, positions), storing and linking (stories, event
merging) all have work to do.

``normalise`` turns a ``redline export --format jsonl`` into a comparable form
that ignores ONLY ids and timestamps: store-assigned ids (article, entity,
event, position, quote, story) are replaced by stable content keys, and
timestamp fields are dropped. Every other field is kept, so a difference in
content — a missing quote, a different story grouping, an event merged
differently, a changed stance — still shows up as a difference.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

# --- corpus ----------------------------------------------------------------------------------------

# (file stem, outlet, published, text). Four developing stories — Korvenia's Sabre missiles, the Ostel
# Dam, the Palmera–Norvasq cheese tariffs, the Saltmarsh ferry strike — and a few unrelated reports.
ARTICLES: list[tuple[str, str, str, str]] = [
    ("sabre-refused", "Northwind Dispatch", "2033-02-09", """\
Korvenia rules out Sabre strikes inside Dravonia

By Alma Greaves

VESTRAL, Korvenia (NWD) — Korvenia on Wednesday refused to allow Lastrel to use its Sabre missiles against targets inside Dravonia, saying the weapons could draw the country into the war.

Chancellor Aldo Renn told parliament that his government was not ready to let Lastrelian forces strike inside Dravonia with Korvenian weapons.

"We will keep sending field hospitals, but we will not hand over missiles that can reach Dravonian cities," Renn said.

Lastrel's foreign minister, Petra Holm, called the decision a mistake. "Every week of delay costs lives in our border villages," she said.
"""),
    ("dam-filling", "Harbour Wire", "2033-02-12", """\
Tarsk begins filling the Ostel Dam despite Merovian protests

By Jonas Fell

BRACKEN, Merovia (HW) — Tarsk began filling the reservoir behind the Ostel Dam on Saturday, cutting the flow of the Lune River to Merovian farms, officials in Bracken said.

Merovian President Ines Carrow said the filling broke a treaty signed in 2021. "Our farmers will not be left without water," Carrow said on Saturday.

Tarsk's energy minister, Hugo Brandt, said the dam would light two million homes. "The river will recover once the reservoir is full," he told reporters.

Farmers in the Lune valley said irrigation canals were already running low.
"""),
    ("cheese-duties", "Coastal Press", "2033-02-15", """\
Norvasq imposes duties on Palmeran cheese

By Rita Sollen

PALMA VERDE, Palmera (CPR) — Norvasq on Tuesday imposed duties of 30 percent on cheese from Palmera, the latest step in a dispute over dairy subsidies.

Palmera's trade minister, Lucia Varga, said her government would take the case to the Lakeland Trade Court. "These duties are illegal and they will not stand," Varga said.

Norvasq's prime minister, Anders Holt, defended the measure. "Palmera has subsidised its dairies for a decade," Holt said in Skarn.

Cheesemakers in the hill town of Orvieto Alta said orders had fallen by half since January.
"""),
    ("ferry-strike", "Quillon Weekly", "2033-02-20", """\
Saltmarsh ferry crews walk out over pay

By Nils Ardent

SALTMARSH, Quillon (QW) — Crews on the Saltmarsh to Dorne ferry walked out on Monday, stranding hundreds of passengers at the harbour, the port authority said.

Union leader Marta Koss said the crews had not had a pay rise since 2029. "We are sorry for the passengers, but we have waited long enough," Koss said.

Governor Emil Tarrant urged the ferry company and the union to return to talks. "The island cannot live without its ferry," Tarrant said on Monday.
"""),
    ("sabre-pressure", "Northwind Dispatch", "2033-03-04", """\
Allies press Korvenia over Sabre missiles

By Alma Greaves

VESTRAL, Korvenia (NWD) — Marvania said on Friday it would allow Lastrel to use Marvanian rockets against military targets inside Dravonia, leaving Korvenia isolated among the allies.

A government spokeswoman, Clara Wendt, said Chancellor Aldo Renn remained opposed to strikes on Dravonian territory with Korvenian weapons.

Last month Renn refused to let Lastrel fire Korvenia's Sabre missiles at targets inside Dravonia.

"The chancellor is running out of friends," said Oskar Lind, an analyst at the Vestral Institute for Strategy.
"""),
    ("dam-talks", "Harbour Wire", "2033-03-10", """\
Talks on the Ostel Dam collapse in Quarry Bend

By Jonas Fell

QUARRY BEND, Tarsk (HW) — Talks between Merovia and Tarsk over the Ostel Dam collapsed on Thursday after Tarsk refused to slow the filling of the reservoir.

Merovian President Ines Carrow said the dam dispute had become a question of national survival. "We came to talk and they came to lecture us," she said.

Hugo Brandt, Tarsk's energy minister, accused Merovia of threatening a lawful hydropower project.

Water levels on the Lune River fell again this week, the Merovian weather office said.
"""),
    ("cheese-court", "Coastal Press", "2033-03-18", """\
Palmera takes cheese dispute to the Lakeland Trade Court

By Rita Sollen

PALMA VERDE, Palmera (CPR) — Palmera on Friday filed a complaint with the Lakeland Trade Court against the duties Norvasq imposed on Palmeran cheese in February.

Trade minister Lucia Varga said the duties had cost the country's cheesemakers 40 million crowns. "We have the law on our side," Varga said.

In Skarn, Prime Minister Anders Holt said Norvasq would defend its case in court.
"""),
    ("ferry-talks", "Quillon Weekly", "2033-03-22", """\
Ferry talks resume as Saltmarsh runs short of fuel

By Nils Ardent

SALTMARSH, Quillon (QW) — Talks between the ferry company and the crews' union resumed on Wednesday as petrol stations in Saltmarsh ran short of fuel.

Governor Emil Tarrant said he had asked the navy to carry fuel to the island. "No family on Quillon will go cold," Tarrant said.

Marta Koss, the union leader, said the crews would return to work if the company offered a fair rise.
"""),
    ("sabre-lifted", "Northwind Dispatch", "2033-04-11", """\
Korvenia lifts ban on Sabre strikes inside Dravonia

By Alma Greaves

VESTRAL, Korvenia (NWD) — Korvenia on Friday allowed Lastrel to use its Sabre missiles against targets inside Dravonia, reversing a refusal it had kept since February.

Chancellor Aldo Renn said the decision followed a spring offensive that had brought Dravonian troops within range of Lastrel's capital. "The situation has changed, and so has our answer," he said.

Lastrel's foreign minister, Petra Holm, thanked Korvenia. "This decision will save lives," she said.

Dravonia condemned the move. Its presidential spokesman, Viktor Saal, said Korvenia had chosen escalation.
"""),
    ("dam-shelling", "Harbour Wire", "2033-04-15", """\
Shelling near the Ostel Dam as border clashes spread

By Jonas Fell

BRACKEN, Merovia (HW) — Merovian artillery shelled Tarskan positions near the Ostel Dam overnight, and Tarsk answered with rockets fired at the border town of Quarry Bend, local officials said on Tuesday.

Tarsk said the shelling had damaged a spillway of the dam. Merovia said its troops had targeted rocket launchers, not the dam itself.

President Ines Carrow said Merovia would defend its water rights on the Lune by every means.

Thousands of villagers fled the Lune valley, the Lakeland Red Cross said.
"""),
    ("cheese-ruling", "Coastal Press", "2033-04-24", """\
Trade court rules against Norvasq cheese duties

By Rita Sollen

SKARN, Norvasq (CPR) — The Lakeland Trade Court ruled on Thursday that the duties Norvasq imposed on Palmeran cheese broke the Lakeland trade treaty.

Prime Minister Anders Holt said Norvasq would respect the ruling and lift the duties by June. "We lost, and we accept it," Holt told reporters in Skarn.

Palmera's trade minister, Lucia Varga, welcomed the ruling. "Our cheesemakers can breathe again," she said.
"""),
    ("ferry-deal", "Quillon Weekly", "2033-04-28", """\
Saltmarsh ferry returns after pay deal

By Nils Ardent

SALTMARSH, Quillon (QW) — The Saltmarsh to Dorne ferry sailed again on Sunday after crews accepted a pay rise of eight percent, ending a strike that began in February.

Union leader Marta Koss said the deal was fair. "We are going back to sea," Koss said at the harbour.

Governor Emil Tarrant thanked the navy for carrying fuel to the island during the strike.
"""),
    ("sabre-reaction", "Lowland Courier", "2033-05-02", """\
Lastrel thanks allies after Korvenian decision

By Hedda Brun

KARVIK, Lastrel (LC) — Lastrelian President Tomas Velde on Sunday thanked Korvenia and Marvania for allowing strikes on military targets inside Dravonia.

Korvenia lifted its ban on the use of its Sabre missiles inside Dravonia in April, two months after Chancellor Aldo Renn refused to hand them over for such strikes.

"Our partners have understood that defence cannot stop at the border," Velde said in his evening address.
"""),
    ("dam-ceasefire", "Harbour Wire", "2033-05-20", """\
Merovia and Tarsk agree ceasefire around the Ostel Dam

By Jonas Fell

QUARRY BEND, Tarsk (HW) — Merovia and Tarsk agreed a ceasefire along the Lune River border on Tuesday, after mediation by the Lakeland Union.

Under the deal, Tarsk will slow the filling of the Ostel Dam reservoir and Merovia will pull its artillery back from the river.

President Ines Carrow called the ceasefire a first step. Hugo Brandt said Tarsk would let monitors inspect the damaged spillway.
"""),
    ("orchestra", "Lowland Courier", "2033-05-24", """\
Karvik orchestra opens its new hall

By Hedda Brun

KARVIK, Lastrel (LC) — The Karvik Philharmonic opened its new concert hall on Saturday with a programme of works by the composer Elsa Marr.

Conductor Ruben Ost said the hall had the best sound in the country. "The walls sing with us," Ost said after the concert.

Tickets for the first season sold out in two days, the orchestra said.
"""),
    ("flood", "Quillon Weekly", "2033-06-03", """\
Storm floods the lower town of Saltmarsh

By Nils Ardent

SALTMARSH, Quillon (QW) — A storm flooded the lower town of Saltmarsh on Tuesday night, and the harbour was closed until Wednesday noon, the port authority said.

Governor Emil Tarrant visited the flooded streets on Wednesday. "We will rebuild the sea wall this summer," Tarrant said.

No one was hurt, the island's fire service said.
"""),
    ("cycling", "Coastal Press", "2033-06-08", """\
Orla Brisk wins the Tour of Palmera

By Rita Sollen

PALMA VERDE, Palmera (CPR) — Orla Brisk won the Tour of Palmera on Sunday, finishing the final mountain stage 40 seconds ahead of her team-mate Dina Kell.

"I have dreamed of this since I was a girl," Brisk said at the finish in Palma Verde.

The race will start in Skarn next year, the organisers said.
"""),
    ("sabre-debate", "Northwind Dispatch", "2033-06-12", """\
Korvenian opposition attacks Renn over Sabre decision

By Alma Greaves

VESTRAL, Korvenia (NWD) — Korvenia's opposition leader, Greta Maas, on Monday accused Chancellor Aldo Renn of dragging the country into the war by allowing Sabre strikes inside Dravonia.

"The chancellor changed his mind without asking parliament," Maas said in Vestral.

Renn said the decision had been taken with the allies. He told reporters that Korvenia would keep supporting Lastrel for as long as it takes.
"""),
]


def write_corpus(folder: Path, n: int | None = None, start: int = 0) -> list[Path]:
    """Write ARTICLES[start:start+n] as NNN-stem.txt with a NNN-stem.meta.json sidecar (outlet, date)."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = ARTICLES[start:] if n is None else ARTICLES[start:start + n]
    if n is not None and len(chosen) < n:
        raise ValueError(f"only {len(ARTICLES) - start} articles from {start}")
    paths = []
    for i, (stem, outlet, published, text) in enumerate(chosen, start):
        p = folder / f"{i:03d}-{stem}.txt"
        p.write_text(text, encoding="utf-8")
        (folder / f"{i:03d}-{stem}.meta.json").write_text(json.dumps({"source": outlet, "published": published}),
                                                          encoding="utf-8")
        paths.append(p)
    return paths

def stored(db: str) -> int:
    """Articles in the store, read-only (never blocks or writes to the store a test is filling)."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


# --- running redline -------------------------------------------------------------------------------

def redline(*args: str, timeout: float = 300, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "redline", *args], capture_output=True, text=True,
                          timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"redline {' '.join(args)} exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return proc


def export_records(db: str) -> list[dict[str, Any]]:
    out = redline("--db", db, "export", "--format", "jsonl").stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


# --- normalising an export -------------------------------------------------------------------------

# Timestamps: the only fields dropped besides ids.
TIMESTAMP_FIELDS = {"ingested_at", "analyzed_at", "at", "created_at", "updated_at", "linked_at"}


def _freeze(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def normalise(records: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """kind -> sorted list of canonical JSON strings, with ids mapped to content keys.

    Mapping: article id -> article name (its file name; url/title as fallback);
    entity id -> "name|type"; story id -> sorted keys of its articles; event id ->
    nothing, its content being its key (type, trigger, participants, articles, date,
    evidence); position and quote ids likewise (holder, proposition, stance, article,
    evidence; article, offsets, text, speaker). Article and entity ids inside
    evidence, participants and changes are mapped the same way. Everything else,
    including every offset and text, is compared as is.
    """
    records = list(records)
    art: dict[Any, str] = {}
    ent: dict[Any, str] = {}
    for r in records:
        if r["kind"] == "article":
            art[r["id"]] = Path(r["name"]).name if r.get("name") else r.get("url") or r.get("title") or f"?{r['id']}"
        elif r["kind"] == "entity":
            ent[r["id"]] = f"{r.get('name')}|{r.get('type')}"
    # Two entities with one name and type (e.g. told apart by country) get their aliases and country too,
    # and, if still alike, a number in the order of their content (never of their ids).
    clash = Counter(ent.values())
    if any(n > 1 for n in clash.values()):
        rows = sorted((r for r in records if r["kind"] == "entity" and clash[ent[r["id"]]] > 1),
                      key=lambda r: _freeze({k: v for k, v in r.items() if k != "id"}))
        seen: Counter = Counter()
        for r in rows:
            k = f"{ent[r['id']]}|{r.get('country')}|{'/'.join(sorted(r.get('aliases') or []))}"
            seen[k] += 1
            ent[r["id"]] = k if seen[k] == 1 else f"{k}#{seen[k]}"

    def a(x):
        return None if x is None else art.get(x, f"<unknown article {x}>")

    def e(x):
        return None if x is None else ent.get(x, f"<unknown entity {x}>")

    def es(xs):
        return None if xs is None else [e(x) for x in xs]

    story: dict[Any, str] = {}
    for r in records:
        if r["kind"] == "story":
            story[r["id"]] = _freeze(sorted(a(x) for x in r.get("article_ids") or []))

    out: dict[str, list[str]] = {}
    for r in records:
        r = {k: v for k, v in r.items() if k not in TIMESTAMP_FIELDS}
        kind = r["kind"]
        if kind == "article":
            r["id"] = a(r["id"])
            r["story_id"] = story.get(r.get("story_id"), None if r.get("story_id") is None
                                      else f"<unknown story {r['story_id']}>")
        elif kind == "entity":
            r["id"] = e(r["id"])
            # roles carry article ids (evidence) in some shapes: map any we recognise
            r["roles"] = _map_article_ids(r.get("roles"), a)
        elif kind == "mention":
            r["entity_id"], r["article_id"] = e(r["entity_id"]), a(r["article_id"])
        elif kind == "quote":
            r["id"] = None
            r["article_id"], r["speaker_id"] = a(r["article_id"]), e(r.get("speaker_id"))
        elif kind == "time":
            r["article_id"] = a(r["article_id"])
        elif kind == "story":
            r["id"] = story[r["id"]]
            r["article_ids"] = sorted(a(x) for x in r.get("article_ids") or [])
        elif kind == "event":
            r["id"] = None  # the rest of the record (type, trigger, participants, articles, date) is its key
            r["article_ids"] = sorted(a(x) for x in r.get("article_ids") or [])
            for k in ("actor_ids", "recipient_ids", "location_ids"):
                r[k] = es(r.get(k))
            r["evidence"] = _map_article_ids(r.get("evidence"), a)
        elif kind == "position":
            r["id"] = None
            r["holder_id"], r["article_id"] = e(r.get("holder_id")), a(r.get("article_id"))
            if "speaker_id" in r:
                r["speaker_id"] = e(r["speaker_id"])
            r["evidence"] = _map_article_ids(r.get("evidence"), a)
        elif kind == "change":
            r["holder_id"] = e(r.get("holder_id"))
            for k in ("from", "to"):
                r[k] = _map_change_end(r.get(k), a)
        out.setdefault(kind, []).append(_freeze(r))
    for v in out.values():
        v.sort()
    return out


def _map_article_ids(v: Any, a) -> Any:
    """Recursively replace "article_id"/"article_ids" values and drop id/timestamp keys inside evidence."""
    if isinstance(v, list):
        return [_map_article_ids(x, a) for x in v]
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if k in TIMESTAMP_FIELDS:
                continue
            if k == "article_id":
                out[k] = a(x)
            elif k == "article_ids" and isinstance(x, list):
                out[k] = sorted(a(y) for y in x)
            elif k in ("id", "position_id", "event_id", "quote_id"):
                out[k] = None
            else:
                out[k] = _map_article_ids(x, a)
        return out
    return v


def _map_change_end(v: Any, a) -> Any:
    if not isinstance(v, dict):
        return v
    v = dict(v)
    if "article_id" in v:
        v["article_id"] = a(v["article_id"])
    if "position_id" in v:
        v["position_id"] = None
    return _map_article_ids(v, a)


def _identity(kind: str, r: dict[str, Any]) -> str:
    """What a record is about, to pair a baseline record with its changed counterpart in a diff."""
    ev = r.get("evidence")
    first = ev[0] if isinstance(ev, list) and ev else ev if isinstance(ev, dict) else None
    where = (first or {}).get("article_id"), (first or {}).get("start")
    key = {
        "article": lambda: r["id"], "entity": lambda: r["id"], "story": lambda: r.get("title"),
        "mention": lambda: (r["entity_id"], r["article_id"], r["start"]),
        "quote": lambda: (r["article_id"], r["start"]), "time": lambda: (r["article_id"], r["start"]),
        "event": lambda: (r["type"], r.get("trigger"), where),
        "position": lambda: (r.get("holder_id"), r.get("proposition_key"), r.get("article_id"), where),
        "change": lambda: (r.get("holder_id"), r.get("proposition_key")),
    }.get(kind, lambda: None)()
    return _freeze(key)


def _short(v: Any, n: int = 160) -> str:
    s = v if isinstance(v, str) else _freeze(v)
    return s if len(s) <= n else s[: n - 1] + "…"


def diff(base: dict[str, list[str]], other: dict[str, list[str]], limit: int = 4) -> list[str]:
    """Human-readable differences, per kind: records only on one side (a multiset difference).

    A baseline record and a resumed one about the same thing (same article, same entity, same
    sentence...) are shown as the fields that differ; others are shown whole, shortened.
    """
    lines = []
    for kind in sorted(set(base) | set(other)):
        b, o = Counter(base.get(kind, [])), Counter(other.get(kind, []))
        only_b = [json.loads(x) for x in (b - o).elements()]
        only_o = [json.loads(x) for x in (o - b).elements()]
        if not only_b and not only_o:
            continue
        lines.append(f"{kind}: {len(only_b)} only in the uninterrupted run, {len(only_o)} only in the resumed "
                     f"run (of {sum(b.values())} / {sum(o.values())})")
        pending = {}
        for r in only_o:
            pending.setdefault(_identity(kind, r), []).append(r)
        shown = 0
        for r in only_b:
            mates = pending.get(_identity(kind, r))
            if shown < limit:
                if mates:
                    m = mates.pop(0)
                    fields = sorted(k for k in set(r) | set(m) if r.get(k) != m.get(k))
                    lines.append(f"  ~ {_short(_identity(kind, r), 120)}: "
                                 + "; ".join(f"{k}: {_short(r.get(k), 90)} -> {_short(m.get(k), 90)}" for k in fields))
                else:
                    lines.append(f"  - {_short(r, 300)}")
            elif mates:
                mates.pop(0)
            shown += 1
        rest = [r for rs in pending.values() for r in rs]
        for r in rest[: max(0, limit - min(shown, limit))] if shown < limit else rest[:2]:
            lines.append(f"  + {_short(r, 300)}")
        if shown > limit:
            lines.append(f"  ... {shown - limit} more")
    return lines
