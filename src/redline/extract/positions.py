"""Positions: an actor's stance, for or against, on a proposition, at a date, with its evidence.

Read from the parse with the stance lexicon (data/stance_words.json), not
from the events stage, so that a weak event reading cannot flip a stance:

1. triggers: stance verbs (allow, refuse), adjectives (ready to, hesitant
   about), nouns (the palace's approval) and phrases (give the green
   light, in favor of, go along with, a right to, call X a red line);
2. from the outermost trigger, descend through nested triggers (approved
   allowing ...; not ready to allow ...; lifting of restrictions on ...) to the
   action, multiplying polarity and negation; ``propositions.build`` then
   normalises the action into a keyed proposition;
3. the holder is the trigger's subject (through control, coordination,
   relative clauses and "including" lists), made canonical: a seat of
   government or capital is its country, and a head of state or government
   stands for the country when the article names it. Who spoke is kept as
   ``speaker_id``;
4. the date is the time expression attached to the trigger or a verb above
   it; otherwise the article date. A past-only stance ("previously opposed",
   past perfect) gets ``when: "before"`` and, without its own date, a null
   date: a date is never invented, and change detection must not read it as
   the current stance (``before`` carries the article date as an upper bound).

An alliance's secretary-general, like any official who is not a head of state
or government, holds positions in his own name (``acting_for`` names his
organisation): an alliance's chief may argue a case before its members agree
("several allies joined that call"), while a president's decision is the
state's policy. ``holder_country`` names the state a holder stands for, also
when the article never names the state itself (a president quoted in an
article that only says "Valdorian"); linking should group holders by it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Entity, EntityTable, Quote, TimeExpr
from .propositions import Lexicon, Memory, Prop, Resolver, build, lexicon
from .propositions import proposition_similarity, rank_propositions  # noqa: F401  (re-exported)

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
_COMP_PREPS = frozenset({"to", "of", "on", "for", "about", "in", "with", "over", "toward", "towards"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "appos", "relcl", "csubj"})
_PERMIT = frozenset({"allow", "permit", "let", "authorize", "authorise"})
_WILL = frozenset({"will", "would", "'ll", "shall", "wo"})


@dataclass
class Chain:
    trigger: object  # the outermost stance token
    terminal: object | None  # the action token, or the anaphor
    polarity: int
    anaphor: str | None  # None, or the action class recalled ("" = the last proposition)
    via_obj: object | None  # "permitting Ostrana to ...": the permitted agent
    qualifier: str | None = None
    visited: tuple = ()


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
        for chain in _chains(cues[sent.start], lex, res):
            prop = _proposition(chain, res, memory, k)
            if prop is None:
                continue
            memory.remember(prop, k)
            if _hedged(chain.trigger, lex):
                continue
            out.extend(_positions(chain, prop, sent, res, lex, times, quotes, published, len(out)))
    _share_qualifiers(out)
    return _merge_repeats(out)


# ------------------------------------------------------------------ triggers

def _neg(tok) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in {"never", "no"} and c.dep_ in {"det", "advmod"}) for c in tok.children)


def _predicate(tok):
    """The verb that carries an adjective's or a phrase noun's tense and negation."""
    t = tok
    while t.dep_ in {"acomp", "dobj", "pobj", "prep", "oprd", "attr"} and t.head.i != t.i:
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t
    return tok


def _local(tok, lex: Lexicon, nested: bool) -> int:
    """The stance polarity a token contributes (+1, -1), or 0 when it is no stance word here."""
    lemma, pos = tok.lemma_.lower(), tok.pos_
    kids = list(tok.children)
    if pos in {"VERB", "AUX"}:
        if lemma == "rule":
            return -1 if any(c.lower_ == "out" for c in kids) else 0
        if lemma == "go":
            return 1 if any(c.lower_ == "along" for c in kids) else 0
        stance_nouns = lex.flip_nouns | lex.against_nouns | lex.for_nouns
        if lemma in lex.flip_verbs and any(c.dep_ == "dobj" and c.lemma_.lower() in stance_nouns for c in kids):
            return -1  # "lifted its ban on", "dropped its objection to", "withdrew its support for"
        if lemma in {"call", "brand", "label", "term", "deem", "consider"} and _red_line(tok):
            return -1
        if lemma in lex.intent_verbs:
            # "does not plan to send": a disavowed intention is a refusal (the -1 comes from the
            # negation); a stated one ("plans to send") commits nobody to a stance.
            return 1 if _neg(tok) and any(c.dep_ == "xcomp" for c in kids) else 0
        if lemma in lex.for_verbs:
            return 1
        if lemma in lex.against_verbs:
            return -1
        return 0
    if pos == "ADP" and lemma == "against" and tok.head.lemma_.lower() == "be" and tok.dep_ == "prep":
        return -1  # "Valdoria is against allowing ..."
    if pos == "ADJ":
        if not any(c.dep_ in {"xcomp", "prep"} for c in kids):
            return 0
        return 1 if lemma in lex.for_adj else -1 if lemma in lex.against_adj else 0
    if pos in {"NOUN", "PROPN"}:
        if lemma == "light" and any(c.lower_ == "green" for c in kids):
            return 1
        if lemma in {"favor", "favour"} and tok.head.lower_ == "in":
            return 1
        if lemma == "right" and any(c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB" for c in kids):
            return 1
        if lemma in lex.intent_nouns and _neg(tok) and any(c.dep_ == "acl" for c in kids):
            return 1  # "has no plans to send": the "no" makes it a refusal
        head = tok.head.lemma_.lower() if tok.dep_ == "dobj" else ""
        if head in lex.commit_verbs and head not in lex.light_verbs and _neg(tok.head):
            return 0  # "did not confirm the approval": no commitment either way
        licensed = nested or any(c.dep_ == "poss" for c in kids) or head in lex.light_verbs or (
            head in lex.commit_verbs and (lemma in lex.for_nouns or lemma in lex.against_nouns))
        if not licensed:
            return 0
        if lemma in lex.for_nouns:
            return 1
        if lemma in lex.against_nouns or (nested and lemma in lex.flip_nouns):
            return -1
        if tok.dep_ == "dobj" and lemma in lex.flip_nouns:  # "imposed restrictions on ..."
            return -1
        if nested and lemma.endswith("ing") and lemma[:-3] in lex.flip_verbs:  # "the lifting of ..."
            return -1
    return 0


def _red_line(tok) -> bool:
    return any(t.lemma_.lower() == "line" and any(c.lower_ == "red" for c in t.children)
               for c in tok.children if c.dep_ in {"oprd", "attr", "xcomp", "dobj"} for t in c.subtree)


def _negated(tok) -> bool:
    pred = _predicate(tok)
    return _neg(tok) or (pred.i != tok.i and _neg(pred))


def _chains(tokens: list, lex: Lexicon, res: Resolver) -> list[Chain]:
    """The outermost stance triggers among a sentence's cue words, with the actions they govern."""
    cands = [t for t in tokens if _local(t, lex, nested=False) or _scope(t, lex) or _refused_supply(t, lex)]
    depth = {t.i: sum(1 for _ in t.ancestors) for t in cands}
    consumed: set[int] = set()
    chains: list[Chain] = []
    for t in sorted(cands, key=lambda t: (depth[t.i], t.i)):
        if t.i in consumed:
            continue
        if _refused_supply(t, lex):
            chain = Chain(t, t, -1, None, None, None, (t.i,))
        else:
            chain = _scope_chain(t, lex) if _scope(t, lex) else _descend(t, lex, res)
        consumed.update(chain.visited)
        if chain.terminal is not None and _licensed(t, lex):
            chains.append(chain)
    return sorted(chains, key=lambda c: c.trigger.i)


