"""Events: who did what to whom, typed with PLOVER's 16 categories.

``extract_events(doc, entities, times, published)`` reads the parsed ``Doc``
and the earlier stages' output; it never parses again. One linear pass per
sentence:

1. every verb is looked up in the lexicon (``triggers``, over ``lexicon.plover``): the verb alone, with
   its particle or preposition ("pull out", "call for"), or a light verb with
   its event noun ("launch an attack", "hold talks", "impose sanctions");
2. a verb that only frames its complement ("decided to", "plans to", "tried
   to") is no event: the complement is, and inherits the framing's subject
   and modality. An event verb with an event complement ("refused to send",
   "agreed to withdraw", "approved allowing X to ...") is one event, typed by
   the outer verb: PLOVER codes the refusal, the promise or the demand, not
   the act refused, promised or demanded. Promises ("vowed to hit back")
   turn into THREATEN when the promised act is hostile;
3. actors are the subject (through conjunctions, control verbs and passive
   "by" agents), recipients the objects and the objects of to/with/against/on,
   also through the absorbed complement; all map to entities of the table;
4. negation, modality and date come from the clause: see ``mods``.
"""
from __future__ import annotations

from ...nlp.text import doc_text
from ...records import EntityTable, Quote, TimeExpr
from ..lexicon.plover import Lexicon, lexicon
from . import args as ea
from .mods import clause_date, frame_chain, modality_and_negation
from .confidence import confidence_of
from .quotes import labelled_accusations, quote_accusations
from .sense import inner_political, reading, senses
from .triggers import Trigger, context_of, trigger_of, verb_lemma

_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp"})
# "aerial" for ASSAULT where the clause says so (PLOVER's ASSAULT mode table has
# no aerial row, but the issue asks for it and air strikes are the commonest case).
_AERIAL = frozenset({"air", "aerial", "airstrike", "airstrikes", "drone", "drones", "warplane", "warplanes",
                     "jet", "jets", "helicopter", "helicopters", "aircraft", "bomber", "bombers"})


# Framing verbs whose complement is no asserted act even when they drop: a denied accusation
# ("rejected accusations that it had aided the rebels"), a demand, a threat.
_DISPUTING = frozenset({"REJECT", "ACCUSE", "REQUEST", "THREATEN"})

_ASK_MODES = {"AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist", "CONCEDE": "yield",
              "RETREAT": "yield", "CONSULT": "meet", "AGREE": "meet"}


def extract_events(doc, entities: EntityTable, times: list[TimeExpr], published: str | None = None,
                   quotes: list[Quote] | None = None) -> list[dict]:
    """Events of a parsed doc, in text order, with local ids "v1", "v2", ...

    ``quotes`` (from ``extract_quotes``), when given, add the condemnations
    their speakers utter ("this decision is reckless") as ACCUSE events.
    """
    lex = lexicon()
    text = doc_text(doc)
    quoted: set[int] = set()
    found: list[dict] = []
    if quotes:
        found += quote_accusations(doc, text, quotes, entities, lex, published)
        for q in quotes:
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None:
                quoted.update(range(span.start, span.end))
    for sent in doc.sents:
        found += _sentence_events(sent, text, entities, times, published, lex)
        found += labelled_accusations(sent, text, entities, lex, quoted, published)
    found.sort(key=lambda e: e["trigger_start"])
    for k, ev in enumerate(found, 1):
        ev["id"] = f"v{k}"
        ev["confidence"] = confidence_of(ev)
    return found


def _sentence_events(sent, text: str, table, times, published, lex: Lexicon) -> list[dict]:
    trig: dict[int, Trigger] = {}
    for tok in sent:
        t = trigger_of(tok, lex)
        if t is not None:
            trig[tok.i] = t
    if not trig:
        return []
    # A framing verb that is also in the lexicon ("help", "seek", "begin") is
    # no event when it frames an event: "sought to meet" is a CONSULT intent.
    for i in list(trig):
        tok = trig[i].tokens[0]
        if verb_lemma(tok, lex) in lex.transparent | lex.plan and any(
                c.dep_ == "xcomp" and c.i in trig for c in tok.children):
            del trig[i]
    inner: dict[int, Trigger] = {}
    inner_tok: dict[int, object] = {}
    absorbed: set[int] = set()
    for i in sorted(trig, key=lambda i: _depth(sent.doc[i])):
        if i in absorbed:
            continue
        for j, tok in _complement_triggers(sent.doc[i], trig):
            if j not in absorbed and j != i:
                absorbed.add(j)
                if i not in inner:
                    inner[i], inner_tok[i] = trig[j], tok
    events = []
    for i in sorted(trig):
        if i in absorbed:
            continue
        ev = _event(sent, text, trig[i], inner.get(i), inner_tok.get(i), table, times, published, lex)
        if ev is None and i in inner and trig[i].entry.type not in _DISPUTING:
            # the framing verb had an everyday sense ("recalled that X had attacked"): its
            # complement stands as an event of its own
            ev = _event(sent, text, inner[i], None, None, table, times, published, lex)
        if ev is not None:
            events.append(ev)
    return events


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i:
        tok, d = tok.head, d + 1
    return d


