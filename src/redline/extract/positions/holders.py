"""Holders: who takes a stance, made canonical.

The holder is the trigger's subject (through control, coordination, relative
clauses and "including" lists), or the possessor or maker of a stance noun or
decision. A seat of government or capital is its country, and a head of state
or government stands for the country when the article names it. Who spoke is
kept as the speaker.

An alliance's secretary-general, like any official who is not a head of state
or government, holds positions in his own name (``acting_for`` names his
organisation): an alliance's chief may argue a case before its members agree
("several allies joined that call"), while a president's decision is the
state's policy. ``holder_country`` names the state a holder stands for, also
when the article never names the state itself (a president quoted in an
article that only says "Valdorian"); linking should group holders by it.
"""
from __future__ import annotations

from ...records import Entity, Quote
from ..lexicon.stance import Lexicon
from .commitment import first_to
from .coref import antecedent, described
from .propositions import Resolver
from .syntax import has_negation, predicate
from .triggers import is_scope


def stance_holders(trig, res: Resolver, lex: Lexicon, quotes: list[Quote]) -> list[tuple]:
    """(holder, speaker, acting_for, state) for each actor taking the stance, canonical and deduplicated."""
    subj = holder_token(trig, lex)
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


def holder_token(trig, lex: Lexicon):
    """The token naming who takes the stance: the trigger's subject, through control and coordination."""
    t = trig
    if trig.pos_ in {"NOUN", "PROPN"}:
        poss = next((c for c in trig.children if c.dep_ == "poss"), None)
        if poss is not None and poss.pos_ == "PRON" and trig.dep_ == "dobj" \
                and trig.head.lemma_.lower() in lex.light_verbs | lex.commit_verbs:
            # "Sanders threw his support behind Clinton", "continued to affirm their support": the
            # giver (through control), not a guess at "his"
            subj = holder_token(trig.head, lex)
            if subj is not None and subj.pos_ != "PRON":
                return subj
        if poss is not None:
            return poss
        if trig.lemma_.lower() in {"favor", "favour"} and trig.head.head.pos_ in {"NOUN", "PROPN"}:
            # "her vote in favor of the war": the voter, not whoever the sentence's verb has
            return next((c for c in trig.head.head.children if c.dep_ == "poss"), None)
        if trig.lemma_.lower() == "right":  # "X argued Ostrana had a right to": the arguer holds it
            t = trig.head
            if t.dep_ != "ccomp" or t.head.lemma_.lower() not in lex.speech_verbs:
                return None
            t = t.head
        else:
            t = predicate(trig)
    elif trig.pos_ in {"ADJ", "ADP"}:
        t = predicate(trig)
    elif is_scope(trig, lex) and trig.dep_ == "ccomp" and trig.head.lemma_.lower() in lex.speech_verbs:
        t = trig.head  # "saying the strikes will be limited to ...": the sayer sets the scope
    through_adjective = False
    for _ in range(8):
        if any(c.dep_ == "auxpass" for c in t.children) and t.i == trig.i:
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            if agent is None and t.lemma_.lower() == "oppose" and any(
                    c.dep_ == "prep" and c.lower_ == "to" for c in t.children):
                # "the union is opposed to the deal": a state, not a passive; its subject holds it
                return next((c for x in [t, *(a for a in t.children if a.dep_ == "auxpass")]
                             for c in x.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
            return next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
        # With two subjects (a misparsed dateline, "PORTMERE, Marvania (CL) — Chancellor
        # Harrow refused"), the one nearer the verb takes the stance.
        subj = next((c for c in reversed(list(t.lefts)) if c.dep_ in {"nsubj", "csubj"}), None) or \
            next((c for c in t.children if c.dep_ in {"nsubj", "csubj"}), None)
        if subj is not None:
            # "it is important to endorse her": an expletive subject holds nothing
            return None if through_adjective and subj.lower_ == "it" else subj
        if t.dep_ == "advcl" and t.tag_ == "VBG" and _object_before(t) is not None:
            return _object_before(t)  # "I appreciate Quill endorsing Brandt": Quill endorses, not "I"
        if t.dep_ in {"xcomp", "conj"} or (t.dep_ == "advcl" and t.tag_ == "VBG") or (
                t.dep_ == "acomp" and t.i == trig.i):  # "the union is opposed to the deal"
            t = t.head
        elif t.dep_ == "acomp" and t.pos_ == "ADJ" and t.i != trig.i:
            through_adjective = True  # "he was proud to endorse Quill": the adjective's subject
            t = t.head
        elif t.dep_ == "pcomp" and t.head.lower_ == "by":
            t = t.head.head
        elif first_to(t):  # "Brandt became the first senator to endorse Quill"
            if t.dep_ == "advcl":
                return next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            return _attribute(t.head) or t.head
        elif t.dep_ == "acl":
            if t.head.lemma_.lower() in lex.decision_nouns:
                return _decider(t.head, lex)
            if t.tag_ not in {"VBG", "VBN"}:
                return None
            if t.head.dep_ == "appos" and t.head.pos_ in {"NOUN", "PROPN"} and any(
                    c.dep_ == "det" for c in t.head.children):
                return t.head.head  # "Harbour First, a super PAC backing Quill": the PAC's name holds it
            return t.head
        else:
            return None
    return None


def _object_before(verb):
    """The head verb's direct object standing just before a gerund that has no subject of its own,
    with no comma between ("I appreciate Quill endorsing Brandt"): the gerund's doer."""
    head = verb.head
    obj = next((c for c in head.children if c.dep_ == "dobj" and head.i < c.i < verb.i), None)
    if obj is None:
        return None
    between = verb.doc[obj.i + 1:verb.i]
    if len(between) > 2 or any(w.text in {",", ";", ":", "--", "\u2014", "\u2013"} for w in between):
        return None
    return obj


def _decider(noun, lex: Lexicon):
    """Who owns a decision: its possessor ("Valdoria's decision to allow"), or the subject of a
    verb of making or announcing it ("Valdoria announced the decision to allow", "the decision
    ... was made by Valdoria"). A decision only criticised or reported has no holder here, and
    neither has one whose announcement is negated."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    verb = noun.head
    if verb.lemma_.lower() not in lex.commit_verbs or has_negation(verb):
        return None
    if noun.dep_ == "dobj":
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if noun.dep_ == "nsubjpass":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((p for p in agent.children if p.dep_ == "pobj"), None) if agent is not None else None
    return None


# Verbs whose "it" is the news being reported, not an organisation named before.
_EVENT_VERBS = frozenset({"come", "follow", "happen", "occur", "mark", "mean"})
_PRONOUN_TYPES = {"he": {"PERSON"}, "she": {"PERSON"}, "it": {"GPE", "ORG", "NORP", "LOC", "FAC"}}


def _listed(head, depth: int = 0) -> list:
    """The members of a list that names a group: "the senators -- Ted Cruz of Texas, Lindsey Graham
    of South Carolina, Rand Paul and Marco Rubio --", where the parser hangs the second member on
    the first as an apposition and the rest on it as conjuncts."""
    out = [head, *head.conjuncts]
    if depth < 3:
        for m in list(out):
            for c in m.children:
                if c.dep_ == "appos" and c.pos_ == "PROPN":
                    out.extend(x for x in _listed(c, depth + 1) if x not in out)
    return out


def _subject_entities(subj, res: Resolver, lex: Lexicon, quotes: list[Quote], depth: int) -> list[Entity]:
    if depth > 3:
        return []
    if subj.lower_ in {"who", "that", "which"} and subj.head.dep_ == "relcl":
        ant = subj.head.head  # "(Marrow and Vask were) among those who previously opposed"
        if ant.dep_ == "pobj" and ant.head.lower_ == "among":
            verb = ant.head.head
            ant = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        elif ant.dep_ == "appos" and res.entity(ant) is None:
            ant = ant.head  # "Orrock, a committeewoman who openly supports Quill"
        elif res.entity(ant) is None and _attribute(ant) is not None:
            ant = _attribute(ant)  # "Quill is a veteran councillor who has pledged to ..."
        return _subject_entities(ant, res, lex, quotes, depth + 1) if ant is not None else []
    if subj.pos_ == "PRON":
        return _pronoun(subj, res, lex, quotes, depth)
    after = _after_dateline(subj)
    if after is not None:  # "HARWICK, Lestria (LW) — Councillor Renata Osk on Tuesday withdrew ..."
        return _subject_entities(after, res, lex, quotes, depth + 1)
    if res.entity(subj) is None:
        e = described(subj, res)  # "the union", "the newspaper": the one named before
        if e is not None:
            return [e]
    out: list[Entity] = []
    for s in [subj, *subj.conjuncts]:
        e = res.entity(s)
        if e is None and s.pos_ == "PROPN":  # "Greyhaven Foods" where only "Greyhaven" was found
            e = next((x for x in (res.entity(c) for c in s.children if c.dep_ == "compound")
                      if x and x.type == "ORG"), None)
        if e is not None:
            if e.type not in {"WEAPON", "DATE", "TIME", "CARDINAL"} and (e.type != "LOC" or e.country):
                out.append(e)
            if e.type == "NORP":  # "many Republicans, like Ryan, ...": the people named hold it too
                # the list hangs on the group, or on the verb when it stands between the two
                lists = [c for c in s.children if c.dep_ == "prep"] + [
                    c for c in s.head.children if c.dep_ == "prep" and s.i < c.i < s.head.i]
                out.extend(x for c in lists if c.lower_ in {"including", "like"}
                           for p in c.children if p.dep_ == "pobj" for y in [p, *p.conjuncts]
                           if (x := res.entity(y)) is not None and x.type == "PERSON")
            continue
        if s.lemma_.lower() in lex.body_nouns:  # "the Courier's editorial board", "the board of Northwind"
            body = next((x for x in (res.entity(c) for c in s.children if c.dep_ in {"poss", "compound"}) if x), None) \
                or next((x for x in (res.entity(p) for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
                                     for p in c.children if p.dep_ == "pobj") if x), None)
            if body is not None and body.type in {"ORG", "GPE", "NORP"}:
                out.append(body)
                continue
        for c in s.children:  # "Some allies, including Valdoria and Sarvenia"
            if (c.dep_ == "prep" and c.lower_ in {"including", "like", "as"}) or c.dep_ == "appos":
                heads = [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else [c]
                for h in heads:
                    out.extend(x for x in (res.entity(y) for y in _listed(h)) if x is not None)
        if not out and s.lemma_.lower() in lex.group_nouns:  # "German officials"
            iso = res.country_near(s)
            mod = next((res.entity(c) for c in s.children if res.entity(c) is not None), None)
            ce = res.country_entity.get(iso) if iso else None
            if ce or (mod is not None and iso):
                out.append(ce or mod)
    return out


def _pronoun(p, res: Resolver, lex: Lexicon, quotes: list[Quote], depth: int) -> list[Entity]:
    word = p.lower_
    if word == "it" and p.head.lemma_.lower() in _EVENT_VERBS:
        return []  # "It comes two days after two unions ... gave Clinton the nod": the news, no actor
    if word not in {"we", "i", "us"}:
        t = p.head
        while t.dep_ in {"xcomp", "conj", "acomp"} and t.head.i != t.i:
            t = t.head
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.speech_verbs:
            subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if subj is None and t.head.dep_ in {"acl", "advcl"}:  # "fired back a response saying he ..."
                up = t.head.head if t.head.dep_ == "advcl" else t.head.head.head
                subj = next((c for c in up.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                found = _subject_entities(subj, res, lex, quotes, depth + 1)
                allowed = _PRONOUN_TYPES.get(word)
                fit = [e for e in found if allowed is None or e.type in allowed]
                if not fit and len(found) == 1 and _misread_person(word, found[0]):
                    fit = found  # "farmer Helena Dray said she opposed": the subject the pronoun repeats
                if fit:
                    return fit
    exclude = set()
    for q in quotes:
        if q.start <= p.idx < q.end and q.speaker_id and (word in {"we", "i", "us"} or not q.direct):
            e = res.table.get(q.speaker_id)
            if e is not None and word in {"he", "she"} and e.type != "PERSON" and not _misread_person(word, e):
                return []  # "she" is no organisation: the quote's speaker is not this pronoun's
            return [e] if e is not None else []
        if q.start <= p.idx < q.end and q.speaker_id:
            exclude.add(q.speaker_id)  # "he" in a direct quote is not its speaker
    e = antecedent(p, res, exclude)
    return [e] if e is not None else []


def _attribute(noun):
    """The subject a predicate noun describes: "Quill" in "Quill is a liar and bully who ..."."""
    t = noun
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ != "attr" or t.head.lemma_.lower() not in {"be", "become", "remain"}:
        return None
    return next((c for c in t.head.children if c.dep_ == "nsubj"), None)


_DASHES = frozenset({"—", "–", "--", "-"})


def _after_dateline(subj):
    """The subject a wire dateline hides: the parser takes the place in capitals that opens the
    article ("HARWICK, Lestria (LW) — Renata Osk withdrew") for the subject and hangs the real
    one on it as an apposition after the dash."""
    if not (subj.is_upper and len(subj.text) > 1 and subj.i - subj.sent.start < 12):
        return None
    dash = next((t.i for t in subj.doc[subj.i:subj.i + 10] if t.text in _DASHES), None)
    if dash is None:
        return None
    return next((c for c in subj.children if c.dep_ == "appos" and c.i > dash), None)


def _misread_person(word: str, e: Entity) -> bool:
    """Whether "he"/"she" may repeat an entity the entity stage typed as an organisation: a name of
    two or more words ("Helena Dray" read as an ORG), not a one-word company ("Greyhaven")."""
    return word in {"he", "she"} and e.type == "ORG" and len(e.name.split()) >= 2


def _canonical(e: Entity, res: Resolver, lex: Lexicon) -> tuple[Entity, Entity | None, Entity | None, str | None]:
    """(holder, person who spoke for it, organisation a person acts for, state the holder stands for).

    Without the country's own entity in the article the metonym or the head of
    state stays the holder; the state's code still says whom it stands for."""
    if res.country_level(e):
        return res.country_entity.get(e.country, e), None, None, e.country
    if e.type == "PERSON":
        states = states_headed(e.roles, lex)
        if states:
            return res.country_entity.get(states[0], e), e, None, states[0]
        for r in e.roles:
            if r.org:
                org = next((x for x in res.table.entities if x.name == r.org or r.org in x.aliases), None)
                return e, None, org, None
    return e, None, None, None


def states_headed(roles: list, lex: Lexicon) -> list[str]:
    """The states (ISO codes, in role order) whose head of state or government these roles make a person;
    a role the article calls past ("former president") makes nobody stand for a state."""
    return list(dict.fromkeys(r.country for r in roles if r.country and r.title.lower() in lex.head_of_state
                              and not getattr(r, "former", False)))


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
