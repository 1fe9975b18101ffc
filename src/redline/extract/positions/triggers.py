"""Stance triggers: the words that state a stance, and the action each one governs.

Read from the parse with the stance lexicon (``lexicon.stance``), not
from the events stage, so that a weak event reading cannot flip a stance:

1. triggers: stance verbs (allow, refuse), adjectives (ready to, hesitant
   about), nouns (the palace's approval) and phrases (give the green
   light, in favor of, go along with, a right to, call X a red line), and
   refusals without a stance word ("will not send X to Y"; "has no plans to");
   and verbs that are stances only on a nominal object (signed the bill, vowed to
   repeal the act, voted against the levy);
2. from the outermost trigger, descend through nested triggers (approved
   allowing ...; not ready to allow ...; lifting of restrictions on ...) to the
   action, multiplying polarity and negation. Without an action, a stance word
   of ``object_stances`` takes its nominal object as the proposition's object
   (endorsed Quill; her opposition to the levy): ``Chain.general``. ``core``
   turns each ``Chain`` into a keyed proposition and its holders.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..lexicon.stance import Lexicon
from .commitment import addressee, appeal, licensed
from .propositions import Resolver
from .membership import self_act
from .syntax import WILL, has_negation, negated, no_longer, predicate

_COMP_PREPS = frozenset({"to", "of", "on", "for", "about", "in", "with", "over", "toward", "towards", "behind"})
# Prepositions that introduce a stance noun's or adjective's object (support for, opposition to, in favour of).
_OBJECT_PREPS = frozenset({"for", "of", "to", "behind", "against"})
_FAVOUR_HOSTS = frozenset({"be", "vote", "come", "speak", "argue", "rule", "remain", "stay", "lean", "testify"})
ROLE_NOUNS = frozenset({"candidate", "nominee", "person", "politician", "contender", "leader", "member", "challenger",
                         "president", "senator", "governor", "mayor", "republican", "democrat"})
_CANDIDACY = frozenset({"bid", "candidacy", "campaign", "nomination", "reelection", "re-election", "presidency"})
_POSS_PRONOUNS = frozenset({"his", "her", "its", "their", "our", "my", "your"})
_PERMIT = frozenset({"allow", "permit", "let", "authorize", "authorise"})
_HAVING = frozenset({"have", "enjoy", "retain", "keep"})


@dataclass
class Chain:
    trigger: object  # the outermost stance token
    terminal: object | None  # the action token, or the anaphor
    polarity: int
    anaphor: str | None  # None, or the action class recalled ("" = the last proposition)
    via_obj: object | None  # "permitting Ostrana to ...": the permitted agent
    qualifier: str | None = None
    visited: tuple = ()
    general: bool = False  # terminal is the nominal object of a stance word (endorsed Quill), not an action
    reversal: bool = False  # the sentence states the old, opposite stance too (withdrew his endorsement)


def _local(tok, lex: Lexicon, nested: bool) -> int:
    """The stance polarity a token contributes (+1, -1), or 0 when it is no stance word here."""
    lemma, pos = tok.lemma_.lower(), tok.pos_
    kids = list(tok.children)
    if pos in {"VERB", "AUX"}:
        if appeal(tok, lex) and any(c.dep_ == "xcomp" for c in kids):
            return 1  # "called on Snyder to resign": the caller is for what is asked
        if lemma == "rule":
            return -1 if any(c.lower_ == "out" for c in kids) else 0
        if lemma == "go":
            return 1 if any(c.lower_ == "along" for c in kids) else 0
        if lemma == "come":  # "came out against the pact", "came out for Quill"
            if not _come_out(tok):
                return 0
            preps = {c.lower_ for c in kids if c.dep_ == "prep" and any(p.dep_ == "pobj" for p in c.children)}
            return 1 if "for" in preps else -1 if "against" in preps else 0
        if lemma == "back" and any(c.dep_ == "prt" and c.lower_ != "up" for c in kids):
            return 0  # "backed down", "backed away from"
        if lemma == "vote" or lemma in lex.prep_for or lemma in lex.prep_against:
            # "voted for Quill", "railed against the pact", "pushed for a recount"
            preps = {c.lower_ for c in kids if c.dep_ == "prep" and any(p.dep_ == "pobj" for p in c.children)}
            if lemma == "vote":
                return 1 if "for" in preps else -1 if "against" in preps else 0
            return 1 if "for" in preps and lemma in lex.prep_for else (
                -1 if "against" in preps and lemma in lex.prep_against else 0)
        if lemma in lex.object_for or lemma in lex.object_against:
            obj = next((c for c in kids if c.dep_ == "dobj"), None)
            if obj is None or (_object_token(obj, lex) is None and planned_act(obj, lex) is None):
                return 0
            if lemma == "sign" and obj.lemma_.lower() not in lex.sign_objects:
                return 0  # "signed the bill", not "signed autographs" or "signed a letter"
            if lemma in lex.object_against and has_negation(tok) and not any(
                    c.dep_ == "aux" and c.lower_ in WILL for c in kids):
                return 0  # "did not denounce the plan" is no support of it; "will not scrap it" is
            return 1 if lemma in lex.object_for else -1
        stance_nouns = lex.flip_nouns | lex.against_nouns | lex.for_nouns
        if lemma in lex.flip_verbs and any(c.dep_ == "dobj" and c.lemma_.lower() in stance_nouns for c in kids):
            return -1  # "lifted its ban on", "dropped its objection to", "withdrew its support for"
        if lemma in lex.reversal_verbs and any(_dropped_plan(c, lex) for c in kids):
            return -1  # "dropped plans to buy Coastal Ledger": against buying it now
        if lemma in {"call", "brand", "label", "term", "deem", "consider"} and _red_line(tok):
            return -1
        if lemma in lex.intent_verbs:
            # "plans to raise rates", "vowed to repeal the act": the holder commits to what the
            # infinitive says; "does not plan to send" is a refusal (the -1 comes from the negation).
            return 1 if any(c.dep_ == "xcomp" for c in kids) else 0
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
        if lemma in lex.intent_nouns and has_negation(tok) and any(c.dep_ == "acl" for c in kids):
            return 1  # "has no plans to send": the "no" makes it a refusal
        head = tok.head.lemma_.lower() if tok.dep_ == "dobj" else ""
        if head in lex.commit_verbs and head not in lex.light_verbs and has_negation(tok.head):
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


def chains(tokens: list, lex: Lexicon, res: Resolver) -> list[Chain]:
    """The outermost stance triggers among a sentence's cue words, with the actions they govern."""
    cands = [t for t in tokens if _local(t, lex, nested=False) or is_scope(t, lex) or _refused_supply(t, lex)
             or self_act(t, lex, res)]
    depth = {t.i: sum(1 for _ in t.ancestors) for t in cands}
    consumed: set[int] = set()
    found: list[Chain] = []
    for t in sorted(cands, key=lambda t: (depth[t.i], t.i)):
        if t.i in consumed:
            continue
        own = 0 if _local(t, lex, nested=False) else self_act(t, lex, res)
        if _refused_supply(t, lex):
            chain = Chain(t, t, -1, None, None, None, (t.i,))
        elif own:  # "would stay in the race", "pulled out of the race": the act is its own stance
            chain = Chain(t, t, own, None, None, None, (t.i,))
        else:
            chain = _scope_chain(t, lex) if is_scope(t, lex) else _descend(t, lex, res)
        consumed.update(chain.visited)
        if chain.terminal is not None and licensed(t, lex) and not _open(t):
            found.append(chain)
            if not own:  # a verb conjoined to an own act ("pulled out ... and endorsed X") stands alone
                found.extend(_conjoined(chain, res))
    return sorted(found, key=lambda c: c.trigger.i)


