"""Negation, modality and date of an event clause, read from the dependency parse."""
from __future__ import annotations

import re

from ...records import TimeExpr

# Links through which a verb's framing reaches it: "did not agree to send",
# "is not ready to allow", "plans to meet".
_FRAME_DEPS = frozenset({"xcomp", "acomp", "pcomp"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "\u2019ll", "wo"})
_HYPO_AUX = frozenset({"could", "would", "might", "may", "should", "'d", "\u2019d", "must"})
_COND_MARKS = frozenset({"if", "unless", "provided", "lest"})
_DATED = re.compile(r"^\d{4}")


def frame_chain(verb) -> list:
    """The verb and the verbs or adjectives that frame it, innermost first."""
    chain, t = [verb], verb
    while t.dep_ in _FRAME_DEPS and t.head.i != t.i:
        t = t.head
        chain.append(t)
    return chain


def _no_longer(tok) -> bool:
    """ "no longer", "no more", "not ... anymore": the act has stopped, which PLOVER reads as its negation."""
    if tok.dep_ != "advmod":
        return False
    if tok.lower_ in {"longer", "more"}:
        return any(c.lower_ == "no" for c in tok.children)
    return tok.lower_ == "never"


def modality_and_negation(verb, trigger, lex) -> tuple[str, bool, str | None]:
    """(modality, negated, condition) of the clause of ``verb``.

    Modality, strongest first: conditional (inside an if/unless clause),
    hypothetical (could, would, might, may), planned (will, going to, or a
    framing verb of intent: "plans to", "vowed to", "is set to"), reported
    (a complement of a reporting verb, or "according to"), else asserted.
    Reported "would" ("said it would send troops") is the future of the
    past, so it counts as planned. ``condition`` is "inside" for the if-clause
    itself ("if X attacks"), "unless" for a main clause held over an unless-
    clause (an ultimatum), "if" for one held over an if-clause, else None.
    """
    chain = frame_chain(verb)
    negated = planned = hypo = cond = reported = False
    condition: str | None = None
    if trigger.obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.obj.children):
        negated = True  # "held no talks"
    would = False
    if verb.lemma_.lower() in lex.promise and any(c.dep_ in {"xcomp", "ccomp"} for c in verb.children):
        planned = True  # "vowed to hit back": a promise is about the future ("undertook a mission" is none)
    for k, t in enumerate(chain):
        lemma = t.lemma_.lower()
        if k and lemma in lex.fail:
            negated = True
        if k and (lemma in lex.plan or lemma in lex.promise):
            planned = True
        for c in t.children:
            low = c.lower_
            if c.dep_ == "neg" or _no_longer(c):
                negated = True
            elif c.dep_ in {"aux", "auxpass"}:
                if low in _FUTURE_AUX or (low == "going" and any(g.dep_ == "xcomp" for g in t.children)):
                    planned = True
                elif low in _HYPO_AUX:
                    hypo, would = True, would or low in {"would", "'d", "\u2019d"}
    # conjoined verbs share the first verb's auxiliaries ("will meet and sign")
    top = chain[-1]
    if top.dep_ == "conj" and not any(c.dep_ in {"aux", "nsubj"} for c in top.children):
        for c in top.head.children:
            if c.dep_ == "aux" and c.lower_ in _FUTURE_AUX:
                planned = True
            elif c.dep_ == "aux" and c.lower_ in _HYPO_AUX:
                hypo = True
    for c in top.children:
        marks = [m.lower_ for m in c.children if m.dep_ == "mark" and m.lower_ in _COND_MARKS] if c.dep_ == "advcl" else []
        if marks:
            cond, condition = True, "unless" if "unless" in marks else "if"  # "will withdraw unless ..."
    node, below = top, None
    for _ in range(20):
        if any(c.dep_ == "mark" and c.lower_ in _COND_MARKS for c in node.children):
            cond, condition = True, "inside"
        if any(c.dep_ == "prep" and c.lower_ == "according" for c in node.children):
            reported = True
        if below is not None and below.dep_ in {"ccomp", "parataxis"} and node.lemma_.lower() in lex.reporting:
            reported = True
        if node.head.i == node.i:
            break
        node, below = node.head, node
    if cond:
        return "conditional", negated, condition
    if hypo and not (reported and would):
        return "hypothetical", negated, condition
    if planned or (hypo and reported and would):
        return "planned", negated, condition
    return ("reported" if reported else "asserted"), negated, condition


def _dated(times: list[TimeExpr], start: int, end: int) -> list[TimeExpr]:
    return [t for t in times if t.type in {"DATE", "TIME"} and t.value and _DATED.match(t.value)
            and t.start >= start and t.end <= end]


def _span(tok) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


_PERCEPTION = frozenset({"see", "watch", "hear", "witness"})
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


def _purpose(tok) -> bool:
    """A "to" clause of purpose ("tuned in to see X accept"), or what is seen or heard ("see X
    accept"): it happens when its main clause does."""
    if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in _PERCEPTION:
        return True
    return tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def noun_year(noun) -> dict | None:
    """The year an event noun carries ("a 2013 assault", "the annexation of 2014", "the attack in
    2013"): a passing mention of a past act is dated by it, not by the article."""
    if noun is None:
        return None
    for c in noun.children:
        cands = [c] if c.dep_ in {"nummod", "compound", "amod", "npadvmod"} else []
        if c.dep_ == "prep" and c.lower_ in {"of", "in"}:
            cands = [p for p in c.children if p.dep_ == "pobj"]
        for t in cands:
            if _YEAR.match(t.text):
                return {"start": t.text, "end": t.text, "text": t.text, "value": t.text}
    return None


def clause_date(verb, times: list[TimeExpr], published: str | None,
                noun=None) -> tuple[dict | None, str | None]:
    """The date of the clause: the year its event noun carries; else its own time
    expression nearest the verb; else the one its framing or first conjunct carries
    outside other clauses; else the article's date. Returns (date, source) with
    source "noun", "clause" or "article"."""
    if (year := noun_year(noun)) is not None:
        return year, "noun"
    found = _dated(times, *_span(verb))
    t = verb
    while not found and (t.dep_ in _FRAME_DEPS | {"conj"} or _purpose(t)) and t.head.i != t.i:
        path, t = t, t.head
        # Only the head's own modifiers: not those of its other clauses.
        start, end = _span(t)
        others = [_span(c) for c in t.children if c.i != path.i and c.dep_ in {"conj", "ccomp", "advcl", "relcl", "xcomp"}]
        found = [x for x in _dated(times, start, end) if not any(a <= x.start and x.end <= b for a, b in others)]
    if found:
        best = min(found, key=lambda x: abs(x.start - verb.idx))
        value = best.value[:10] if len(best.value) >= 10 else best.value
        return {"start": value, "end": value, "text": best.text, "value": best.value}, "clause"
    if published:
        return {"start": published[:10], "end": published[:10], "text": None}, "article"
    return None, None