def _refused_supply(tok, lex: Lexicon) -> bool:
    """ "Valdoria will not send its Halberd missiles to Ostrana": a supply verb negated with a future
    or volitional auxiliary (will, would, won't, shall) is a refusal without a stance word.

    It keys the supply proposition (recipient, weapon), as "refused to send" does: what a
    holder will not hand over, not what the recipient may do with weapons it already has (that
    is the separate question of permitting their use). A negated past ("did not send") is a
    fact about deliveries, not a stance, and "could not send" is inability: neither counts."""
    return (tok.pos_ == "VERB" and lex.action_of_verb.get(tok.lemma_.lower()) == "supply" and _neg(tok)
            and any(c.dep_ == "aux" and c.lower_ in _WILL for c in tok.children))


def _scope(tok, lex: Lexicon) -> bool:
    """ "the strikes will be limited to border areas": a permitted action with its scope."""
    if tok.lemma_.lower() not in lex.scope_verbs or tok.pos_ != "VERB":
        return False
    has_to = any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
    subj = [c for c in tok.children if c.dep_ in {"nsubjpass", "dobj"}]
    return has_to and any(s.lemma_.lower() in lex.action_of_noun for s in subj)


def _scope_chain(tok, lex: Lexicon) -> Chain:
    subj = next(c for c in tok.children if c.dep_ in {"nsubjpass", "dobj"} and c.lemma_.lower() in lex.action_of_noun)
    to = next(c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to")
    words = [t for p in to.children if p.dep_ == "pobj" for t in _phrase(p)]
    qualifier = f"{tok.lower_} to {' '.join(w.text for w in words)}" if words else None
    return Chain(tok, subj, 1, None, None, qualifier, (tok.i,))


def _phrase(tok) -> list:
    """A noun phrase up to its first comma, without relative clauses: "border districts near Vetrograd"."""
    skip = {x.i for t in tok.subtree if t.i != tok.i and t.dep_ in {"relcl", "appos", "acl"} for x in t.subtree}
    out = []
    for t in tok.subtree:
        if t.dep_ == "punct" and out:
            break
        if t.i not in skip and t.dep_ != "punct":
            out.append(t)
    return out


def _descend(trigger, lex: Lexicon, res: Resolver) -> Chain:
    pol = _local(trigger, lex, nested=False) * (-1 if _negated(trigger) else 1)
    starts = [trigger]
    visited = [trigger.i]
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "pobj"}:
        starts.append(_predicate(trigger))  # "gave the green light to X": X hangs on the verb
    elif trigger.lemma_.lower() in lex.flip_verbs:
        # "dropped its objection to X": the noun's polarity, and its complement even where the
        # parser hangs it on the verb.
        noun = next((c for c in trigger.children if c.dep_ == "dobj" and _local(c, lex, nested=True)), None)
        if noun is not None:
            pol *= _local(noun, lex, nested=True) * (-1 if _neg(noun) else 1)
            starts.insert(0, noun)
            visited.append(noun.i)
    via0 = None
    if trigger.lemma_.lower() == "right":  # "Ostrana had a right to strike": the right's bearer acts
        via0 = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
    queue = [(s, pol, via0, 0) for s in starts]
    while queue:
        node, p, via, d = queue.pop(0)
        if d > 6:
            continue
        if node.lemma_.lower() in _PERMIT and any(c.dep_ in {"xcomp", "ccomp"} for c in node.children):
            via = next((c for c in node.children if c.dep_ == "dobj"), via)  # "permitting Ostrana to launch"
        for c in node.children:
            if c.i in visited or not _complement(node, c, lex):
                continue
            visited.append(c.i)
            if c.dep_ == "prep" or c.pos_ == "ADP":
                queue.append((c, p, via, d + 1))
                continue
            ana = _anaphor(c, lex)
            if ana is not None:
                return Chain(trigger, c, p, ana, via, None, tuple(visited))
            local = _local(c, lex, nested=True)
            if local:
                queue.append((c, p * local * (-1 if _neg(c) else 1), via, d + 1))
                continue
            if _action(c, lex) or _generic(node, c, lex):
                return Chain(trigger, c, p, None, via, None, tuple(visited))
    return Chain(trigger, None, pol, None, None, None, tuple(visited))