def _complement_triggers(verb, trig):
    """Event verbs in the complement chain of ``verb``: "refused to send", "accused X of attacking"."""
    stack = [c for c in verb.children if c.dep_ in _COMPLEMENT_DEPS or c.dep_ == "prep" or _infinitive(c)]
    while stack:
        t = stack.pop()
        if t.dep_ == "prep":
            stack.extend(c for c in t.children if c.dep_ == "pcomp")
            continue
        if t.i in trig:
            yield t.i, t
        stack.extend(c for c in t.children if c.dep_ in _COMPLEMENT_DEPS)


def _infinitive(tok) -> bool:
    """A subjectless "to" clause the parser hung as advcl: "sworn to fight", "staged rallies to demand"."""
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)


def _event_type(trigger: Trigger, inner: Trigger | None, lex: Lexicon) -> tuple[str, str | None]:
    verb = _verb_of(trigger)
    mode = trigger.entry.mode
    if inner is not None and verb_lemma(verb, lex) in lex.promise:
        if inner.entry.type in lex.hostile:
            return "THREATEN", "violence" if inner.entry.type in {"ASSAULT", "MOBILIZE"} else inner.entry.mode
        return "AGREE", inner.entry.mode
    if inner is not None and trigger.entry.type in {"REJECT", "REQUEST"}:
        # PLOVER's REJECT/REQUEST modes say what is refused or asked for.
        return trigger.entry.type, _ASK_MODES.get(inner.entry.type, "change")
    return trigger.entry.type, mode


_COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_MATERIAL_HOSTILE = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


def _intent_type(type_: str, modality: str, lex: Lexicon) -> str:
    """PLOVER codes intentions by their tenor: a cooperative act in the future
    ("will visit", "is willing to withdraw", "would meet if ...") is an AGREE,
    and a hostile act promised or held out on a condition ("will boycott",
    "may halt ... if") is a THREATEN."""
    if modality in {"planned", "conditional"} and type_ in _COOPERATIVE:
        return "AGREE"
    if modality in {"planned", "conditional", "hypothetical"} and type_ in _MATERIAL_HOSTILE:
        return "THREATEN"
    return type_


def _demanded(verb, table: EntityTable, lex: Lexicon) -> list[str] | None:
    """The speaker of "X said (that) Y must / should ...", or None when the clause is no such demand."""
    chain = frame_chain(verb)  # "must be ready to mediate": the must sits on the frame
    if not any(c.dep_ == "aux" and c.lower_ in {"must", "should"} for t in chain for c in t.children):
        return None
    t = chain[-1]
    for _ in range(6):
        if t.dep_ not in {"ccomp", "parataxis", "conj"} or t.head.i == t.i:
            return None
        t = t.head
        if t.lemma_.lower() in lex.reporting:
            subj, _, _ = ea.subject_of(t)
            ids = ea.ids_for([subj], table) if subj is not None else []
            return ids or None
    return None


def _verb_of(trigger: Trigger):
    return next((t for t in trigger.tokens if t.pos_ in {"VERB", "AUX"}), trigger.tokens[0])


