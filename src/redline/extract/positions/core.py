"""Positions: an actor's stance, for or against, on a proposition, at a date, with its evidence.

One article at a time, in four steps:

1. triggers and the actions they govern (``triggers``): stance words
   from the stance lexicon, nested triggers multiplying polarity and
   negation, and refusals without a stance word ("will not send");
2. ``propositions.build`` normalises the action into a keyed proposition;
3. the holders (``holders``): the trigger's subject, made canonical (a seat
   of government is its country, a head of state stands for it), with who
   spoke kept as ``speaker_id``;
4. the date is the time expression attached to the trigger or a verb above
   it; otherwise the article date. A past-only stance ("previously opposed",
   past perfect) gets ``when: "before"`` and, without its own date, a null
   date: a date is never invented, and change detection must not read it as
   the current stance (``before`` carries the article date as an upper bound).

A stance the article restates is one position with every sentence in
``all_evidence`` (``_merge_repeats``).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from ...records import EntityTable, Quote, TimeExpr
from ..lexicon.stance import Lexicon, lexicon
from .agents import agent_chains, prefixed_chains, received_chains
from .confidence import confidence, pattern_of
from .holders import _canonical, stance_holders
from .general import build_general
from .propositions import Memory, Prop, Resolver, build
from .commitment import claimed, conditional, hedged
from .syntax import WILL, negated, predicate
from .triggers import Chain, chains

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "appos", "relcl", "csubj"})


def extract_positions(doc, entities: EntityTable, times: list[TimeExpr], quotes: list[Quote],
                      events: list[dict] | None = None, published: str | None = None) -> list[dict]:
    """Positions of one parsed article (``events`` are accepted for the stage contract, not needed)."""
    lex = lexicon()
    res = Resolver(doc, entities)
    memory = Memory()
    out: list[dict] = []
    cues: dict[int, list] = {}
    for t in doc:
        if t.lemma_.lower() in lex.cues:
            cues.setdefault(t.sent.start, []).append(t)
    for k, sent in enumerate(doc.sents):
        if sent.start not in cues or sent.text.rstrip().endswith("?"):
            continue  # no stance word; or a question, which takes no stance
        for chain in chains(cues[sent.start], lex, res):
            prop = _proposition(chain, res, memory, k)
            if prop is None:
                continue
            memory.remember(prop, k)
            if hedged(chain.trigger, lex) or conditional(chain.trigger, lex) or claimed(chain.trigger, lex):
                continue
            out.extend(_positions(chain, prop, sent, res, lex, times, quotes, published, len(out)))
    for sent in doc.sents:  # "Albright, a Quill supporter": agent nouns with their named holders
        if sent.text.rstrip().endswith("?"):
            continue
        for chain, prop, ents in agent_chains(sent, res, lex) + received_chains(sent, res, lex) \
                + prefixed_chains(sent, res, lex):
            if hedged(chain.trigger, lex) or conditional(chain.trigger, lex) or claimed(chain.trigger, lex):
                continue
            date, when = _date(chain.trigger, sent, times, published, lex)
            seen = set()
            for e in ents:
                holder, person, org, state = _canonical(e, res, lex)
                if holder.id in seen:
                    continue
                seen.add(holder.id)
                out.append(_record(chain, prop, sent, chain.trigger, lex, len(out), holder, person, org, state,
                                   "for" if chain.polarity * prop.side > 0 else "against", date, when, published,
                                   pattern="agent"))
    out.extend(_course_reversals(doc, res, lex, quotes, out, times, published))
    _share_qualifiers(out)
    return _merge_repeats(out)


# "reversed course", "changed its advice", "did a U-turn": a change said without the stance it
# turns to; the holder's latest stance stated earlier in the article tells which way.
def _turns(doc, lex: Lexicon):
    """The tokens that say a holder turned (``turns`` in stance_words.json): "reversed course",
    "changed its advice", "made a U-turn", "flip-flopped"."""
    turns = lex.raw["turns"]
    verbs, objects, nouns, bare = (frozenset(turns[k]) for k in ("verbs", "objects", "nouns", "bare_verbs"))
    for t in doc:
        lemma = t.lemma_.lower()
        if t.dep_ in {"xcomp", "pcomp", "csubj", "acl"} or t.tag_ in {"VBG", "VB"} and t.dep_ != "conj":
            continue  # "would not rule out shifting her position", "refused to change course": no turn
        if t.pos_ == "VERB" and lemma in verbs and not negated(t) and any(
                c.dep_ == "dobj" and c.lemma_.lower() in objects for c in t.children):
            yield t
        elif t.pos_ == "VERB" and lemma in bare and not negated(t):
            yield t
        elif t.pos_ == "NOUN" and lemma in nouns and t.dep_ == "dobj" and not negated(t.head):
            yield t.head  # "made a U-turn": the verb carries the holder


def _course_reversals(doc, res: Resolver, lex: Lexicon, quotes, positions: list[dict], times,
                      published: str | None) -> list[dict]:
    """For each turn, the holder's latest earlier stance in the article, now held the other way.

    "She said helmets were not needed ... But the agency changed its advice": against, then for.
    With "on X" the earlier stance must be on X's proposition; with no earlier stance of the
    holder the direction is unknown and nothing is recorded."""
    out: list[dict] = []
    for t in _turns(doc, lex):
        if hedged(t, lex) or conditional(t, lex) or claimed(t, lex):
            continue
        on = next((x for c in t.children if c.dep_ == "prep" and c.lower_ in {"on", "over"}
                   for x in c.children if x.dep_ == "pobj"), None)
        about = build_general(on, res) if on is not None else None
        sent = t.sent
        for holder, speaker, acting_for, _state in stance_holders(t, res, lex, quotes):
            earlier = [p for p in positions if p["holder_id"] == holder.id
                       and p["evidence"]["start"] < sent.start_char
                       and (about is None or p["proposition_key"] == about.key())]
            if not earlier:
                continue
            last = max(earlier, key=lambda p: p["evidence"]["start"])
            date, when = _date(t, sent, times, published, lex)
            out.append({**last, "id": f"p{len(positions) + len(out) + 1}",
                        "stance": "against" if last["stance"] == "for" else "for",
                        "date": date, "when": when, "before": None,
                        "evidence": {"start": sent.start_char, "end": sent.start_char + len(sent.text.rstrip()),
                                     "sentence": sent.text.strip()},
                        "speaker_id": speaker.id if speaker and speaker.id != holder.id else None,
                        "trigger": _trigger_text(t), "trigger_start": t.idx, "negated": False,
                        "modality": _modality(t, lex), "pattern": "turn", "confidence": confidence("turn")})
    return out


def _proposition(chain: Chain, res: Resolver, memory: Memory, sentence: int) -> Prop | None:
    if chain.anaphor is not None:
        # a bare reversal ("withdrew his support") reaches the proposition just named, no further
        reach = 1 if chain.reversal and not chain.anaphor else None
        prop = memory.recall(chain.anaphor or None, sentence, reach)
        if prop is not None:
            prop.head_i = chain.terminal.i
    elif chain.general:
        prop = build_general(chain.terminal, res)
    else:
        prop = build(chain.terminal, res, memory, chain.via_obj)
        if prop is None and chain.terminal.pos_ == "NOUN" and chain.terminal.dep_ in {"dobj", "pobj"} \
                and chain.via_obj is None:
            # "voted in favor of the provision", "backs the strike": an action noun with nothing of
            # its action's slots (no recipient, no weapon, no target) is the object itself
            prop = build_general(chain.terminal, res)
    if prop is not None and chain.qualifier:
        prop.qualifier = chain.qualifier
    return prop


# -------------------------------------------------------------------- output

def _positions(chain: Chain, prop: Prop, sent, res: Resolver, lex: Lexicon, times, quotes,
               published: str | None, n: int) -> list[dict]:
    trig = chain.trigger
    date, when = _date(trig, sent, times, published, lex)
    stance = "for" if chain.polarity * prop.side > 0 else "against"
    pattern = pattern_of(chain, lex)
    out = []
    for holder, speaker, acting_for, state in stance_holders(trig, res, lex, quotes):
        if chain.reversal:
            # "withdrew his endorsement of X", "no longer supports X": the old stance too, dated before
            # the article (no date is invented), then the new one.
            old = _record(chain, prop, sent, trig, lex, n + len(out), holder, speaker, acting_for, state,
                          "for" if stance == "against" else "against", None, "before", published, pattern)
            out.append(old)
        out.append(_record(chain, prop, sent, trig, lex, n + len(out), holder, speaker, acting_for, state,
                           stance, date, when, published, pattern))
    return out


def _record(chain: Chain, prop: Prop, sent, trig, lex: Lexicon, n: int, holder, speaker, acting_for, state,
            stance: str, date: str | None, when: str | None, published: str | None, pattern: str) -> dict:
    return {
        "id": f"p{n + 1}",
        "holder_id": holder.id,
        "holder_name": holder.name,
        "holder_country": state,
        "acting_for": acting_for.id if acting_for else None,
        "proposition": prop.text(),
        "proposition_key": prop.key(),
        "stance": stance,
        "qualifier": prop.qualifier,
        "qualifier_source": ("scope" if chain.qualifier else "place") if prop.qualifier else None,
        "date": date,
        "when": when,
        "before": published if when == "before" else None,
        "article_id": None,
        "evidence": {"start": sent.start_char, "end": sent.start_char + len(sent.text.rstrip()),
                     "sentence": sent.text.strip()},
        "speaker_id": speaker.id if speaker and speaker.id != holder.id else None,
        "trigger": _trigger_text(trig),
        "trigger_start": trig.idx,
        "negated": negated(trig),
        "modality": _modality(trig, lex),
        "weapon": prop.slots.get("weapon"),
        "agent": prop.slots.get("agent"),
        "target": prop.slots.get("target"),
        "pattern": pattern,
        "confidence": confidence(pattern),
    }


def _trigger_text(tok) -> str:
    """The stance words as written: "was not ready", "will be limited", "has not gone along"."""
    pred = predicate(tok)
    words = {tok.i: tok}
    for t in (tok, pred):
        words[t.i] = t
        for c in t.children:
            if c.dep_ in {"neg", "prt", "aux", "auxpass"} or c.lower_ in {"green", "along", "no"}:
                words[c.i] = c
    if tok.lemma_.lower() in {"favor", "favour"}:
        words[tok.head.i] = tok.head  # "in favor"
    return " ".join(words[i].text for i in sorted(words))


def _modality(tok, lex: Lexicon) -> str:
    """reported ("news reports said"), planned ("would allow") or asserted."""
    t = tok
    for _ in range(8):
        if t.lemma_.lower() in lex.speech_verbs:
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lemma_.lower() in lex.report_subjects:
                return "reported"
        if t.head.i == t.i:
            break
        t = t.head
    if any(c.dep_ == "aux" and c.lower_ in WILL for c in tok.children):
        return "planned"
    return "asserted"


def _date(tok, sent, times: list[TimeExpr], published: str | None, lex: Lexicon) -> tuple[str | None, str | None]:
    """(date, when): the nearest time expression on the trigger's chain of heads, else the article date."""
    chain = [tok, *tok.ancestors]
    pred = predicate(tok)
    rank = {t.i: k for k, t in enumerate(chain)}
    best: tuple[int, str] | None = None
    for tx in times:
        if tx.type != "DATE" or not tx.value or not _ISO_DATE.match(tx.value):
            continue
        if not (sent.start_char <= tx.start < sent.end_char):
            continue
        span = sent.doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        v = _attached_verb(span.root)
        if v is not None and v.i in rank and (best is None or rank[v.i] < best[0]):
            best = (rank[v.i], tx.value)
    past = _past_only(tok, pred, lex)
    if best is not None:
        # "who voted against the levy in June", in July: an act done and dated well before the
        # article is a stance held then, not one the article reports as held now.
        done = pred.tag_ == "VBD" or tok.tag_ == "VBD"
        return best[1], "before" if past or (done and _well_before(best[1], published)) else None
    return (None, "before") if past else (published, None)


