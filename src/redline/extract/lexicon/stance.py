"""The stance lexicon (``data/<language>/stance_words.json``): stance words, action classes and their slots.

Read by the positions stage: triggers (verbs, adjectives, nouns and phrases
for and against), the words that nest, hedge, condition or date a stance, and
the action classes (``strike``, ``supply``, ...) with the verbs and nouns that
name them and the slots their propositions key on.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from . import data_language, read_json

# Head words of the stance phrases and naming verbs ("give the green light", "in favor of",
# "go along with", "a right to", "call X a red line", "rule out").
_PHRASE_CUES = frozenset({"light", "favor", "favour", "go", "right", "call", "brand", "label", "term", "deem",
                          "consider", "rule", "against", "come"})


@dataclass(frozen=True)
class Lexicon:
    raw: dict
    for_verbs: frozenset
    against_verbs: frozenset
    for_adj: frozenset
    against_adj: frozenset
    for_nouns: frozenset
    against_nouns: frozenset
    flip_nouns: frozenset
    flip_verbs: frozenset
    light_verbs: frozenset
    decision_nouns: frozenset
    anaphor_dets: frozenset
    anaphor_pronouns: frozenset
    anaphor_nouns: frozenset
    past_markers: frozenset
    hedges: frozenset
    condition_marks: frozenset
    head_of_state: frozenset
    group_nouns: frozenset
    scope_verbs: frozenset
    non_commit: frozenset
    report_subjects: frozenset
    target_preps: frozenset
    place_nouns: frozenset
    generic_weapons: frozenset
    speech_verbs: frozenset
    intent_verbs: frozenset = frozenset()
    intent_nouns: frozenset = frozenset()
    commit_verbs: frozenset = frozenset()
    object_stances: frozenset = frozenset()  # stance words whose nominal object is the proposition's object
    object_for: frozenset = frozenset()  # stance verbs only with a nominal object (signed the bill)
    object_against: frozenset = frozenset()
    sign_objects: frozenset = frozenset()
    not_objects: frozenset = frozenset()
    request_nouns: frozenset = frozenset()
    reversal_verbs: frozenset = frozenset()
    body_nouns: frozenset = frozenset()
    prep_for: frozenset = frozenset()  # verbs for their "for" object: pushed for a recount
    prep_against: frozenset = frozenset()  # verbs against their "against" object: railed against the pact
    claim_verbs: frozenset = frozenset()  # "warned that X opposes Y": X's stance is the claimer's claim
    agent_for: frozenset = frozenset()  # "a Quill supporter": for Quill
    agent_against: frozenset = frozenset()  # "opponents of the levy": against the levy
    appeal_verbs: frozenset = frozenset()  # "urged X to endorse Y": the caller is for it ("called on X to" too)
    cues: frozenset = frozenset()  # every lemma that can start a stance: a cheap first filter
    action_of_verb: dict = field(default_factory=dict)  # lemma -> class
    action_of_noun: dict = field(default_factory=dict)


def lexicon(language: str | None = None) -> Lexicon:
    """The stance lexicon of ``language`` (default and fallback: English), read once."""
    return _lexicon(data_language(language))


@functools.lru_cache(maxsize=4)
def _lexicon(language: str) -> Lexicon:
    d = read_json("stance_words.json", language)
    speech = read_json("speech_verbs.json", language)
    fz = lambda key: frozenset(w.lower() for w in d[key])  # noqa: E731
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for cls, spec in d["actions"].items():
        for v in spec["verbs"]:
            verbs.setdefault(v, cls)
        for n in spec["nouns"]:
            nouns.setdefault(n, cls)
    ana = d["anaphors"]
    return Lexicon(
        raw=d, for_verbs=fz("for_verbs"), against_verbs=fz("against_verbs"), for_adj=fz("for_adjectives"),
        against_adj=fz("against_adjectives"), for_nouns=fz("for_nouns"), against_nouns=fz("against_nouns"),
        flip_nouns=fz("flip_nouns"), flip_verbs=fz("flip_verbs"), light_verbs=fz("light_verbs"),
        decision_nouns=fz("decision_nouns"), anaphor_dets=frozenset(ana["determiners"]),
        anaphor_pronouns=frozenset(ana["pronouns"]), anaphor_nouns=frozenset(ana["nouns"]),
        past_markers=fz("past_markers"), hedges=fz("hedges"), condition_marks=fz("condition_marks"),
        head_of_state=fz("head_of_state"), group_nouns=fz("group_nouns"), scope_verbs=fz("scope_verbs"),
        non_commit=fz("non_commit_heads"),
        report_subjects=fz("report_subjects"), target_preps=fz("target_prepositions"),
        place_nouns=fz("place_nouns"), generic_weapons=fz("generic_weapons"),
        speech_verbs=frozenset(speech["speech"]) | frozenset(speech["cognition"]),
        intent_verbs=fz("intent_verbs"), intent_nouns=fz("intent_nouns"), commit_verbs=fz("commit_verbs"),
        object_stances=fz("object_stances"), object_for=frozenset(d["object_verbs"]["for"]),
        object_against=frozenset(d["object_verbs"]["against"]), sign_objects=fz("sign_objects"),
        not_objects=fz("not_objects"), request_nouns=fz("request_nouns"), reversal_verbs=fz("reversal_verbs"),
        body_nouns=fz("body_nouns"), prep_for=frozenset(d["prep_verbs"]["for"]),
        prep_against=frozenset(d["prep_verbs"]["against"]),
        claim_verbs=fz("claim_verbs") if "claim_verbs" in d else frozenset(),
        appeal_verbs=fz("appeal_verbs") if "appeal_verbs" in d else frozenset(),
        agent_for=frozenset(d.get("agent_nouns", {}).get("for", [])),
        agent_against=frozenset(d.get("agent_nouns", {}).get("against", [])),
        action_of_verb=verbs, action_of_noun=nouns,
        # Supply verbs are cues too: "will not send X to Y" is a refusal without a stance word.
        cues=frozenset().union(*(fz(k) for k in (
            "for_verbs", "against_verbs", "flip_verbs", "for_adjectives", "against_adjectives", "for_nouns",
            "against_nouns", "flip_nouns", "scope_verbs", "intent_verbs", "intent_nouns"))) | _PHRASE_CUES
        | frozenset(d["object_verbs"]["for"]) | frozenset(d["object_verbs"]["against"]) | {"vote"}
        | frozenset(d["prep_verbs"]["for"]) | frozenset(d["prep_verbs"]["against"])
        | (fz("appeal_verbs") if "appeal_verbs" in d else frozenset()) | {"call"}
        | frozenset(v for v, cls in verbs.items() if cls == "supply")
        # Membership acts are cues too: "pulled out of the race" is a stance without a stance word.
        | frozenset(v.split()[0] for v in d.get("membership", {}).get("verbs", {})),
    )
