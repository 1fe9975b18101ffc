"""Quotes and speakers, on invented articles (fictional people, countries and outlets).

The seed test at the end reads ../shared/seeds at run time and skips when
it is absent; it checks speakers by entity name, never by quoted text.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from redline.extract.entities import extract_entities
from redline.extract.quotes import extract_quotes, scan_quote_marks
from redline.records import Entity, EntityTable, Mention, Role

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def run(nlp, text: str):
    doc = nlp(text)
    table = extract_entities(doc)
    return doc, table, extract_quotes(doc, table)


def speaker_name(table: EntityTable, q) -> str:
    e = table.get(q.speaker_id)
    return e.name if e else ""


def quote_with(quotes, words: str):
    found = [q for q in quotes if words in q.text]
    assert found, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    return found[0]


def check_offsets(text: str, quotes) -> None:
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
    assert [q.id for q in quotes] == [f"q{i}" for i in range(1, len(quotes) + 1)]


# -- quote marks ---------------------------------------------------------------------
def test_scan_curly_and_straight_marks():
    text = 'He said “we will stay,” and later "we will go."'
    spans = [text[s.start:s.end] for s in scan_quote_marks(text)]
    assert spans == ["we will stay,", "we will go."]


def test_scan_unclosed_quote_runs_to_paragraph_end():
    text = "“The first part runs on without a close mark.\n“The second part closes,” she said."
    spans = scan_quote_marks(text)
    assert [text[s.start:s.end] for s in spans] == [
        "The first part runs on without a close mark.", "The second part closes,"]
    assert spans[0].close is None and spans[1].close is not None


def test_scan_misdirected_and_stray_marks():
    text = "”Backwards marks still open,” he said. A stray ” closes nothing."
    spans = [text[s.start:s.end] for s in scan_quote_marks(text)]
    assert spans == ["Backwards marks still open,"]


def test_scan_never_fails_on_random_marks():
    rng = random.Random(7)
    alphabet = ['"', "“", "”", "«", "»", "\n", " ", "a", ",", "."]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for s in scan_quote_marks(text):
            assert 0 <= s.start < s.end <= len(text)


def test_extract_tolerates_unbalanced_marks(nlp):
    text = ("Minister Ivo Kern spoke at length.\n\n“We will not cut the grain quota this year\n\n"
            "“Nor will we raise it,” Kern said. A stray ” mark and an open “ mark end here")
    doc, table, quotes = run(nlp, text)
    check_offsets(text, quotes)
    assert any("grain quota" in q.text for q in quotes)
    assert "Kern" in speaker_name(table, quote_with(quotes, "Nor will we raise it"))


@pytest.mark.parametrize("text", [
    "“", "”", '"', "“”", "“ ”", '"""', "“A “B “C", "” ” ”", "said: “", "“Tomas said,” said",
    "“He said it,” he said, “and\n\n“then,” she said.\n", "— Ivo Kern", "KERN:", "KERN: ",
    "According to", "According to Ivo Kern", "“" + "long words " * 400 + "” said Helga Sorensen.",
])
def test_odd_inputs_never_crash(nlp, text):
    doc, table, quotes = run(nlp, text)
    check_offsets(text, quotes)


def test_empty_and_quote_free_text(nlp):
    assert run(nlp, "")[2] == []
    assert run(nlp, "The river rose two meters overnight in the Borvian capital.")[2] == []


# -- direct quotes and cues --------------------------------------------------------------
def test_multi_sentence_quote_with_pronoun_cue(nlp):
    text = ("Borvian President Tomas Brenner spoke in Vellin on Monday.\n"
            "“The border will stay open. Our farmers need the trade,” he said.")
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "The border will stay open. Our farmers need the trade")
    assert q.direct and q.cue == "said" and q.speaker_text == "he" and q.how == "pronoun"
    assert "Brenner" in speaker_name(table, q)
    check_offsets(text, quotes)


def test_quote_split_around_cue(nlp):
    text = ("Estmark's chief negotiator Helga Sorensen left the talks early.\n"
            "“We came here in good faith,” Sorensen said. “We leave with nothing.”")
    doc, table, quotes = run(nlp, text)
    first = quote_with(quotes, "We came here in good faith")
    second = quote_with(quotes, "We leave with nothing")
    assert first is not second
    assert "Sorensen" in speaker_name(table, first)
    assert second.speaker_id == first.speaker_id and second.how == "floating"


def test_inverted_cue_names_speaker(nlp):
    text = "“The harvest is the worst in a decade,” said Marta Velasquez, head of the Borvian farmers' union."
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "The harvest is the worst in a decade")
    assert q.cue == "said" and "Velasquez" in speaker_name(table, q)
    assert q.speaker_text.startswith("Marta Velasquez")


