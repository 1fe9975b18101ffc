"""Quote and speaker extraction on PolNeAR (train + dev), beside Citron and the Gender Gap Tracker.

Run: ``.venv/bin/python bench/bench_quotes.py [--split dev] [--limit N]``; the halves:
``--half tune|scored [--sample N] [--keys]``; ``--judge`` (the scored half and its judged
sample); ``--write-confidence`` (the tuning half's table for the quotes stage).

Gold: brat standoff ``.ann`` files; ``T`` lines give ``Source``/``Cue``/``Content``
spans (discontinuous fragments separated by ``;``), ``E`` lines link them into
one attribution. Articles annotated by several annotators (suffix after the
last ``_``) are scored once, against the annotation whose suffix sorts first.

Figures, over all attributions and over the speech-cue subset (the gold cue
holds a verb of saying, the "speech" list of ``data/speech_verbs.json``, or
"according to"; cognition, evidence and naming cues are left out of it):

- content overlap P/R/F1: token level, as in Citron's ``metrics.py``: predicted
  content words that fall inside gold content / all predicted content words
  (precision), and over all gold content words (recall). Words are ``\\w+``.
- content exact F1: a predicted content equals a gold content after trimming
  edge whitespace (no-break spaces included), punctuation, quote marks and a
  leading "that" (PolNeAR includes the marks; redline's direct quote text
  does not). A discontinuous gold content ("“A,” he said. “B.”") is compared
  by its hull.
- source exact F1 and source overlap F1: each predicted quote is paired with
  the gold attribution whose content it overlaps most; its speaker span must
  equal the gold Source (trimmed the same way), or, for overlap, shares words
  with it. Denominators: predicted quotes with a speaker span, gold
  attributions with a Source.
- speaker accuracy: of gold attributions with a Source whose content we found
  (some predicted content overlaps it), the share whose predicted speaker
  matches: the speaker span overlaps the gold Source, or the resolved entity
  has a mention overlapping it, or the gold Source contains the entity's
  surname. A quote with no speaker counts as wrong. PolNeAR has no gold
  coreference, so a pronoun speaker ("he") matches a gold "he" by its span.

For the subset, predicted quotes whose content overlaps a gold attribution
outside the subset are left out of the precision denominators.

- quote precision: of the reported quotes with a word, the share whose content
  shares a word with a gold attribution's (in the speech subset: a speech-cue
  one's). PolNeAR annotates every attribution, beliefs and judgements too, so
  this is lenient about what counts as a quote; the judged sample is not.

Halves (``--half``): the 924 files of train + dev ranked by
``sha256(f"{SEED}:{file}")``, the first half tuning, the rest scored; rules and
lexicons are developed on the tuning half only. ``--sample N``: the N files of
a half first by ``sha256(f"{SEED}:subset:{file}")``.

Judged sample (``--judge``): the quotes reported on the whole scored half,
ranked by ``sha256(f"{SEED}:{key}")`` with key ``[file, start, end, speaker
text, speaker entity, direct]``; the first ``SAMPLE`` need a verdict in
``bench/gold/quotes/judged.jsonl`` (see its README). Judged precision: right /
judged.

Confidence table (``--write-confidence``): over the whole tuning half, a quote
is right when its content overlaps a gold attribution and, where that one has
a Source, its speaker matches (as for speaker accuracy); the precision per
``how`` x direct x cue class, with back-off keys, goes to
``src/redline/data/en/quote_confidence.json``, which the quotes stage reads.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._data import eval_dir  # noqa: E402

ANCHORS = {
    "content_overlap_f1": ("Citron (BBC), PARC 3.0", 0.83),
    "source_exact_f1": ("Citron (BBC), PARC 3.0", 0.82),
    "speaker_accuracy": ("Gender Gap Tracker", 0.87),
}
# Pinned a little below the measured figures. FLOORS: train + dev (924 articles), in the
# order below; the floor test runs the dev split only (84 articles) against DEV_FLOORS.
#
# Re-based on 2026-12-08, when issue 12 redefined a quote, for the content and source
# figures only. PolNeAR counts the content of beliefs, decisions, expectations and
# judgements as attributions, and a reported clause holding a quoted fragment as one
# attribution; redline now makes no quote of the first (they are no one's words) and a
# direct quote of only the quoted words in the second (quotation marks only around words
# the article quotes). Agreement with PolNeAR's content fell by design, while the share of
# redline's quotes that are attributions rose and speakers got better (scored half: quote
# precision 0.914 -> 0.962, speaker accuracy 0.872 -> 0.910; judged 43 of 50). The floors
# these figures had (train + dev all 0.82 / 0.42 / 0.69 / 0.71, speech 0.89 / 0.50; dev all
# 0.83 / 0.45 / 0.72 / 0.76, speech 0.89 / 0.52), measured at dev 0.848 / 0.473 / 0.740 /
# 0.783 and 0.909 / 0.542, are replaced by floors under the new measurements (dev all
# 0.781 / 0.397 / 0.677 / 0.727, speech 0.884 / 0.501). The speaker floors, and every floor
# of HALF_FLOORS, are unchanged or new.
FLOORS = {
    "all": {"content_overlap_f1": 0.76, "content_exact_f1": 0.35, "source_exact_f1": 0.64,
            "source_overlap_f1": 0.66, "speaker_accuracy": 0.86},
    "speech": {"content_overlap_f1": 0.88, "content_exact_f1": 0.47, "source_exact_f1": 0.82,
               "source_overlap_f1": 0.84, "speaker_accuracy": 0.90},
}
DEV_FLOORS = {
    "all": {"content_overlap_f1": 0.77, "content_exact_f1": 0.39, "source_exact_f1": 0.67,
            "source_overlap_f1": 0.72, "speaker_accuracy": 0.87},
    "speech": {"content_overlap_f1": 0.88, "content_exact_f1": 0.49, "source_exact_f1": 0.85,
               "source_overlap_f1": 0.90, "speaker_accuracy": 0.91},
}
# The halves (see the docstring): the floor test scores the whole scored half
# (measured all 0.762 / 0.364 / 0.651 / 0.670 / 0.910, quote precision 0.962;
# speech 0.886 / 0.484 / 0.854 / 0.862 / 0.944, 0.957) and the fixed SUBSET-file
# subset of the tuning half (all 0.759 / 0.332 / 0.623 / 0.672 / 0.920, 0.969;
# speech 0.887 / 0.457 / 0.841 / 0.858 / 0.953, 0.965), in the order of FLOORS.
# The judged sample of the scored half: 43 of 50 right (0.86).
HALF_FLOORS = {
    "scored": {
        "all": {"content_overlap_f1": 0.75, "content_exact_f1": 0.35, "source_exact_f1": 0.64,
                "source_overlap_f1": 0.66, "speaker_accuracy": 0.90, "quote_precision": 0.95},
        "speech": {"content_overlap_f1": 0.87, "content_exact_f1": 0.47, "source_exact_f1": 0.84,
                   "source_overlap_f1": 0.85, "speaker_accuracy": 0.93, "quote_precision": 0.945},
    },
    "tune": {
        "all": {"content_overlap_f1": 0.745, "content_exact_f1": 0.32, "source_exact_f1": 0.61,
                "source_overlap_f1": 0.66, "speaker_accuracy": 0.91, "quote_precision": 0.955},
        "speech": {"content_overlap_f1": 0.875, "content_exact_f1": 0.445, "source_exact_f1": 0.83,
                   "source_overlap_f1": 0.845, "speaker_accuracy": 0.94, "quote_precision": 0.955},
    },
}
JUDGED_FLOOR = 0.84

_WORD = re.compile(r"\w+")
_TRIM = " \t\r\n\xa0\"“”‘’'«».,;:!?—–-…()[]"
_SPANS = re.compile(r"^(\d+ \d+(?:;\d+ \d+)*)$")


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)
    speech: bool = False


@dataclass
class Article:
    name: str
    text: str
    gold: list[Attribution]
    split: str = ""

    @property
    def file(self) -> str:
        """The article's text file relative to PolNeAR's ``data/`` (the key of the halves)."""
        return f"{self.split}/text/{self.name}.txt"


# -- gold ----------------------------------------------------------------------
def parse_ann(text: str) -> list[Attribution]:
    """Attributions of one brat ``.ann`` file; malformed lines are skipped."""
    spans: dict[str, list[tuple[int, int]]] = {}
    out: list[Attribution] = []
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            head = parts[1].split(" ", 1)
            if len(head) == 2 and _SPANS.match(head[1]):
                spans[parts[0]] = [tuple(map(int, f.split())) for f in head[1].split(";")]
        elif parts[0].startswith("E"):
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            content = spans.get(roles.get("Content", ""))
            if content:
                out.append(Attribution(content, spans.get(roles.get("Cue", ""), []),
                                       spans.get(roles.get("Source", ""), [])))
    return out


def load_split(split: str) -> list[Article]:
    root = eval_dir("polnear") / "data" / split
    chosen: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)  # first suffix wins, deterministically
    articles = []
    for stem, ann in sorted(chosen.items()):
        txt = root / "text" / f"{stem}.txt"
        if txt.is_file():
            articles.append(Article(stem, txt.read_text("utf-8"), parse_ann(ann.read_text("utf-8")), split))
    return articles


# -- scoring helpers ---------------------------------------------------------------
def _words(text: str, spans) -> set[int]:
    return {m.start() for s, e in spans for m in _WORD.finditer(text, s, e)}


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    for _ in range(2):  # edge marks, then "that", then the marks after it
        while s < e and text[s] in _TRIM:
            s += 1
        while e > s and text[e - 1] in _TRIM:
            e -= 1
        if text[s:s + 5].lower() == "that ":
            s += 5
    return s, e


def _hull(spans) -> tuple[int, int]:
    return min(s for s, _ in spans), max(e for _, e in spans)


def _mark_speech(doc, gold: list[Attribution], is_cue_lemma) -> None:
    for a in gold:
        toks = [t for s, e in a.cue for t in doc.char_span(s, e, alignment_mode="expand") or ()]
        a.speech = any(is_cue_lemma(t) for t in toks)


class Tally:
    """Counts summed over articles for one subset."""

    def __init__(self):
        self.c = dict.fromkeys(["ov", "pw", "gw", "ex_p", "ex_g", "ex_tp_p", "ex_tp_g", "src_p", "src_g",
                                "src_tp", "sov", "spw", "sgw", "found", "spk_ok", "q_n", "q_ok"], 0)

    def add(self, art: Article, doc, table, quotes, gold: list[Attribution], others: list[Attribution]) -> None:
        text, c = art.text, self.c
        g_words = [_words(text, a.content) for a in gold]
        o_words = set().union(*(_words(text, a.content) for a in others)) if others else set()
        preds = [q for q in quotes if not (_words(text, [(q.start, q.end)]) & o_words)]
        p_words = [_words(text, [(q.start, q.end)]) for q in preds]
        all_g = set().union(*g_words) if g_words else set()
        all_p = set().union(*p_words) if p_words else set()
        c["ov"] += len(all_p & all_g)
        c["q_n"] += sum(1 for pw in p_words if pw)
        c["q_ok"] += sum(1 for pw in p_words if pw & all_g)
        c["pw"] += len(all_p)
        c["gw"] += len(all_g)
        g_exact = {_trimmed(text, *_hull(a.content)) for a in gold}
        p_exact = {_trimmed(text, q.start, q.end) for q in preds}
        c["ex_p"] += len(p_exact)
        c["ex_g"] += len(g_exact)
        c["ex_tp_p"] += len(p_exact & g_exact)
        c["ex_tp_g"] += len(p_exact & g_exact)
        self._sources(text, table, preds, p_words, gold, g_words)

    def _sources(self, text, table, preds, p_words, gold, g_words) -> None:
        c = self.c
        for q, pw in zip(preds, p_words):
            if q.speaker_start is None:
                continue
            c["src_p"] += 1
            sp = _words(text, [(q.speaker_start, q.speaker_end)])
            c["spw"] += len(sp)
            best = max(range(len(gold)), key=lambda i: len(pw & g_words[i]), default=None)
            if best is None or not pw & g_words[best] or not gold[best].source:
                continue
            src = gold[best].source
            if _trimmed(text, *_hull(src)) == _trimmed(text, q.speaker_start, q.speaker_end):
                c["src_tp"] += 1
            c["sov"] += len(sp & _words(text, src))
        for a, gw in zip(gold, g_words):
            if not a.source:
                continue
            c["src_g"] += 1
            c["sgw"] += len(_words(text, a.source))
            hits = [(len(gw & pw), q) for q, pw in zip(preds, p_words) if gw & pw]
            if not hits:
                continue
            c["found"] += 1
            q = max(hits, key=lambda h: h[0])[1]
            c["spk_ok"] += _speaker_ok(text, table, q, a.source)

    def figures(self) -> dict[str, float]:
        c = self.c

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        cp, cr = ratio(c["ov"], c["pw"]), ratio(c["ov"], c["gw"])
        return {
            "content_overlap_p": cp, "content_overlap_r": cr, "content_overlap_f1": f1(cp, cr),
            "content_exact_f1": f1(ratio(c["ex_tp_p"], c["ex_p"]), ratio(c["ex_tp_g"], c["ex_g"])),
            "source_exact_f1": f1(ratio(c["src_tp"], c["src_p"]), ratio(c["src_tp"], c["src_g"])),
            "source_overlap_f1": f1(ratio(c["sov"], c["spw"]), ratio(c["sov"], c["sgw"])),
            "speaker_accuracy": ratio(c["spk_ok"], c["found"]),
            "gold_attributions_found": ratio(c["found"], c["src_g"]),
            "quote_precision": ratio(c["q_ok"], c["q_n"]),
        }


def _speaker_ok(text: str, table, q, source: list[tuple[int, int]]) -> bool:
    if q.speaker_start is None:
        return False
    if any(q.speaker_start < e and s < q.speaker_end for s, e in source):
        return True
    entity = table.get(q.speaker_id)
    if entity is None:
        return False
    if any(m.entity_id == entity.id for s, e in source for m in table.mentions_in(s, e)):
        return True
    gold_text = " ".join(text[s:e] for s, e in source)
    surname = entity.name.split()[-1] if entity.name.split() else ""
    return bool(surname) and re.search(rf"\b{re.escape(surname)}\b", gold_text) is not None


# -- halves, the judged sample, the confidence table -----------------------------------
SEED = "redline-quotes-halves-1"
SAMPLE = 50
SUBSET = 120  # files per half in the quick runs (``--sample``) and in the floor test's tuning half
GOLD = Path(__file__).resolve().parent / "gold" / "quotes"
CONFIDENCE = Path(__file__).resolve().parent.parent / "src" / "redline" / "data" / "en" / "quote_confidence.json"
MIN_SUPPORT = 25  # quotes a key needs before its own precision is used, not its coarser key's


def _rank(key: str) -> str:
    return hashlib.sha256(f"{SEED}:{key}".encode()).hexdigest()


def halves(splits: tuple[str, ...] = ("train", "dev")) -> dict[str, list[str]]:
    """The fixed split by file: {"tune": [...], "scored": [...]}, disjoint, half and half."""
    files = sorted(a.file for s in splits for a in load_split(s))
    ranked = sorted(files, key=_rank)
    cut = (len(ranked) + 1) // 2
    return {"tune": sorted(ranked[:cut]), "scored": sorted(ranked[cut:])}


def subset(files: list[str], n: int | None) -> list[str]:
    """A fixed seeded subset of ``n`` files (all of them when ``n`` is None)."""
    return sorted(files) if n is None else sorted(sorted(files, key=lambda f: _rank(f"subset:{f}"))[:n])


def judged_key(r: dict) -> list:
    return [r["file"], r["start"], r["end"], r["speaker_text"], r["speaker_name"], r["direct"]]


def _records(art: Article, table, quotes) -> list[dict]:
    """One record per reported quote: its key fields and whether the gold bears it out."""
    text = art.text
    g_words = [_words(text, a.content) for a in art.gold]
    out = []
    for q in quotes:
        pw = _words(text, [(q.start, q.end)])
        if not pw:
            continue
        best = max(range(len(art.gold)), key=lambda i: len(pw & g_words[i]), default=None)
        content_ok = best is not None and bool(pw & g_words[best])
        speaker_ok = _speaker_ok(text, table, q, art.gold[best].source) if content_ok and art.gold[best].source else None
        entity = table.get(q.speaker_id)
        out.append({"file": art.file, "start": q.start, "end": q.end, "direct": q.direct, "speaker_text": q.speaker_text,
                    "speaker_name": entity.name if entity else None, "how": q.how, "cue": q.cue,
                    "cue_class": q.cue_class, "channel": q.channel, "confidence": q.confidence,
                    "content_ok": content_ok, "speaker_ok": speaker_ok, "right": content_ok and speaker_ok is not False})
    return out


def judged(records: list[dict]) -> dict:
    """The judged sample of a scored-half run: verdicts found, precision, the sampled quotes left unjudged."""
    path = GOLD / "judged.jsonl"
    lines = path.read_text("utf-8").splitlines() if path.is_file() else []
    verdicts = {json.dumps(j["key"]): j for j in map(json.loads, filter(str.strip, lines))}
    sample = sorted(records, key=lambda r: _rank(json.dumps(judged_key(r))))[:SAMPLE]
    keys = [json.dumps(judged_key(r)) for r in sample]
    found = [verdicts[k] for k in keys if k in verdicts]
    reasons: dict[str, int] = {}
    for v in (v for v in found if v["verdict"] != "right"):
        reasons[v["reason"]] = reasons.get(v["reason"], 0) + 1
    return {"sampled": len(sample), "judged": len(found),
            "judged_precision": sum(v["verdict"] == "right" for v in found) / len(found) if found else 0.0,
            "wrong_by_reason": reasons,
            "unjudged": [r for k, r in zip(keys, sample) if k not in verdicts]}


def confidence_table(records: list[dict]) -> dict[str, dict]:
    """Measured precision per evidence key, at every back-off level: {key: {n, right, precision}}."""
    from redline.extract.quotes.confidence import keys_of  # the stage's own keys and back-off order

    counts: dict[str, list[int]] = {}
    for r in records:
        for k in keys_of(r["how"], r["direct"], r["cue_class"]):
            c = counts.setdefault(k, [0, 0])
            c[0] += 1
            c[1] += bool(r["right"])
    return {k: {"n": n, "right": ok, "precision": round(ok / n, 3)} for k, (n, ok) in sorted(counts.items())}


def write_confidence(records: list[dict], files: int) -> None:
    table = confidence_table(records)
    head = {
        "_about": (f"Measured precision of quotes per way they are found (how | direct or indirect | cue class), "
                   f"written by bench/bench_quotes.py --write-confidence over the tuning half of PolNeAR "
                   f"train+dev ({files} files, {len(records)} quotes). A quote counts as right when its content "
                   f"overlaps a gold attribution's content and, when that attribution has a Source, its speaker "
                   f"matches it (the bench's speaker test). The quotes stage uses the most specific key with at "
                   f"least min_support quotes, else a coarser one."),
        "min_support": MIN_SUPPORT,
    }
    # One key a line, so a change of the table reads as a diff of its rows.
    rows = ",\n".join(f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in table.items())
    text = json.dumps(head, indent=2, ensure_ascii=False)[:-2] + ',\n  "precision": {\n' + rows + "\n  }\n}\n"
    json.loads(text)
    CONFIDENCE.write_text(text, encoding="utf-8")


# -- run -------------------------------------------------------------------------
def evaluate(splits: tuple[str, ...] = ("train", "dev"), limit: int | None = None, half: str | None = None,
             sample: int | None = None) -> dict:
    """Figures for PolNeAR: {"all": {...}, "speech": {...}, "articles": n, "seconds": s, "records": [...]}.

    ``half`` ("tune" or "scored") keeps the files of that half of train + dev,
    ``sample`` a fixed seeded subset of them; ``limit`` the first files (quick look).
    """
    from redline.extract.entities import extract_entities
    from redline.extract.quotes import extract_quotes, is_speech_token
    from redline.nlp import load_model

    nlp = load_model()
    articles = [a for s in splits for a in load_split(s)]
    if half is not None:
        keep = set(subset(halves(splits)[half], sample))
        articles = [a for a in articles if a.file in keep]
    articles = articles[:limit]
    tallies = {"all": Tally(), "speech": Tally()}
    records: list[dict] = []
    t0 = time.perf_counter()
    for art, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=16)):
        table = extract_entities(doc)
        quotes = extract_quotes(doc, table)
        _mark_speech(doc, art.gold, is_speech_token)
        speech = [a for a in art.gold if a.speech]
        other = [a for a in art.gold if not a.speech]
        tallies["all"].add(art, doc, table, quotes, art.gold, [])
        tallies["speech"].add(art, doc, table, quotes, speech, other)
        records += _records(art, table, quotes)
    out: dict = {k: t.figures() for k, t in tallies.items()}
    out["articles"] = len(articles)
    out["seconds"] = time.perf_counter() - t0
    out["records"] = records
    return out


def _print(fig: dict, floors: dict | None, title: str = "PolNeAR") -> None:
    print(f"{title}: {fig['articles']} articles in {fig['seconds']:.0f}s")
    for subset_name in ("all", "speech"):
        print(f"\n[{subset_name} attributions]")
        for key, value in fig[subset_name].items():
            anchor = ANCHORS.get(key)
            beside = f"   anchor {anchor[1]:.2f} ({anchor[0]})" if anchor else ""
            floor = (floors or {}).get(subset_name, {}).get(key)
            mark = f"   floor {floor:.2f}{'' if value >= floor else '  BELOW FLOOR'}" if floor is not None else ""
            print(f"  {key:26s} {value:.3f}{beside}{mark}")


def _print_keys(records: list[dict]) -> None:
    print("\n[precision by way of finding: n, right, precision]")
    for k, v in confidence_table(records).items():
        if k.count("|") == 2:
            print(f"  {k:40s} {v['n']:5d} {v['right']:5d} {v['precision']:.3f}")


def _print_judged(j: dict, texts: dict[str, str], floor: float) -> None:
    mark = "" if j["judged_precision"] >= floor else "  BELOW FLOOR"
    print(f"\n[judged sample] {j['judged']} of {j['sampled']} judged, precision {j['judged_precision']:.3f}"
          f"   floor {floor:.2f}{mark}; wrong by reason {j['wrong_by_reason']}")
    for r in j["unjudged"]:  # what a judge needs to read: the quote, how it was found, its context
        text = texts.get(r["file"], "")
        print("  unjudged:", json.dumps({"key": judged_key(r)}, ensure_ascii=False))
        print(f"    how={r['how']} cue={r['cue']!r} channel={r['channel']!r} quote={text[r['start']:r['end']]!r}")
        print(f"    context: {text[max(0, r['start'] - 300):r['end'] + 200]!r}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", action="append", choices=["train", "dev"])
    ap.add_argument("--limit", type=int)
    ap.add_argument("--half", action="append", choices=["tune", "scored"])
    ap.add_argument("--sample", type=int, help="a fixed seeded subset of N files of each half")
    ap.add_argument("--keys", action="store_true", help="print the precision per way of finding")
    ap.add_argument("--judge", action="store_true", help="the judged sample of the scored half (whole half)")
    ap.add_argument("--write-confidence", action="store_true", help="measure the tuning half and write the table")
    args = ap.parse_args()
    splits = tuple(sorted(set(args.split or ["train", "dev"])))
    if args.write_confidence:
        fig = evaluate(half="tune")
        write_confidence(fig["records"], fig["articles"])
        args.half, args.keys = [], True
        _print(fig, None, "PolNeAR tuning half")
    elif args.half or args.judge:
        for half in args.half or ["scored"]:
            sample = None if args.judge and half == "scored" else args.sample
            fig = evaluate(half=half, sample=sample)
            floors = HALF_FLOORS[half] if sample == {"scored": None, "tune": SUBSET}[half] else None
            _print(fig, floors, f"PolNeAR {half} half" + (f" (subset of {sample})" if sample else ""))
            if args.keys:
                _print_keys(fig["records"])
            if args.judge and half == "scored":
                texts = {a.file: a.text for s in splits for a in load_split(s)}
                _print_judged(judged(fig["records"]), texts, JUDGED_FLOOR)
        return
    else:
        fig = evaluate(splits, args.limit)
        _print(fig, {("dev", "train"): FLOORS, ("dev",): DEV_FLOORS}.get(splits) if args.limit is None else None)
    if args.keys:
        _print_keys(fig["records"])


if __name__ == "__main__":
    main()