def _well_before(value: str, published: str | None, days: int = 7) -> bool:
    """Whether the whole period ``value`` names (a day, an ISO week, a month, a year) ended more than
    ``days`` days before ``published``: "in June" in a July article, not "on Tuesday"."""
    if not published:
        return False
    try:
        pub = dt.date.fromisoformat(published[:10])
        if "-W" in value:
            year, week = value.split("-W")
            last = dt.date.fromisocalendar(int(year), int(week[:2]), 7)
        elif len(value) == 4:
            last = dt.date(int(value), 12, 31)
        elif len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            last = dt.date(year, month, calendar.monthrange(year, month)[1])
        else:
            last = dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return last < pub - dt.timedelta(days=days)


def _attached_verb(tok):
    """The verb a time expression modifies, unless it sits inside an argument ("Kazrania's invasion in 2029")."""
    t = tok
    for _ in range(8):
        if t.dep_ in _ARGUMENT_DEPS:
            return None
        if t.head.i == t.i:
            return t
        t = t.head
        if t.pos_ in {"VERB", "AUX"} or t.dep_ == "ROOT":
            return t
    return None


def _past_only(tok, pred, lex: Lexicon) -> bool:
    for t in (tok, pred) if pred.i != tok.i else (tok,):
        kids = list(t.children)
        if any(c.dep_ == "advmod" and c.lower_ in lex.past_markers for c in kids):
            return True
        if any(c.dep_ == "aux" and c.lower_ == "had" for c in kids):
            return True
    return _recalled(pred)


