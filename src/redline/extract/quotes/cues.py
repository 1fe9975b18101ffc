"""Which cues make quotes: the class of a cue word, and whether what it reports was said.

A quote is what someone said or wrote. Verbs of belief, knowledge, decision
and expectation ("thinks", "knew", "decided", "was supposed to") report a
state of mind, and judgement verbs with a bare object ("criticized the levy",
"backed Randolph") report an act, not words: neither is a quote, even where
attribution corpora annotate them. A noun phrase is never the words of a
quote ("confirmed the approval", "spoke about his U-turn"): a message is a
clause, a to-infinitive of a verb of saying ("vowed to retaliate"), or the
object of a few verb-preposition pairs that name one ("called for talks").

``cue_class(tok)`` names the evidence a cue gives (it also keys the measured
confidence of a quote, ``confidence.py``):

- ``speech``: a verb of saying (``speech`` in ``speech_verbs.json``);
- ``according``: "according to";
- ``noun``: a speech noun with a that-clause ("her claim that ...");
- ``naming``: "called the plan a disaster";
- ``evidence``: a record or poll that shows or finds ("the poll shows that ...");
- ``prep``: a verb that is a cue only with a preposition ("called for", "spoke about");
- ``clause``: any other verb with a subject and a that-clause ("Kern fumed that ...");
- ``cognition`` and ``judgement``: no quote but in a clause a judgement verb
  reports words ("questioned whether ..."), so it counts there as ``clause``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ..lexicon import read_json
from ..lexicon.speech import cue_lexicon

# How a cue's content was read off the parse (``parse.indirect_content``).
CLAUSE, INFINITIVE, OBJECT, PREP, PAREN, ACCORDING, NAMING, NOUN = (
    "clause", "infinitive", "object", "prep", "paren", "according", "naming", "noun")


@dataclass(frozen=True)
class QuoteLexicon:
    infinitive: frozenset[str]
    message_preps: dict[str, frozenset[str]]
    not_speech: frozenset[str]
    cognition: frozenset[str]  # belief, decision, expectation: not verbs of saying
    judgement: frozenset[str]  # object-content verbs that are not verbs of saying ("backed", "praised")
    evidence: frozenset[str]
    person_nouns: dict[str, str | None]
    outlet_words: frozenset[str]
    outlet_names: frozenset[str]
    outlet_nouns: frozenset[str]


@functools.lru_cache(maxsize=1)
def quote_lexicon() -> QuoteLexicon:
    data = read_json("speech_verbs.json")
    speech = frozenset(data["speech"])
    roles = read_json("roles.json")
    # A role title's last word is a person noun too ("the foreign minister ... he said").
    people = {form.split()[-1].lower(): r.get("gender") for r in roles["roles"] for form in r["forms"]}
    people.update(data.get("person_nouns", {}))
    return QuoteLexicon(
        infinitive=frozenset(data.get("infinitive_content", ())),
        message_preps={k: frozenset(v) for k, v in data.get("message_preps", {}).items()},
        not_speech=frozenset(data.get("not_speech", ())),
        cognition=frozenset(data["cognition"]) - speech,
        judgement=frozenset(data.get("object_content", ())) - speech,
        evidence=frozenset(data.get("evidence", ())) - speech,
        person_nouns=people,
        outlet_words=frozenset(data.get("outlet_words", ())),
        outlet_names=frozenset(data.get("outlet_names", ())),
        outlet_nouns=frozenset(data.get("outlet_nouns", ())),
    )


def cue_class(tok) -> str:
    """The kind of evidence a cue word gives (see the module docstring)."""
    if tok.lower_ == "according":
        return "according"
    if tok.pos_ == "NOUN":
        return "noun"
    lemma = tok.lemma_.lower()
    lex, qlex = cue_lexicon(), quote_lexicon()
    if lemma in lex.speech:
        return "speech"
    if lemma in lex.naming:
        return "naming"
    if lemma in qlex.evidence:
        return "evidence"
    if lemma in qlex.cognition or lemma in qlex.not_speech:
        return "cognition"
    if lemma in qlex.judgement:
        return "judgement"
    if lemma in lex.preps and lemma not in lex.verbs:
        return "prep"  # a cue only with its preposition: "called for", "spoke about"
    return "clause"


def negated(tok) -> bool:
    """"did not say", "never spoke": a cue that says nothing was said; "a company called Harmony",
    "the so-called plan": a name given, not words said."""
    return any(c.dep_ == "neg" for c in tok.children) or _a_name_given(tok)


def _a_name_given(tok) -> bool:
    if tok.lemma_.lower() not in cue_lexicon().naming and tok.lower_ not in ("titled", "entitled", "named"):
        return False
    if tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("so", "so-", "-"):
        return True
    return tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children)


def makes_quote(tok, kind: str) -> bool:
    """Whether what cue ``tok`` reports (read as ``kind``) is something said or written."""
    if negated(tok) or unrealized(tok) or _relative_gap(tok):
        return False
    cls = cue_class(tok)
    lemma = tok.lemma_.lower()
    if kind in (ACCORDING, NOUN):
        return True
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    if particle is not None and cue_lexicon().particles.get(lemma) != particle:
        return False  # "calling out Kern on his attack", "lashed out": a phrasal verb of another sense
    if lemma in cue_lexicon().aspectual:
        return False  # "she continued to renew it": "continued" cues only a direct quote ("…,” he continued)
    if cls == "prep" and kind != PREP:
        return False  # "tax experts I spoke to": a cue only through its preposition
    if kind == OBJECT:
        return False  # a noun phrase names a thing, not words
    if kind == PREP:
        return any(c.dep_ in ("prep", "prt") and c.lower_ in quote_lexicon().message_preps.get(lemma, ())
                   for c in tok.children)
    if kind == NAMING:
        return cls in ("naming", "speech")
    if kind == INFINITIVE:
        return cls == "speech" and (lemma in quote_lexicon().infinitive or not _to_infinitive(tok)) \
            and not _thing_as_subject(tok)
    # A clause (or a parenthetical "…, officials said"): said or written unless
    # the verb is one of believing, knowing or deciding. A judgement verb reports
    # words only with a complementizer ("questioned whether ..."): set off in a
    # clause ("…, endorsed Kern") it is an act.
    if cls == "cognition":
        return False
    if cls == "judgement":
        return kind == CLAUSE and _complementized(tok)
    if cls == "clause" and (lemma in quote_lexicon().not_speech or not _someone_as_subject(tok)):
        return False  # "It turns out that ...", "tempered by the reality that ...": no one says it
    if cls == "evidence" and not _record_as_subject(tok):
        return False  # "Cleveland showed that ...": a place or an event proves, nobody wrote it
    return True


def _subject(tok):
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def _someone_as_subject(tok) -> bool:
    """An unlisted verb reports words only with a speaker for subject: a name, a personal
    pronoun, or a noun for a person ("Kern fumed that", "the aide hinted that")."""
    subj = _subject(tok)
    if subj is None:
        return False
    if subj.pos_ == "PROPN":
        return True
    if subj.pos_ == "PRON":
        return subj.lower_ in ("he", "she", "they", "we", "i", "you", "who")
    return is_person_noun(subj)


def _thing_as_subject(tok) -> bool:
    """"a decision that threatens to widen the war": a thing that threatens or promises only
    risks or bodes; a vow needs someone to make it."""
    subj = _subject(tok)
    if subj is None:
        return False
    if subj.lower_ in ("it", "this"):
        return True
    if subj.lower_ not in ("that", "which") or tok.dep_ != "relcl":
        return False
    ante = tok.head
    return ante.pos_ == "NOUN" and not is_person_noun(ante) and ante.lemma_.lower() not in _BODIES \
        and ante.lemma_.lower() not in quote_lexicon().outlet_nouns


# Collective speakers: "the government vowed to", "the campaign promised to".
_BODIES = frozenset({"administration", "agency", "board", "campaign", "committee", "company", "council", "court",
                     "department", "firm", "government", "group", "ministry", "office", "organization", "panel",
                     "party", "union"})


def _record_as_subject(tok) -> bool:
    """A finding is written by a record or an organisation ("the poll shows", "Pew found"), not
    by a place or an event."""
    subj = _subject(tok)
    if subj is None:
        return False
    if subj.pos_ == "NOUN":
        return True
    return subj.ent_type_ in ("ORG", "PERSON", "NORP") or subj.pos_ == "PRON" and subj.lower_ != "it"


def _relative_gap(tok) -> bool:
    """"the case that he has said he would make": the cue sits in a relative clause whose
    relative pronoun is a gap inside the words reported, so no clause of them stands whole."""
    if tok.dep_ != "relcl":
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that", "which") for c in tok.children)





def _complementized(tok) -> bool:
    return any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("that", "whether", "if") for g in c.children)
               for c in tok.children)


def unrealized(tok) -> bool:
    """A saying that has not happened: "is expected to say", "declined to say", "hard to say".

    A to-infinitive cue is an utterance only after a verb that carries it on
    ("went on to say", "continued to insist").
    """
    if tok.dep_ not in ("xcomp", "advcl", "acl", "relcl") \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    head = tok.head
    return head.lemma_.lower() not in cue_lexicon().aspectual | {"go", "use"}


def _to_infinitive(tok) -> bool:
    """Whether the cue's open complement is a real to-infinitive, not a misparsed clause
    ("said legalizing it would help" comes out as an xcomp too)."""
    return any(c.dep_ == "xcomp" and c.i > tok.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in tok.children)


def direct_cue(tok) -> bool:
    """Whether ``tok`` may introduce a direct quote: any verb but one of believing or judging
    ("“…,” he believes" is the writer's gloss; the words were said elsewhere)."""
    if negated(tok):
        return False
    cls = cue_class(tok)
    if cls == "prep":  # "…,” or repeatedly referring to Kern as": a topic, unless it names a message
        return any(c.dep_ in ("prep", "prt") and c.lower_ in quote_lexicon().message_preps.get(tok.lemma_.lower(), ())
                   for c in tok.children)
    return cls not in ("cognition", "judgement", "evidence")


def is_person_noun(tok) -> bool:
    """Whether a common noun, singular or plural, names people ("the aide", "advisers")."""
    return tok.lemma_.lower() in quote_lexicon().person_nouns


def person_gender(tok) -> tuple[bool, str | None]:
    """Whether a common noun names a person a pronoun can repeat, and the gender the word says."""
    people = quote_lexicon().person_nouns
    word = tok.lemma_.lower() if tok.tag_ not in ("NNS", "NNPS") else None
    if word is None or word not in people:
        return False, None
    return True, people[word]