def _complement(node, c, lex: Lexicon) -> bool:
    dep = c.dep_
    if node.pos_ == "ADP":
        return dep in {"pobj", "pcomp"}
    if dep == "prep" or (dep == "dative" and c.pos_ == "ADP"):  # "given the green light to X"
        return c.lower_ in _COMP_PREPS or c.lower_ in lex.target_preps
    if dep == "advcl":
        marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
        return not (marks & lex.condition_marks) and (not marks or marks <= {"for", "to"})
    if node.pos_ in {"NOUN", "PROPN"}:
        return dep in {"acl", "compound"} and c.pos_ in {"VERB", "NOUN"}
    return dep in {"xcomp", "ccomp", "dobj", "pcomp"}


def _anaphor(tok, lex: Lexicon) -> str | None:
    """ "such strikes" -> "strike"; "it", "the move" -> "" (the last proposition); else None."""
    if tok.pos_ == "PRON" and tok.lower_ in lex.anaphor_pronouns and tok.dep_ in {"dobj", "pobj"}:
        return ""
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "amod", "predet"}}
    lemma = tok.lemma_.lower()
    if dets & lex.anaphor_dets or (lemma in lex.anaphor_nouns and "the" in dets):
        if lemma in lex.action_of_noun and dets & lex.anaphor_dets:
            return lex.action_of_noun[lemma]
        if lemma in lex.anaphor_nouns:
            return ""
    return None


