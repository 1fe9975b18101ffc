"""``link.about``: ``--about`` filters to the propositions about the question, it does not only rank.

Over an invented store (the Harbour Levy Act dispute in Selby, tests/query/harbour.py)
and the repo's fictional examples."""
from __future__ import annotations

import pytest

from query.harbour import BUY, FERRY, RAISE, REPEAL, store  # noqa: F401  (the Selby store fixture)
from redline.link.about import positions_about, propositions_about


def keys(rows):
    return [r["proposition_key"] for r in rows]


def test_only_the_positions_about_the_question(store):
    rows = positions_about(store, "Harbour Levy Act repeal")
    assert keys(rows) == [REPEAL[1]] * 4  # not "raising the harbour levy", which shares only "harbour levy"
    assert sorted(r["holder_name"] for r in rows) == ["Mara Quill", "Mara Quill", "Northwind Holdings", "Tamsin Reed"]
    assert all(r["score"] > 0.5 for r in rows)


def test_most_similar_first(store):
    rows = positions_about(store, "harbour levy")
    assert keys(rows) == [RAISE[1]] * 2 + [REPEAL[1]] * 4
    assert rows[0]["score"] > rows[-1]["score"]


@pytest.mark.parametrize("question", ["Mara Quill", "the of with", "zzqx unheard", "Kestrel Bay tides"])
def test_no_content_word_in_common_matches_nothing(store, question):
    assert positions_about(store, question) == []
    assert propositions_about(store, question, min_score=0, min_relative=0) == []


def test_a_proposition_sharing_no_word_is_never_returned_whatever_the_thresholds(store):
    loose = dict(propositions_about(store, "levy on ferries", min_score=0, min_relative=0))
    assert set(loose) == {FERRY[1], RAISE[1], REPEAL[1]} and BUY[1] not in loose
    # by default the loose matches ("levy" alone) fall under the best match's share
    assert [k for k, _ in propositions_about(store, "levy on ferries")] == [FERRY[1]]


def test_the_absolute_floor(store):
    [(key, score)] = propositions_about(store, "port")
    assert key == BUY[1] and 0 < score < 0.5
    assert propositions_about(store, "port", min_score=score + 0.01) == []


def test_holder_and_about_together(store):
    council = [e["id"] for e in store.list_entities(limit=None) if e["name"] == "Selby Port Council"]
    assert positions_about(store, "Harbour Levy Act repeal", holder_ids=council) == []
    rows = positions_about(store, "harbour levy", holder_ids=council)
    assert keys(rows) == [RAISE[1]] * 2 and {r["stance"] for r in rows} == {"against"}


def test_a_blank_question_filters_nothing(store):
    everything = store.list_positions(limit=None)
    assert len(everything) == 8
    assert positions_about(store, "   ", limit=None) == everything == positions_about(store, None, limit=None)


def test_limit_keeps_the_best(store):
    rows = positions_about(store, "harbour levy", limit=2)
    assert keys(rows) == [RAISE[1]] * 2


def test_the_examples(examples_store):
    rows = positions_about(examples_store, "Ostrana striking with Halberd missiles")
    assert rows and all(r["proposition_key"].startswith("strike|") for r in rows)
    assert keys(positions_about(examples_store, "supply weapons")) == ["supply|recipient=*|weapon=*"]
    assert positions_about(examples_store, "ferry tolls") == []


class _Labels:
    """Just the store method ``propositions_about`` reads: the distinct propositions."""

    def __init__(self, labels):
        self._labels = labels

    def proposition_labels(self):
        return self._labels


def test_a_weaker_match_naming_what_a_kept_one_names_is_kept():
    labels = _Labels([
        ("strike|agent=OST|target=KAZ|weapon=*", "Ostrana striking inside Kazrania with the holder's weapons"),
        ("strike|agent=OST|target=KAZ|weapon=halberd", "Ostrana striking inside Kazrania with Halberd missiles"),
        ("supply|recipient=OST|weapon=halberd", "supplying Halberd missiles to Ostrana"),
        ("supply|recipient=OST|weapon=lance", "supplying Lance missiles to Ostrana"),
        ("repeal|object=harbour_levy_act", "repealing the Harbour Levy Act"),
        ("buy|agent=northwind|object=selby_port", "Northwind buying the Selby port"),
    ])
    question = "strikes inside Kazrania with missiles"
    loose = dict(propositions_about(labels, question, min_score=0, min_relative=0))
    kept = dict(propositions_about(labels, question))
    # both supply propositions match loosely ("missiles") and under the best match's share;
    # only the one naming Halberd, which a kept strike question names, stays
    assert {"supply|recipient=OST|weapon=halberd", "supply|recipient=OST|weapon=lance"} <= set(loose)
    assert set(kept) == {"strike|agent=OST|target=KAZ|weapon=*", "strike|agent=OST|target=KAZ|weapon=halberd",
                         "supply|recipient=OST|weapon=halberd"}
    assert list(kept)[-1] == "supply|recipient=OST|weapon=halberd"  # still after the better matches