def _conjoined(chain: Chain, res: Resolver) -> list[Chain]:
    """ "promising to lift regulations and open federal land": one stance on each conjoined action
    (or object: "endorsed Quill and Brandt")."""
    term = chain.terminal
    if chain.anaphor is not None or term.pos_ == "PRON":
        return []
    kinds = {"NOUN", "PROPN"} if chain.general else {term.pos_}
    out = []
    for cj in term.conjuncts:
        if cj.i <= term.i or cj.pos_ not in kinds:
            continue
        if chain.general and cj.pos_ == "PROPN" and res.entity(cj) is None:
            continue
        out.append(Chain(chain.trigger, cj, chain.polarity, None, chain.via_obj, chain.qualifier,
                         chain.visited, general=chain.general, reversal=chain.reversal))
    return out


def _open(tok) -> bool:
    """ "did not rule out a meeting": openness to it, no stance either way."""
    return tok.lemma_.lower() == "rule" and tok.pos_ == "VERB" and negated(tok)


def _refused_supply(tok, lex: Lexicon) -> bool:
    """ "Valdoria will not send its Halberd missiles to Ostrana": a supply verb negated with a future
    or volitional auxiliary (will, would, won't, shall) is a refusal without a stance word.

    It keys the supply proposition (recipient, weapon), as "refused to send" does: what a
    holder will not hand over, not what the recipient may do with weapons it already has (that
    is the separate question of permitting their use). A negated past ("did not send") is a
    fact about deliveries, not a stance, and "could not send" is inability: neither counts."""
    return (tok.pos_ == "VERB" and lex.action_of_verb.get(tok.lemma_.lower()) == "supply" and has_negation(tok)
            and any(c.dep_ == "aux" and c.lower_ in WILL for c in tok.children))