def _action(tok, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        return lemma in lex.action_of_verb
    return tok.pos_ == "NOUN" and lemma in lex.action_of_noun


def _generic(node, c, lex: Lexicon) -> bool:
    """ "refused to join the alliance": any verb a stance verb governs directly is a proposition."""
    return (c.pos_ == "VERB" and c.dep_ in {"xcomp", "ccomp"} and node.pos_ in {"VERB", "ADJ"}
            and c.lemma_.lower() not in lex.speech_verbs
            and c.lemma_.lower() not in {"be", "have", "do", "make", "take", "come", "go", "get", "continue", "see"})


def _licensed(tok, lex: Lexicon) -> bool:
    """Whether an outermost trigger commits its holder; "pressure on X to approve" does not."""
    dep = tok.dep_
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    if dep == "advcl" and infinitive:
        return False
    if dep == "acl":
        return tok.head.lemma_.lower() in lex.decision_nouns or tok.tag_ in {"VBG", "VBN"}
    if dep == "pcomp":
        return tok.head.lower_ == "by"
    if dep == "xcomp":
        head = tok.head
        if head.lemma_.lower() in lex.non_commit or any(c.dep_ == "dobj" for c in head.children):
            return False
    return True


def _hedged(tok, lex: Lexicon) -> bool:
    """ "might allow", "if X allows": hypothetical or conditional, so no stance is taken."""
    t = tok
    for _ in range(8):
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in lex.hedges:
                return True
            if c.dep_ == "mark" and c.lower_ in lex.condition_marks:
                return True
        if t.lemma_.lower() in lex.non_commit and t.i != tok.i:
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def _proposition(chain: Chain, res: Resolver, memory: Memory, sentence: int) -> Prop | None:
    if chain.anaphor is not None:
        prop = memory.recall(chain.anaphor or None, sentence)
        if prop is not None:
            prop.head_i = chain.terminal.i
    else:
        prop = build(chain.terminal, res, memory, chain.via_obj)
    if prop is not None and chain.qualifier:
        prop.qualifier = chain.qualifier
    return prop


# -------------------------------------------------------------------- output

def _positions(chain: Chain, prop: Prop, sent, res: Resolver, lex: Lexicon, times, quotes,
               published: str | None, n: int) -> list[dict]:
    trig = chain.trigger
    date, when = _date(trig, sent, times, published, lex)
    stance = "for" if chain.polarity > 0 else "against"
    out = []
    for holder, speaker, acting_for, state in _holders(trig, res, lex, quotes):
        out.append({
            "id": f"p{n + len(out) + 1}",
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
            "negated": _negated(trig),
            "modality": _modality(trig, lex),
            "weapon": prop.slots.get("weapon"),
            "agent": prop.slots.get("agent"),
            "target": prop.slots.get("target"),
        })
    return out


def _trigger_text(tok) -> str:
    """The stance words as written: "was not ready", "will be limited", "has not gone along"."""
    pred = _predicate(tok)
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
    if any(c.dep_ == "aux" and c.lower_ in _WILL for c in tok.children):
        return "planned"
    return "asserted"


def _date(tok, sent, times: list[TimeExpr], published: str | None, lex: Lexicon) -> tuple[str | None, str | None]:
    """(date, when): the nearest time expression on the trigger's chain of heads, else the article date."""
    chain = [tok, *tok.ancestors]
    pred = _predicate(tok)
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
        return best[1], "before" if past else None
    return (None, "before") if past else (published, None)


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


# ------------------------------------------------------------------- holders

def _holders(trig, res: Resolver, lex: Lexicon, quotes: list[Quote]) -> list[tuple]:
    """(holder, speaker, acting_for, state) for each actor taking the stance, canonical and deduplicated."""
    subj = _holder_token(trig, lex)
    ents = _subject_entities(subj, res, lex, quotes, 0) if subj is not None else []
    speaker = _speaker(trig, res, lex, quotes)
    out, seen = [], set()
    for e in ents:
        holder, person, org, state = _canonical(e, res, lex)
        if holder.id in seen:
            continue
        seen.add(holder.id)
        out.append((holder, speaker or person, org, state))
    return out


def _holder_token(trig, lex: Lexicon):
    """The token naming who takes the stance: the trigger's subject, through control and coordination."""
    t = trig
    if trig.pos_ in {"NOUN", "PROPN"}:
        poss = next((c for c in trig.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
        if trig.lemma_.lower() == "right":  # "X argued Ostrana had a right to": the arguer holds it
            t = trig.head
            if t.dep_ != "ccomp" or t.head.lemma_.lower() not in lex.speech_verbs:
                return None
            t = t.head
        else:
            t = _predicate(trig)
    elif trig.pos_ in {"ADJ", "ADP"}:
        t = _predicate(trig)
    elif _scope(trig, lex) and trig.dep_ == "ccomp" and trig.head.lemma_.lower() in lex.speech_verbs:
        t = trig.head  # "saying the strikes will be limited to ...": the sayer sets the scope
    for _ in range(8):
        if any(c.dep_ == "auxpass" for c in t.children) and t.i == trig.i:
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            return next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
        subj = next((c for c in t.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subj is not None:
            return subj
        if t.dep_ in {"xcomp", "conj"} or (t.dep_ == "advcl" and t.tag_ == "VBG"):
            t = t.head
        elif t.dep_ == "pcomp" and t.head.lower_ == "by":
            t = t.head.head
        elif t.dep_ == "acl":
            if t.head.lemma_.lower() in lex.decision_nouns:
                return _decider(t.head, lex)
            return t.head if t.tag_ in {"VBG", "VBN"} else None
        else:
            return None
    return None


def _decider(noun, lex: Lexicon):
    """Who owns a decision: its possessor ("Valdoria's decision to allow"), or the subject of a
    verb of making or announcing it ("Valdoria announced the decision to allow", "the decision
    ... was made by Valdoria"). A decision only criticised or reported has no holder here, and
    neither has one whose announcement is negated."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    verb = noun.head
    if verb.lemma_.lower() not in lex.commit_verbs or _neg(verb):
        return None
    if noun.dep_ == "dobj":
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if noun.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
    return None


_PRONOUN_TYPES = {"he": {"PERSON"}, "she": {"PERSON"}, "it": {"GPE", "ORG", "NORP", "LOC", "FAC"}}


def _subject_entities(subj, res: Resolver, lex: Lexicon, quotes: list[Quote], depth: int) -> list[Entity]:
    if depth > 3:
        return []
    if subj.lower_ in {"who", "that", "which"} and subj.head.dep_ == "relcl":
        ant = subj.head.head  # "(Marrow and Vask were) among those who previously opposed"
        if ant.dep_ == "pobj" and ant.head.lower_ == "among":
            verb = ant.head.head
            ant = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return _subject_entities(ant, res, lex, quotes, depth + 1) if ant is not None else []
    if subj.pos_ == "PRON":
        return _pronoun(subj, res, lex, quotes, depth)
    out: list[Entity] = []
    for s in [subj, *subj.conjuncts]:
        e = res.entity(s)
        if e is not None:
            if e.type not in {"WEAPON", "DATE", "TIME", "CARDINAL"} and (e.type != "LOC" or e.country):
                out.append(e)
            continue
        for c in s.children:  # "Some allies, including Valdoria and Sarvenia"
            if (c.dep_ == "prep" and c.lower_ in {"including", "like", "as"}) or c.dep_ == "appos":
                heads = [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else [c]
                for h in heads:
                    out.extend(x for x in (res.entity(y) for y in [h, *h.conjuncts]) if x is not None)
        if not out and s.lemma_.lower() in lex.group_nouns:  # "German officials"
            iso = res.country_near(s)
            mod = next((res.entity(c) for c in s.children if res.entity(c) is not None), None)
            ce = res.country_entity.get(iso) if iso else None
            if ce or (mod is not None and iso):
                out.append(ce or mod)
    return out


def _pronoun(p, res: Resolver, lex: Lexicon, quotes: list[Quote], depth: int) -> list[Entity]:
    word = p.lower_
    if word not in {"we", "i", "us"}:
        t = p.head
        while t.dep_ in {"xcomp", "conj", "acomp"} and t.head.i != t.i:
            t = t.head
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.speech_verbs:
            subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                found = _subject_entities(subj, res, lex, quotes, depth + 1)
                allowed = _PRONOUN_TYPES.get(word)
                found = [e for e in found if allowed is None or e.type in allowed]
                if found:
                    return found
    for q in quotes:
        if q.start <= p.idx < q.end and q.speaker_id and (word in {"we", "i", "us"} or not q.direct):
            e = res.table.get(q.speaker_id)
            return [e] if e is not None else []
    return []


def _canonical(e: Entity, res: Resolver, lex: Lexicon) -> tuple[Entity, Entity | None, Entity | None, str | None]:
    """(holder, person who spoke for it, organisation a person acts for, state the holder stands for).

    Without the country's own entity in the article the metonym or the head of
    state stays the holder; the state's code still says whom it stands for."""
    if res.country_level(e):
        return res.country_entity.get(e.country, e), None, None, e.country
    if e.type == "PERSON":
        for r in e.roles:
            if r.title.lower() in lex.head_of_state and r.country:
                return res.country_entity.get(r.country, e), e, None, r.country
        for r in e.roles:
            if r.org:
                org = next((x for x in res.table.entities if x.name == r.org or r.org in x.aliases), None)
                return e, None, org, None
    return e, None, None, None


def _speaker(trig, res: Resolver, lex: Lexicon, quotes: list[Quote]) -> Entity | None:
    """Who said it: the subject of the nearest verb of saying above the trigger."""
    for t in trig.ancestors:
        if t.lemma_.lower() not in lex.speech_verbs:
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if subj is None and t.dep_ == "acl":
            subj = t.head  # "palace sources saying ..."
        if subj is None:
            return None
        if subj.pos_ == "PRON":
            found = _pronoun(subj, res, lex, quotes, 0)
            return found[0] if found else None
        span = list(subj.subtree)
        return res.table.entity_at(span[0].idx, span[-1].idx + len(span[-1].text))
    return None


__all__ = ["extract_positions", "proposition_similarity", "rank_propositions"]