def test_apposition_speaker(nlp):
    text = ("“Estmark has crossed every line it drew for itself,” Ivo Kern, the Borvian foreign minister, "
            "told reporters.")
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "Estmark has crossed every line")
    assert q.cue == "told" and q.how == "apposition"
    assert "Kern" in speaker_name(table, q)
    assert q.speaker_text.startswith("Ivo Kern") and "foreign minister" in q.speaker_text


def test_cue_before_quote_with_colon(nlp):
    text = "Foreign Minister Ivo Kern said on Tuesday: “No convoy will pass until the fees are paid.”"
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "No convoy will pass")
    assert q.direct and q.cue == "said" and "Kern" in speaker_name(table, q)


def test_mixed_quote(nlp):
    text = ("The army's new drone fleet “is plainly the main reason for the new border policy,” said Anna Lindqvist, "
            "a defense expert at the Estmark Institute, a think tank in Vellin.")
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "is plainly the main reason for the new border policy")
    assert q.direct and q.cue == "said"
    assert "Lindqvist" in speaker_name(table, q)


def test_scare_quotes_are_not_quotes(nlp):
    text = "Borvia called the new customs post a “red line” and closed the road."
    assert not [q for q in run(nlp, text)[2] if q.direct]


def test_floating_paragraph_takes_previous_speaker(nlp):
    text = ("“Our reserves will last the winter,” said Helga Sorensen, the Estmark energy minister.\n"
            "“Nobody in this country will be cold.”\n"
            "Prices for heating oil rose again on Friday.")
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "Nobody in this country will be cold")
    assert q.how == "floating" and "Sorensen" in speaker_name(table, q)


def test_transcript_label(nlp):
    text = "The interview was broadcast on Sunday.\nBRENNER: We will not sign anything this week."
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "We will not sign anything this week")
    assert q.direct and q.speaker_text == "BRENNER" and not q.text.startswith("BRENNER")


# -- indirect speech ---------------------------------------------------------------------
def test_indirect_said(nlp):
    text = "On Friday, Tomas Brenner said the Borvian army would continue to adapt its plans."
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "the Borvian army would continue to adapt its plans")
    assert not q.direct and q.cue == "said" and q.how == "named"
    assert "Brenner" in speaker_name(table, q)


def test_indirect_charged_that(nlp):
    text = "On Sunday, Foreign Minister Ivo Kern charged that Estmark had moved heavy artillery to the river."
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "Estmark had moved heavy artillery")
    assert not q.direct and q.cue == "charged"
    assert q.text == "that Estmark had moved heavy artillery to the river"
    assert "Kern" in speaker_name(table, q)


def test_according_to(nlp):
    text = "According to Marta Velasquez, the grain stores in Vellin are nearly empty."
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "the grain stores in Vellin are nearly empty")
    assert q.cue == "According to" and "Velasquez" in speaker_name(table, q)


def test_cue_inside_a_quote_is_not_a_separate_quote(nlp):
    text = "“We think the ceasefire will hold through spring,” said Helga Sorensen."
    doc, table, quotes = run(nlp, text)
    assert len(quotes) == 1 and quotes[0].direct


def test_passive_hearer_is_not_the_speaker(nlp):
    text = "Tomas Brenner was told that the convoy had been stopped at the border."
    doc, table, quotes = run(nlp, text)
    q = quote_with(quotes, "the convoy had been stopped")
    assert q.speaker_id is None


# -- pronouns and roles, over hand-built entity tables ---------------------------------------------
def table_for(text: str, people: dict[str, tuple[str, str | None, list[Role]]]) -> EntityTable:
    """Entities named in ``people`` (name -> (surface form regex, gender, roles)), every mention found."""
    entities, mentions = [], []
    for n, (name, (pattern, gender, roles)) in enumerate(people.items(), 1):
        e = Entity(id=f"e{n}", name=name, type="PERSON", gender=gender, roles=roles)
        entities.append(e)
        for m in re.finditer(pattern, text):
            mentions.append(Mention(e.id, m.start(), m.end(), m.group()))
    return EntityTable(entities, mentions)


def test_pronoun_skips_person_of_other_gender(nlp):
    text = ("Helga Sorensen met Tomas Brenner in Vellin on Monday.\n"
            "“The pipeline deal is finished,” she said.")
    doc = nlp(text)
    table = table_for(text, {"Helga Sorensen": (r"Helga Sorensen", "f", []),
                             "Tomas Brenner": (r"Tomas Brenner", "m", [])})
    q = quote_with(extract_quotes(doc, table), "The pipeline deal is finished")
    assert q.how == "pronoun" and q.speaker_text == "she" and q.speaker_id == "e1"


