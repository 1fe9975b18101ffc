"""Integration: ingest ../shared/seeds (skipped when absent) and check the foundation's promises."""
from __future__ import annotations

import pytest

from redline.ingest import run_ingest

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    from conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    first = run_ingest([str(SEEDS)], db=db, analyze=False)
    second = run_ingest([str(SEEDS)], db=db, analyze=False)
    from redline.store import open_store

    store = open_store(db)
    arts = {a["name"].rsplit("/", 1)[-1][:3]: store.get_article(a["id"]) for a in store.list_articles()}
    yield first, second, arts
    store.close()


def test_both_seeds_ingest_cleanly(seeded):
    first, _, arts = seeded
    assert first.counts == {"ingested": 2, "revised": 0, "unchanged": 0, "failed": 0}
    assert set(arts) == {"000", "001"}


def test_chrome_is_gone_and_body_is_verbatim(seeded):
    from conftest import SEEDS

    _, _, arts = seeded
    text = arts["000"]["text"]
    assert text.startswith("(CN) —")
    for chrome in ("Terms of Use", "Back issues", "Loading...", "Follow @", "Categories /", "Subscribe to",
                   "Sign up for new weekly newsletter"):
        assert chrome not in text, chrome
    assert text.rstrip().endswith("is based in the European Union.")  # the last paragraph is kept
    # Verbatim: the body is one contiguous stretch of the original file, same characters and breaks.
    raw = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    assert text in raw
    assert text.count("\n\n") >= 20


def test_second_seed_has_no_chrome_and_is_unchanged(seeded):
    from conftest import SEEDS

    _, _, arts = seeded
    raw = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    assert arts["001"]["text"] == raw.strip()


def test_metadata(seeded):
    _, _, arts = seeded
    for key, date in (("000", "2024-05-31"), ("001", "2024-11-18")):
        a = arts[key]
        assert a["byline"] == "Cain Burdeau"
        assert (a["published"], a["published_source"], a["published_confidence"]) == (date, "sidecar", 1.0)
        assert a["source"] == "Courthouse News Service"
        assert a["dateline"] == "(CN)"
    assert arts["000"]["title"].startswith("In new escalation")
    assert arts["000"]["categories"] == ["International", "Politics"]


def test_second_ingest_is_a_noop(seeded):
    _, second, _ = seeded
    assert second.counts == {"ingested": 0, "revised": 0, "unchanged": 2, "failed": 0}