def is_scope(tok, lex: Lexicon) -> bool:
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
    pol = _local(trigger, lex, nested=False) * (-1 if negated(trigger) else 1)
    starts = [trigger]
    visited = [trigger.i]
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "pobj"}:
        starts.append(predicate(trigger))  # "gave the green light to X": X hangs on the verb
    elif trigger.lemma_.lower() in lex.flip_verbs:
        # "dropped its objection to X": the noun's polarity, and its complement even where the
        # parser hangs it on the verb.
        noun = next((c for c in trigger.children if c.dep_ == "dobj" and _local(c, lex, nested=True)), None)
        plan = next((c for c in trigger.children if _dropped_plan(c, lex)), None)
        if noun is not None:
            pol *= _local(noun, lex, nested=True) * (-1 if has_negation(noun) else 1)
            starts.insert(0, noun)
            visited.append(noun.i)
        elif plan is not None and trigger.lemma_.lower() in lex.reversal_verbs:
            starts.insert(0, plan)  # "dropped plans to buy X": the plan's act, and it was planned before
            visited.append(plan.i)
    owners = {s.i for s in starts if _takes_object(s, lex)}
    host = starts[-1]  # "threw its support behind Quill": the object hangs on the light verb
    hosts = {host.i} if trigger.pos_ in {"NOUN", "PROPN"} and host.i != trigger.i and _takes_object(trigger, lex) \
        and host.lemma_.lower() in lex.light_verbs | {"be"} else set()
    reversal = no_longer(trigger) or (
        trigger.lemma_.lower() in lex.reversal_verbs and len(starts) > 1 and starts[0].pos_ == "NOUN"
        and (any(c.dep_ == "poss" and c.lower_ in _POSS_PRONOUNS for c in starts[0].children)
             or _dropped_plan(starts[0], lex)))
    general = None
    for h in hosts:  # "gave Quill the nod", "gave the union its backing": the light verb's indirect object
        dative = next((c for c in trigger.doc[h].children if c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN"}), None)
        obj = _object_token(dative, lex) if dative is not None else None
        if obj is not None:
            general = (obj, pol)
    permitted = False
    via0 = None
    if trigger.lemma_.lower() == "right":  # "Ostrana had a right to strike": the right's bearer acts
        via0 = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
    elif trigger.pos_ == "VERB" and appeal(trigger, lex):  # "urged Brandt to ...": Brandt would act
        via0 = addressee(trigger)
    queue = [(s, pol, via0, 0) for s in starts]
    while queue:
        node, p, via, d = queue.pop(0)
        if d > 6:
            continue
        if node.lemma_.lower() in _PERMIT and any(c.dep_ in {"xcomp", "ccomp"} for c in node.children):
            via = next((c for c in node.children if c.dep_ == "dobj"), via)  # "permitting Ostrana to launch"
            permitted = True  # "allowed a PAC to support her": the PAC's support, not the holder's
        for c in node.children:
            if c.i in visited or not _complement(node, c, lex):
                continue
            visited.append(c.i)
            if c.dep_ == "prep" or c.pos_ == "ADP":
                queue.append((c, p, via, d + 1))
                continue
            act = planned_act(c, lex)
            if act is not None and not permitted and _owned_object(node, c, owners, hosts, lex):
                # "backed plans to expand the ferry", "opposed efforts to defund the group": the act
                # the plan or effort is for is the proposition, not the plan
                visited.append(act.i)
                return Chain(trigger, act, p, None, via, None, tuple(visited), reversal=reversal)
            ana = _anaphor(c, lex)
            if ana is not None:
                return Chain(trigger, c, p, ana, via, None, tuple(visited), reversal=reversal)
            local = _local(c, lex, nested=True)
            if local and _acts_on(c, lex):
                # "pledged to ban all Muslims", "vowed to block the merger": the stance verb is
                # itself the promised act, on its object.
                return Chain(trigger, c, p, None, via, None, tuple(visited), reversal=reversal)
            if local:
                pc = p * local * (-1 if has_negation(c) else 1)
                if _takes_object(c, lex):
                    owners.add(c.i)
                queue.append((c, pc, via, d + 1))
                continue
            if _action(c, lex) or _generic(node, c, lex):
                return Chain(trigger, c, p, None, via, None, tuple(visited), reversal=reversal)
            if general is None and not permitted and _owned_object(node, c, owners, hosts, lex):
                obj = _object_token(c, lex)
                general = (obj, p) if obj is not None else False  # a rejected object: no second guess
    if general:
        return Chain(trigger, general[0], general[1], None, None, None, tuple(visited), general=True, reversal=reversal)
    if reversal and starts[0].pos_ == "NOUN" and starts[0].i != trigger.i:
        # "Toomey has not endorsed Quill and Kirk withdrew his early support": support of what the
        # passage has just named (``Memory.recall`` with the reversal's short reach)
        return Chain(trigger, starts[0], pol, "", None, None, tuple(visited), reversal=True)
    return Chain(trigger, None, pol, None, None, None, tuple(visited))


def _come_out(tok) -> bool:
    return tok.lemma_.lower() == "come" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)


def _takes_object(tok, lex: Lexicon) -> bool:
    lemma = tok.lemma_.lower()
    return _come_out(tok) or lemma in lex.object_stances or lemma in lex.object_for or lemma in lex.object_against


def _owned_object(node, c, owners: set, hosts: set, lex: Lexicon) -> bool:
    """Whether ``c`` is the object of a stance word that takes one: its direct object (endorsed Quill),
    or what its preposition introduces (support for Quill; opposed to the levy; voted against the act)."""
    if c.pos_ not in {"NOUN", "PROPN"} or c.dep_ not in {"dobj", "pobj"}:
        return False
    if c.dep_ == "dobj":
        return node.i in owners
    owner = node.head
    if node.lower_ not in _OBJECT_PREPS:
        return False
    if owner.i in hosts:
        return node.lower_ != "of"  # "gave its backing to the deal", "threw its support behind Quill"
    if owner.i not in owners:
        return False
    if owner.pos_ in {"NOUN", "PROPN"}:
        if node.lower_ == "of" and owner.dep_ == "dobj" and owner.head.lemma_.lower() in _HAVING:
            return False  # "had the support of Brandt": Brandt's support, which the subject has
        # "his endorsement of Quill", "in favour of the tax"; but "the endorsement of the club" names
        # the endorser, not what is endorsed.
        if owner.lemma_.lower() in {"favor", "favour"}:
            # "is in favour of the tax", "voted in favour of the act"; not a misread attachment
            # ("questioned her judgment ... in favor of").
            return predicate(owner).lemma_.lower() in _FAVOUR_HOSTS
        # "promised a veto of the bill": the light verb's subject holds it, so "of" names the object
        return node.lower_ != "of" or any(c.dep_ == "poss" for c in owner.children) or (
            owner.dep_ == "dobj" and owner.head.lemma_.lower() in lex.light_verbs)
    if owner.lemma_.lower() == "vote" or _come_out(owner) or owner.lemma_.lower() in lex.prep_for | lex.prep_against:
        return node.lower_ in {"for", "against"}  # "voted for Quill", "railed against the act"
    if owner.lemma_.lower() == "oppose":
        return node.lower_ == "to"  # "is opposed to the deal"
    return owner.pos_ == "ADJ"  # "endorsed Quill for mayor": a stance verb's "for" is not its object


def _object_token(tok, lex: Lexicon):
    """The head of the object a stance is on, or None for a claim rejected ("rejected the allegation"),
    a pronoun or a number; a request passes to what it asks for ("rejected calls for a recount")."""
    lemma = tok.lemma_.lower()
    if lemma in _CANDIDACY:  # "endorsed the presidential bid of Quill", "backs Quill's candidacy": Quill
        named = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None) or next(
            (p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
             if p.dep_ == "pobj" and p.pos_ == "PROPN"), None)
        if named is not None:
            return named
    if lemma in lex.request_nouns:
        inner = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                      for p in c.children if p.dep_ == "pobj"), None)
        return _object_token(inner, lex) if inner is not None else None
    if tok.pos_ not in {"NOUN", "PROPN"} or lemma in lex.not_objects or tok.like_num:
        return None
    kids = list(tok.children)
    if lemma in ROLE_NOUNS and any(c.dep_ == "det" and c.lower_ in {"a", "an", "any", "some", "another"}
                                    for c in kids):
        return None  # "ready to endorse a candidate": nobody in particular
    if lemma in ROLE_NOUNS and tok.tag_ in {"NNS", "NNPS"} and not any(
            c.dep_ in {"appos", "compound", "poss"} and c.pos_ == "PROPN" for c in kids):
        return None  # "will back at least 100 candidates", "other down-ballot Republicans": no one named
    if lemma in ROLE_NOUNS:  # "endorsed the independent candidate Luis Ambrey": the one named
        named = next((c for c in kids if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if named is not None:
            return named
    return tok


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


_ACT_NOUNS = frozenset({"effort", "attempt", "proposal"})


def planned_act(noun, lex: Lexicon):
    """The act a plan, move or effort noun is for ("plans to expand the ferry": expand), or None."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.decision_nouns | lex.intent_nouns | _ACT_NOUNS:
        return None
    return next((c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.tag_ == "VB"
                 and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)


def _dropped_plan(noun, lex: Lexicon) -> bool:
    """ "(dropped) plans to buy X": a plan noun, as the object, with the act it plans."""
    return (noun.dep_ == "dobj" and noun.lemma_.lower() in lex.intent_nouns and not has_negation(noun)
            and any(c.dep_ == "acl" and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                 for a in c.children) for c in noun.children))


def _generic(node, c, lex: Lexicon) -> bool:
    """ "refused to join the alliance": any verb a stance verb governs directly is a proposition."""
    if c.dep_ == "ccomp" and node.lemma_.lower() in _PERMIT:
        return False  # "he allowed that his members lean left": a concession, not a permission
    if _dropped_plan(node, lex) and c.dep_ == "acl":
        return c.lemma_.lower() not in lex.speech_verbs  # "dropped plans to buy X": buying X
    return (c.pos_ == "VERB" and c.dep_ in {"xcomp", "ccomp"} and node.pos_ in {"VERB", "ADJ"}
            and c.lemma_.lower() not in lex.speech_verbs
            and c.lemma_.lower() not in {"be", "have", "do", "make", "take", "come", "go", "get", "continue", "see"})


def _acts_on(tok, lex: Lexicon) -> bool:
    """Whether a nested stance verb is an act on a plain object (ban X, block X), not a stance word
    passing its polarity on (allow X to, approve N-ing) or taking its object as the question."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma in lex.object_stances or lemma in _PERMIT or lemma in {"agree", "rule"}:
        return False
    if lemma not in lex.for_verbs and lemma not in lex.against_verbs:
        return False
    kids = list(tok.children)
    if any(c.dep_ in {"xcomp", "ccomp"} for c in kids):
        return False
    stance_nouns = lex.for_nouns | lex.against_nouns | lex.flip_nouns
    return any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.lemma_.lower() not in stance_nouns
               and c.lemma_.lower() not in lex.action_of_noun and c.lemma_.lower() not in lex.not_objects
               for c in kids)