def test_pronoun_history_gives_gender(nlp):
    # No gender on the entities: "his" after Brenner and "she" resolved to Sorensen tell them apart.
    text = ("Tomas Brenner flew home after his speech in Vellin.\n"
            "Helga Sorensen stayed behind.\n"
            "“The talks will resume in May,” she said.\n"
            "Brenner and Sorensen will meet again soon.\n"
            "“Nothing has been agreed yet,” she said.")
    doc = nlp(text)
    table = table_for(text, {"Tomas Brenner": (r"(Tomas )?Brenner", None, []),
                             "Helga Sorensen": (r"(Helga )?Sorensen", None, [])})
    quotes = extract_quotes(doc, table)
    assert quote_with(quotes, "The talks will resume").speaker_id == "e2"
    # The nearest person before the second "she" is Sorensen again; Brenner is "m" by his "his".
    assert quote_with(quotes, "Nothing has been agreed yet").speaker_id == "e2"


def test_role_only_speaker(nlp):
    text = ("Borvia's foreign minister, Ivo Kern, arrived in Vellin on Monday.\n"
            "The foreign minister said the embassy would reopen next month.")
    doc = nlp(text)
    table = table_for(text, {"Ivo Kern": (r"Ivo Kern", "m", [Role(title="foreign minister", country="BRV")])})
    q = quote_with(extract_quotes(doc, table), "the embassy would reopen next month")
    assert q.how == "role" and q.speaker_id == "e1" and q.speaker_text == "The foreign minister"


def test_role_only_speaker_without_holder_stays_unresolved(nlp):
    text = "The foreign minister said the embassy would reopen next month."
    doc = nlp(text)
    q = quote_with(extract_quotes(doc, EntityTable([], [])), "the embassy would reopen")
    assert q.speaker_id is None and q.speaker_text == "The foreign minister" and q.how == "nominal"


# -- the seeds (read at run time; skipped when ../shared is absent) -----------------------------------
def seed_quotes(nlp, prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    start = text.find("(CN)")  # seed 000 has page chrome above its dateline
    text = text[start:] if start >= 0 else text
    doc = nlp(text)
    table = extract_entities(doc)
    quotes = extract_quotes(doc, table)
    check_offsets(text, quotes)
    return text, table, quotes


def direct_by_speaker(table, quotes) -> dict[str, list]:
    out: dict[str, list] = {}
    for q in quotes:
        if q.direct:
            out.setdefault(speaker_name(table, q), []).append(q)
    return out


def assert_every_quoted_utterance_found(text: str, quotes) -> None:
    for s in scan_quote_marks(text):
        if len(re.findall(r"\w+", text[s.start:s.end])) >= 4:
            assert any(q.direct and q.start <= s.start and s.end <= q.end for q in quotes), text[s.start:s.end][:30]


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seed_000_direct_quotes(nlp):
    text, table, quotes = seed_quotes(nlp, "000")
    assert_every_quoted_utterance_found(text, quotes)
    by = direct_by_speaker(table, quotes)
    assert sum(len(v) for v in by.values()) == 6 and "" not in by
    putin = next(v for k, v in by.items() if "Putin" in k)
    assert [q.how for q in putin] == ["pronoun", "floating"]  # the second floats after "he said"
    assert len(next(v for k, v in by.items() if "Blinken" in k)) == 2
    assert len(next(v for k, v in by.items() if "Macron" in k)) == 2


@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent")
def test_seed_001_direct_quotes(nlp):
    text, table, quotes = seed_quotes(nlp, "001")
    assert_every_quoted_utterance_found(text, quotes)
    by = direct_by_speaker(table, quotes)
    assert "" not in by
    assert len(next(v for k, v in by.items() if "Peskov" in k)) == 2
    zel = next(v for k, v in by.items() if "Zelenskyy" in k)
    assert len(zel) == 2 and any(q.speaker_text == "he" and q.cue == "said" for q in zel)
    mikh = next(v for k, v in by.items() if "Mikhelidze" in k)
    assert len(mikh) == 7
    assert sum(q.speaker_text.lower() == "she" for q in mikh) >= 2
    # Her indirect quotes introduced by "she said" resolve to her too.
    she = [q for q in quotes if not q.direct and (q.speaker_text or "").lower() == "she"]
    assert she and all("Mikhelidze" in speaker_name(table, q) for q in she)