def _event(sent, text: str, trigger: Trigger, inner: Trigger | None, inner_tok, table: EntityTable, times,
           published, lex: Lexicon) -> dict | None:
    """The event of one trigger, or None when its arguments give it an everyday sense, or nobody acts."""
    verb = _verb_of(trigger)
    if inner is not None and verb_lemma(verb, lex) in lex.promise and not inner_political(
            inner_tok, inner, table, lex, senses()):
        return None  # "vowing to fight on": a promise of no political act
    type_, mode = _event_type(trigger, inner, lex)
    actors, recips, how, subj, passive = _participants(verb, trigger, inner_tok, table)
    locs = ea.ids_for(ea.location_tokens(verb, trigger.obj), table, set(actors) | set(recips))
    modality, negated, condition = modality_and_negation(verb, trigger, lex)
    demand = _demanded(verb, table, lex)
    if demand is None and _should(verb):
        return None  # "X should cut ties": the writer's advice, no event (a reported one is a demand)
    sense = reading(verb, trigger, type_, verb_lemma(verb, lex), subj, passive, actors, recips, locs, how, table,
                    lex, senses())
    if not sense.keep and not (demand and sense.why == "no-actor"):
        return None
    if sense.type:
        type_, mode = sense.type, None
    action_type = type_
    if condition == "unless":
        type_ = "THREATEN"  # "will withdraw its force unless ...": an ultimatum
    elif condition != "inside" and not negated:  # "if X attacks": X neither threatens nor promises
        # "would not send troops" is no threat and no promise: the act, negated
        type_ = _intent_type(type_, modality, lex)
    if demand is not None:
        # "X said Y must hand over ...": a demand by X on Y (PLOVER REQUEST).
        action_type, type_ = type_, "REQUEST"
        recips = [i for i in actors if i not in demand] or recips
        actors, how = demand, "reporter"
    date, date_source = clause_date(verb, times, published, trigger.obj)
    if date_source == "article" and modality == "asserted":
        # The rule: an undated clause takes the article's date, as reported.
        modality = "reported"
    words = [t.lower_ for t in verb.subtree]
    context = _context(words, table, verb, lex)
    if type_ == "ASSAULT" and mode is None and _AERIAL.intersection(words):
        mode = "aerial"
    if type_ == "AID" and mode is None and context == "military":
        mode = "military"
    toks = sorted(trigger.tokens + ([inner_tok] if inner_tok is not None and inner_tok.i - trigger.tokens[-1].i <= 3 else []),
                  key=lambda t: t.i)
    t_start, t_end = toks[0].idx, toks[-1].idx + len(toks[-1])
    return {
        "id": "",
        "article_ids": [],
        "type": type_,
        "mode": mode,
        "context": context,
        "trigger": text[t_start:t_end] if len(toks) <= 6 else " ".join(t.text for t in toks),
        "trigger_start": t_start,
        "trigger_end": t_end,
        "actor_ids": actors,
        "recipient_ids": recips,
        "location_ids": locs,
        "negated": negated,
        "modality": modality,
        "date": date,
        "date_source": date_source,
        # the sentence without the line break that ends its paragraph (as positions keep it)
        "evidence": [{"article_id": None, "start": sent.start_char,
                      "end": sent.start_char + len(text[sent.start_char:sent.end_char].rstrip()),
                      "sentence": text[sent.start_char:sent.end_char].rstrip()}],
        "actor_names": [table.get(i).name for i in actors],
        "actor_countries": [table.get(i).country for i in actors],
        "recipient_names": [table.get(i).name for i in recips],
        "recipient_countries": [table.get(i).country for i in recips],
        "complement_type": inner.entry.type if inner is not None else None,
        "action_type": action_type,
        "actor_how": how,
        "actor_evidence": "reporter" if demand is not None else sense.actor,
        "actor_span": _span_of(subj) if subj is not None and not passive else None,
        "recipient_span": _span_of(subj) if subj is not None and passive else None,
        "trigger_class": _trigger_class(trigger, inner, demand),
    }


def _span_of(tok) -> list[int]:
    toks = ea.phrase_tokens(tok)
    return [toks[0].idx, toks[-1].idx + len(toks[-1])]


def _trigger_class(trigger: Trigger, inner: Trigger | None, demand) -> str:
    """How the trigger was read: the key of the measured confidence table."""
    if demand is not None:
        return "demand"
    if inner is not None:
        return "complement"
    if trigger.nominal:
        return "nominal"
    if trigger.obj is not None:
        return "light"
    return "phrase" if len(trigger.tokens) > 1 else "verb"


def _should(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in {"should", "ought"} for t in frame_chain(verb) for c in t.children)


def _participants(verb, trigger: Trigger, inner_tok, table: EntityTable):
    """(actor ids, recipient ids, how the actor was found, subject token, whether it is passive)."""
    subj, passive, carrier = ea.subject_of(verb)
    actor_toks, recip_toks = [], []
    if trigger.nominal:
        # "Palestinian riots continued": the noun's modifiers say who acts.
        actors = ea.ids_for([trigger.obj], table)
        recips = ea.ids_for(ea.recipient_tokens(trigger.obj), table, set(actors))
        return actors, recips, "noun" if actors else None, None, False
    if passive:
        agent = ea.agent_of(carrier)
        actor_toks = [agent] if agent is not None else []
        recip_toks = [subj]
    elif subj is not None:
        actor_toks = [subj]
    actors = ea.ids_for(actor_toks, table)
    how = None
    if actor_toks and actors:
        how = "pronoun" if actor_toks[0].pos_ == "PRON" else "subject"
    recip_toks += ea.recipient_tokens(verb, trigger.obj)
    recips = ea.ids_for(recip_toks, table, set(actors))
    # Through the absorbed complement's chain, the first level that names someone:
    # "approved allowing Ukraine to use ...": allowing -> use, whose subject is Ukraine.
    level = [inner_tok] if inner_tok is not None and not recips else []
    for _ in range(4):
        if not level:
            break
        recips = ea.ids_for([t for v in level for t in ea.complement_tokens(v)], table, set(actors))
        if recips:
            break
        level = [c for v in level for c in v.children if c.dep_ in {"xcomp", "ccomp"}]
    if passive and not actors and trigger.entry.type == "MOBILIZE" and subj is not None:
        # "Libyan army troops were deployed": the troops' owner deploys them
        actors = ea.ids_for([subj], table)
        recips = [i for i in recips if i not in actors]
        how = "owner" if actors else None
    return actors, recips, how, subj, passive


def _context(words, table: EntityTable, verb, lex: Lexicon) -> str | None:
    ctx = context_of(words, lex)
    if ctx is None:
        start, end = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge)
        if any((e := table.get(m.entity_id)) and e.type == "WEAPON" for m in table.mentions_in(start, end)):
            ctx = "military"
    return ctx