def _recalled(pred) -> bool:
    """ "I said Ostrana would not sign", "in January we said helmets were not needed": a speaker
    recalling words of their own, said in the past tense, reports a stance held before."""
    t = pred
    for _ in range(4):
        if t.dep_ != "ccomp" or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in {"say", "tell", "state", "insist", "announce", "advise"} and t.tag_ == "VBD" \
                and any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in t.children):
            return True
    return False


def _share_qualifiers(positions: list[dict]) -> None:
    """A scope the holder states ("the strikes will be limited to border areas near X") qualifies
    its approval of the same proposition on the same date in the article too."""
    def where(p: dict) -> tuple:
        return p["holder_country"] or p["holder_id"], p["proposition_key"], p["date"]

    scoped = {where(p): p["qualifier"] for p in positions if p["qualifier_source"] == "scope" and p["stance"] == "for"}
    for p in positions:
        if p["stance"] == "for" and not p["qualifier"] and p["when"] != "before" and where(p) in scoped:
            p["qualifier"], p["qualifier_source"] = scoped[where(p)], "scope"


def _merge_repeats(positions: list[dict]) -> list[dict]:
    """One position per stance an article states, however often it restates it.

    The same holder, proposition, stance, qualifier and date said in several
    sentences ("approved allowing ..."; later "would allow its missiles to be
    used ...") is one position, not several that look like distinct ones. The
    contract's ``evidence`` is its first sentence; ``all_evidence`` lists every
    sentence that states it, in text order, so none becomes unreachable. A
    restatement with another date, qualifier or past-only reading stays apart:
    it is another claim. Ids are renumbered in order (they are local to the call)."""
    out: list[dict] = []
    first: dict[tuple, dict] = {}
    for p in positions:
        k = (p["holder_country"] or p["holder_id"], p["proposition_key"], p["stance"], p["qualifier"], p["date"], p["when"])
        entry = {**p["evidence"], "trigger": p["trigger"]}
        if k in first:
            first[k]["all_evidence"].append(entry)
            continue
        p["all_evidence"] = [entry]
        first[k] = p
        out.append(p)
    for n, p in enumerate(out):
        p["id"] = f"p{n + 1}"
    return out

