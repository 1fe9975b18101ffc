"""Holders: a head of state or government stands for the state.

A position held by a person whose roles (in this article, or as the store
knows him from others: "Chancellor Harrow" here, "Valdorian Chancellor Edvin
Harrow" in an earlier one) make him head of exactly one state is recorded
under that state, with the person kept as the speaker.
"""
from __future__ import annotations

from ..extract.lexicon import gazetteer
from ..extract.lexicon.stance import lexicon
from ..extract.positions.holders import states_headed


def head_of(roles: list) -> str | None:
    """The one state (ISO code) these roles make a person head of (state or government), else None."""
    states = states_headed(roles, lexicon())
    return states[0] if len(states) == 1 else None


def state_entry(iso3: str):
    """The gazetteer entry of a state, or None."""
    return gazetteer.load().entries.get(f"country:{iso3}")
