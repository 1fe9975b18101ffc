"""Agent nouns: "Albright, a Quill supporter", "supporters of the levy, such as Brandt".

A supporter (backer, proponent) is for what the noun names: a person or
organisation in a compound or possessive ("a Quill supporter", "Quill's
backers"), or its of-phrase ("supporters of the levy"). An opponent or critic
is against only an of-phrase that is no person ("opponents of the levy";
"Quill's opponent" is an electoral rival, no stance). The holders are only
the people the sentence names as such supporters: the noun's apposition head
("Albright, a Quill supporter"), a name in apposition to it or listed with
"such as" / "including", or the subject of "be" ("Soren is a Quill backer").
Unnamed supporters ("Quill's supporters cheered") hold nothing.
"""
from __future__ import annotations

from .coref import antecedent
from .general import build_general
from .propositions import Prop, Resolver
from .syntax import has_negation
from .triggers import ROLE_NOUNS, Chain

_LIST_PREPS = frozenset({"as", "including", "like"})
_HOLDER_TYPES = frozenset({"PERSON", "ORG"})


def agent_chains(sent, res: Resolver, lex) -> list[tuple[Chain, Prop, list]]:
    """(chain, proposition, holder entities) for each agent noun of the sentence that names its holders."""
    out = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or (lemma not in lex.agent_for and lemma not in lex.agent_against):
            continue
        pol = 1 if lemma in lex.agent_for else -1
        obj = _object(tok, res, pol)
        if obj is None:
            continue
        holders = [e for e in _holders(tok, res) if e.type in _HOLDER_TYPES]
        obj_e = res.entity(obj)
        holders = [e for e in holders if obj_e is None or e.id != obj_e.id]
        if not holders:
            continue
        prop = build_general(obj, res)
        if prop is None:
            continue
        out.append((Chain(tok, obj, pol, None, None, None, (tok.i,), general=True), prop, holders))
    return out


def _object(tok, res: Resolver, pol: int):
    preps = {"of", "for"} if pol > 0 else {"of"}  # "an advocate for the levy", "a booster of Quill"
    of = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for p in c.children
               if p.dep_ == "pobj" and p.pos_ in {"NOUN", "PROPN"}), None)
    if of is not None and of.lemma_.lower() in ROLE_NOUNS:  # "a booster of the 2012 nominee Mitt Romney"
        of = next((c for c in of.children if c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN"
                   and res.entity(c) is not None), of)
    if of is not None:
        e = res.entity(of)
        if pol < 0 and e is not None and e.type == "PERSON":
            return None
        return of
    if pol < 0:
        return None
    for c in tok.children:
        if c.dep_ in {"compound", "poss"} and c.i < tok.i:
            e = res.entity(c)
            if e is not None and e.type in _HOLDER_TYPES:
                return c
    return None


def _holders(tok, res: Resolver) -> list:
    found = []
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:  # "a former candidate and a Quill supporter"
        t = t.head
    # "one of a clutch of supporters of Quill": the part the holder is, of the group named
    while t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _GROUPS:
        t = t.head.head
    if t.dep_ == "pobj" and t.head.lower_ == "among" and t.head.head.lemma_ == "be":
        t = t.head  # "Soren is among the supporters of Brandt"
        found += [c for c in t.head.children if c.dep_ == "nsubj"] if not has_negation(t.head) else []
    elif t.dep_ == "appos":
        found.append(t.head)
    elif t.dep_ == "attr" and t.head.lemma_ == "be" and not has_negation(t.head):
        found += [c for c in t.head.children if c.dep_ == "nsubj"]
    for c in tok.children:
        if c.dep_ == "appos" and (tok.tag_ != "NNS" or c.conjuncts):
            found.append(c)  # one name after "supporters of her rival, Brandt" is the rival's
        elif c.dep_ == "prep" and c.lower_ in _LIST_PREPS:
            found += [p for p in c.children if p.dep_ == "pobj"]
    of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    for p in of:  # "supporters of the levy, such as Brandt", the list hung on the levy: a person is no levy
        if res.entity(p) is None:
            found += [x for c in p.children if c.dep_ == "prep" and c.lower_ in _LIST_PREPS
                      for x in c.children if x.dep_ == "pobj" and (res.entity(x) is not None
                                                                    and res.entity(x).type == "PERSON")]
    out, seen = [], set()
    for h in found:
        for x in [h, *h.conjuncts]:
            e = res.entity(x)
            if e is None and x.lower_ in {"he", "she"} and x.dep_ == "nsubj" and not _QUOTE_MARKS & set(x.sent.text):
                e = antecedent(x, res)  # "she was a full-fledged booster of Romney"; not in a quote, whose
                # "she" may be anyone the speaker has in mind
            if e is not None and e.id not in seen:
                seen.add(e.id)
                out.append(e)
    return out


