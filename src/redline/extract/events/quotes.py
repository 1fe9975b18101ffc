"""Condemnations said in words: "the decision is reckless, dangerous" (a quote), "X called the move a provocation".

PLOVER's ACCUSE covers verbal disapproval: condemn, decry, criticize. News
often carries it as an evaluative predicate rather than a verb, inside a
quote or after "call"/"describe as". These are read here:

- inside a quote with a resolved speaker, a condemnation word used as a
  predicate (acomp, attr, oprd, or conjoined to one) makes an ACCUSE by the
  speaker;
- outside quotes, "call/describe/label/brand X (as) <condemnation word>"
  makes an ACCUSE by the subject against X.

The words are ``condemnation_words`` in ``data/<language>/plover_verbs.json``.
"""
from __future__ import annotations

from ...records import EntityTable, Quote
from ..lexicon.plover import Lexicon
from . import args as ea

_LABEL_VERBS = frozenset({"call", "describe", "label", "brand", "denounce", "deem", "term", "dub", "consider"})


def _predicative(tok) -> bool:
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in {"acomp", "attr", "oprd"}:
        return True
    return t.dep_ == "pobj" and t.head.lower_ == "as"


def _record(doc, text: str, words: list, actors: list[str], recips: list[str], table: EntityTable,
            how: str, published: str | None) -> dict:
    sent = words[0].sent
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return {
        "id": "", "article_ids": [], "type": "ACCUSE", "mode": None, "context": None,
        "trigger": text[start:end], "trigger_start": start, "trigger_end": end,
        "actor_ids": actors, "recipient_ids": recips, "location_ids": [], "negated": False,
        # Said words carry no clause date of their own: the article's, as reported.
        "modality": "reported",
        "date": {"start": published[:10], "end": published[:10], "text": None} if published else None,
        "date_source": "article" if published else None,
        "evidence": [{"article_id": None, "start": sent.start_char, "end": sent.end_char,
                      "sentence": text[sent.start_char:sent.end_char]}],
        "actor_names": [table.get(i).name for i in actors],
        "actor_countries": [table.get(i).country for i in actors],
        "recipient_names": [table.get(i).name for i in recips],
        "recipient_countries": [table.get(i).country for i in recips],
        "complement_type": None, "action_type": "ACCUSE", "actor_how": how,
        "actor_evidence": "entity" if actors else None, "actor_span": None, "recipient_span": None,
        "trigger_class": "quote" if how == "quote" else "label",
    }


def quote_accusations(doc, text: str, quotes: list[Quote], table: EntityTable, lex: Lexicon,
                      published: str | None) -> list[dict]:
    """One ACCUSE per quote whose speaker is known and whose words condemn."""
    out = []
    for q in quotes:
        if not q.speaker_id or table.get(q.speaker_id) is None:
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        words = [t for t in span if t.lower_ in lex.condemn and _predicative(t)]
        if not words:
            continue
        # the trigger is the first run of condemnation ("reckless, dangerous"), not the whole quote
        words = [w for w in words if w.sent.start == words[0].sent.start and w.i - words[0].i <= 5]
        recips = [i for i in ea.ids_for([words[0].head] if words[0].head.i != words[0].i else [], table)
                  if i != q.speaker_id]
        out.append(_record(doc, text, words, [q.speaker_id], recips, table, "quote", published))
    return out


def labelled_accusations(sent, text: str, table: EntityTable, lex: Lexicon, quoted: set[int],
                         published: str | None) -> list[dict]:
    """ "X called the move a provocation": an ACCUSE by X against the move's owner, outside quotes.

    The small model often mis-hangs the object and its label ("the move" as
    oprd, "reckless" under "as"), so the label is any condemnation word after
    the verb and in its own clause, and the recipient any entity between them.
    """
    out = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _LABEL_VERBS or verb.i in quoted:
            continue
        if any(c.dep_ == "prep" and c.lower_ in {"for", "on", "upon"} for c in verb.children):
            continue  # "called for", "called on": a request, read elsewhere
        word = next((w for w in verb.subtree if w.i > verb.i and w.lower_ in lex.condemn and _own_clause(w, verb)),
                    None)
        if word is None:
            continue
        subj, _, _ = ea.subject_of(verb)
        actors = ea.ids_for([subj], table) if subj is not None else []
        if not actors:
            continue  # a condemnation by nobody named is no event
        between = table.mentions_in(verb.idx + len(verb), word.idx)
        recips = []
        for m in between:
            e = table.get(m.entity_id)
            if e is not None and e.type in ea.ACTOR_TYPES and e.id not in actors and e.id not in recips:
                recips.append(e.id)
        out.append(_record(sent.doc, text, [verb, word], actors, recips, table, "subject", published))
    return out


def _own_clause(word, verb) -> bool:
    """``word`` hangs under ``verb`` without crossing into another clause."""
    t = word
    while t.i != verb.i:
        if t.dep_ in {"relcl", "advcl", "ccomp", "acl", "xcomp", "conj"} and t.pos_ == "VERB":
            return False
        if t.head.i == t.i:
            return False
        t = t.head
    return True