_QUOTE_MARKS = frozenset('"\u201c\u201d')
# Words naming a part of a group: "one of the supporters", "a clutch of supporters".
_GROUPS = frozenset({"one", "some", "many", "few", "several", "clutch", "group", "handful", "number", "host", "list",
                     "string", "slew", "crop", "wave", "chorus", "band", "coalition", "pair"})
_RECEIVE = frozenset({"receive", "win", "earn", "get", "secure", "land", "gain", "collect", "pick", "have", "enjoy"})
_GIVEN = frozenset({"endorsement", "support", "backing"})


def received_chains(sent, res: Resolver, lex) -> list[tuple[Chain, Prop, list]]:
    """ "Quill won the endorsement of the Courier", "received backing from Brandt": the giver is for
    the receiver (the receiving verb's subject)."""
    out = []
    for tok in sent:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _GIVEN:
            continue
        if tok.dep_ == "dobj":
            verb = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ in {"including", "like"} and tok.head.head.dep_ == "dobj":
            verb = tok.head.head.head  # "had reinforcements, including endorsements from Brandt and Soren"
        else:
            continue
        if verb.lemma_.lower() not in _RECEIVE or has_negation(verb):
            continue
        givers = [p for x in (tok, verb) for c in x.children if c.dep_ == "prep" and (
            c.lower_ == "from" or (c.lower_ == "of" and x.i == tok.i)) for p in c.children if p.dep_ == "pobj"]
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and (res.entity(subj) is None or res.entity(subj).type not in _HOLDER_TYPES):
            # a dateline read as the subject ("PORTMERE - Quill, ..., received"): its apposition
            subj = next((c for c in subj.children if c.dep_ == "appos"), None)
        givers += [c for g in givers for c in g.children if c.dep_ == "appos"]  # "of its leader, Brandt"
        if subj is None or not givers or res.entity(subj) is None or res.entity(subj).type not in _HOLDER_TYPES:
            continue
        ents, seen = [], {res.entity(subj).id}
        for g in givers:
            for x in [g, *g.conjuncts]:
                e = res.entity(x)
                if e is not None and e.type in _HOLDER_TYPES and e.id not in seen:
                    seen.add(e.id)
                    ents.append(e)
        prop = build_general(subj, res) if ents else None
        if prop is not None:
            out.append((Chain(tok, subj, 1, None, None, None, (tok.i,), general=True), prop, ents))
    return out


def prefixed_chains(sent, res: Resolver, lex) -> list[tuple[Chain, Prop, list]]:
    """ "Harbour First, a pro-Quill group": the named group is for Quill ("anti-Quill": against), when
    the sentence names it (in apposition, or as the subject of "be")."""
    out = []
    doc = sent.doc
    for tok in sent:
        if tok.lower_ not in {"pro", "anti"} or tok.whitespace_ or tok.i + 2 >= sent.end:
            continue
        dash, obj = doc[tok.i + 1], doc[tok.i + 2]
        if dash.text not in {"-", "\u2010", "\u2011"} or dash.whitespace_:
            continue
        e = res.entity(obj)
        noun = tok.head
        if e is None or e.type not in _HOLDER_TYPES | {"LAW"} or noun.pos_ not in {"NOUN", "PROPN"} \
                or obj.head.i != noun.i and obj.head.i != tok.i:
            continue
        holders = [h for h in _holders(noun, res) if h.type in _HOLDER_TYPES and h.id != e.id]
        prop = res.code(e)
        if not holders:
            continue
        code, name = prop
        out.append((Chain(tok, obj, 1 if tok.lower_ == "pro" else -1, None, None, None, (tok.i,), general=True),
                    Prop("support", {"object": code}, {code: name}, head_i=obj.i), holders))
    return out

