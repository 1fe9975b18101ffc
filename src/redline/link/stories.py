"""Developing stories: incremental grouping of articles across the store.

A new article is compared only with a bounded set of candidate stories, so the
cost per article stays flat as the store grows:

1. its terms are weighted by TF-IDF, with document frequencies kept
   incrementally (stop words dropped, terms in more than half of the
   documents ignored) and only its ``top_terms`` strongest terms kept;
2. candidates come from an inverted index from term or entity key to the
   stories that used it most recently; each posting list is capped
   (``posting_cap``), so a ubiquitous term costs no more than a rare one;
3. each candidate story (at most ``max_candidates``, all active within
   ``window_days``) is scored on the cosine with the centroid of its most
   recent articles and with its latest article (a developing story drifts,
   so its latest reporting matters most; scoring one article rather than the
   best of several keeps the cost of a candidate the same for a young story
   and a long one), plus the share of the article's entity weight that the
   story shares (rare entities weigh more);
4. the required score rises with the gap in days since the story's nearest
   article, so a story stays alive for months when the match is strong.

The article joins the best story at or above the threshold, or starts one.
Story ids never change once given, so the store can keep them in
``articles.story_id``; ``state()``/``from_state()`` persist the index.
"""
from __future__ import annotations

import heapq
import math
from collections import Counter, OrderedDict, deque
from dataclasses import asdict, dataclass
from typing import Any, Iterable

from .tokens import day_number, iso_day, term_counts

STATE_VERSION = 1


@dataclass(frozen=True)
class StorySettings:
    top_terms: int = 40  # terms kept per article vector
    query_terms: int = 15  # strongest terms used to find candidates
    index_terms: int = 20  # terms under which a story is posted when an article joins it
    query_entities: int = 10  # rarest entity keys used to find candidates
    posting_cap: int = 64  # stories kept per posting list, most recent first
    max_candidates: int = 24  # stories scored per article
    recent: int = 6  # articles in a story's centroid
    centroid_terms: int = 120
    window_days: int = 270  # longest silence a story survives
    threshold: float = 0.24  # score to join a story at no time gap (tuned on PolNeAR + seeds, see bench_stories)
    gap_penalty: float = 0.10  # added to the threshold at a gap of window_days
    entity_weight: float = 0.3  # share of the score from shared entities
    entity_damping: float = 2.0  # entity mass an article needs before entity overlap counts fully
    min_text: float = 0.12  # entity overlap alone never joins a story
    max_df: float = 0.5  # terms in more than this share of documents carry no weight...
    max_df_after: int = 50  # ...once there are this many documents
    prior_docs: int = 20  # pseudo-documents sharing no term, so a young index does not treat its few terms as common


class _Story:
    __slots__ = ("id", "title", "article_ids", "first", "last", "recent", "centroid", "cnorm", "entities", "terms")

    def __init__(self, sid: int, title: str | None):
        self.id = sid
        self.title = title
        self.article_ids: list[int] = []
        self.first: int | None = None
        self.last: int | None = None
        # (article_id, normalized vector, entity keys) of the latest articles
        self.recent: deque[tuple[int, dict[str, float], tuple[str, ...]]] = deque()
        self.centroid: dict[str, float] = {}
        self.cnorm = 1.0
        self.entities: Counter = Counter()
        self.terms: Counter = Counter()  # running term weights, for a title from top terms

    def gap(self, day: int | None) -> int:
        """Days between ``day`` and the nearest end of the story's date span (0 inside it)."""
        if day is None or self.first is None:
            return 0
        if day < self.first:
            return self.first - day
        return max(0, day - self.last)


class StoryIndex:
    """Assigns each new article to a developing story; see the module docstring."""

    def __init__(self, settings: StorySettings | None = None):
        self.settings = settings or StorySettings()
        self.n_docs = 0
        self.df: Counter = Counter()
        self.edf: Counter = Counter()  # document frequency of entity keys
        self._stories: dict[int, _Story] = {}
        self._postings: dict[str, OrderedDict[int, None]] = {}
        self._story_of: dict[int, int] = {}  # article id -> story id, so a repeated add is a no-op
        self._next_id = 1

    def __len__(self) -> int:
        return len(self._stories)

    # -- weights ------------------------------------------------------------
    def _vector(self, counts: Counter) -> dict[str, float]:
        """The article's strongest ``top_terms`` terms, sublinear TF times smoothed IDF, L2-normalized."""
        s, df, log = self.settings, self.df, math.log
        # A term in most documents says nothing about which story: no weight.
        cap = s.max_df * self.n_docs if self.n_docs >= s.max_df_after else math.inf
        n = self.n_docs + s.prior_docs + 1
        weights = [((1.0 + log(c)) * (log(n / (d + 1)) + 1.0), t)
                   for t, c in counts.items() if (d := df.get(t, 0)) <= cap]
        top = heapq.nlargest(s.top_terms, weights)
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        return {t: w / norm for w, t in top}

    def _eidf(self, key: str) -> float:
        # BM25's idf: near zero for a key in nearly every article ("USA" in a
        # US-politics corpus), high for a rare one (a named weapon system).
        df = self.edf.get(key, 0)
        return math.log(1.0 + (self.n_docs + self.settings.prior_docs - df + 0.5) / (df + 0.5))

    # -- public API ---------------------------------------------------------
    def add(self, article_id: int, text: str, published: str | None, entity_keys: Iterable[str],
            title: str | None = None) -> int:
        """Place one article; return the id of the story it joined or started.

        Adding an article id that is already placed returns its story and
        changes nothing, so an interrupted ingest can simply be re-run.
        """
        if article_id in self._story_of:
            return self._story_of[article_id]
        counts = term_counts(text, title)
        keys = tuple(sorted(set(entity_keys)))
        self.n_docs += 1
        self.df.update(counts.keys())
        self.edf.update(keys)
        vec = self._vector(counts)
        day = day_number(published)
        best, best_score = None, 0.0
        eidf = {k: self._eidf(k) for k in keys}
        for story in self._candidates(vec, eidf, day):
            score = self._score(story, vec, eidf) - self._penalty(story.gap(day))
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < self.settings.threshold:
            best = _Story(self._next_id, title)
            self._stories[best.id] = best
            self._next_id += 1
        self._join(best, article_id, vec, keys, day, title)
        return best.id

    def stories(self) -> list[dict[str, Any]]:
        """Every story as a data-contract record: {id, title, article_ids, first_date, last_date}."""
        return [self._record(s) for s in self._stories.values()]

    def story_of(self, article_id: int) -> int | None:
        return self._story_of.get(article_id)

    def story(self, story_id: int) -> dict[str, Any] | None:
        s = self._stories.get(story_id)
        return self._record(s) if s else None

    # -- candidates and scores ---------------------------------------------
    def _candidates(self, vec: dict[str, float], eidf: dict[str, float], day: int | None) -> list[_Story]:
        s = self.settings
        hits: dict[int, float] = {}
        for term in list(vec)[: s.query_terms]:
            for sid in self._postings.get("t:" + term, ()):
                hits[sid] = hits.get(sid, 0.0) + vec[term]
        rare = sorted(eidf, key=eidf.__getitem__, reverse=True)[: s.query_entities]
        for key in rare:
            for sid in self._postings.get("e:" + key, ()):
                hits[sid] = hits.get(sid, 0.0) + 0.1
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))
        out = []
        for sid, _ in ranked:
            story = self._stories[sid]
            if story.gap(day) <= s.window_days:
                out.append(story)
                if len(out) == s.max_candidates:
                    break
        return out

    def _score(self, story: _Story, vec: dict[str, float], eidf: dict[str, float]) -> float:
        s = self.settings
        c = _dot(vec, story.centroid) / story.cnorm
        m = _dot(vec, story.recent[-1][1])
        text = 0.5 * (c + m)
        if text < s.min_text:
            return 0.0
        if not eidf:
            return text  # no entities known: the text decides alone
        mass = sum(eidf.values())
        shared = sum(eidf[k] for k in eidf.keys() & story.entities.keys())
        ent = shared / (mass + s.entity_damping)
        return (1.0 - s.entity_weight) * text + s.entity_weight * ent

    def _penalty(self, gap: int) -> float:
        s = self.settings
        return s.gap_penalty * min(gap, s.window_days) / s.window_days

    # -- update --------------------------------------------------------------
    def _join(self, story: _Story, article_id: int, vec: dict[str, float], keys: tuple[str, ...],
              day: int | None, title: str | None) -> None:
        s = self.settings
        story.article_ids.append(article_id)
        self._story_of[article_id] = story.id
        if story.title is None and title:
            story.title = title
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)
        story.recent.append((article_id, vec, keys))
        if len(story.recent) > s.recent:
            story.recent.popleft()
        self._refresh(story)
        for t in list(vec)[: s.index_terms]:
            story.terms[t] += vec[t]
            self._post("t:" + t, story.id)
        if len(story.terms) > 4 * s.index_terms:  # only the top few name the story; keep it small
            story.terms = Counter(dict(story.terms.most_common(2 * s.index_terms)))
        for k in keys:
            self._post("e:" + k, story.id)

    def _refresh(self, story: _Story) -> None:
        """Recompute the centroid and entity profile from the story's recent articles."""
        total: Counter = Counter()
        ents: Counter = Counter()
        for _, v, k in story.recent:
            total.update(v)
            ents.update(k)
        top = total.most_common(self.settings.centroid_terms)
        story.centroid = dict(top)
        story.cnorm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        story.entities = ents

    def _post(self, key: str, sid: int) -> None:
        plist = self._postings.get(key)
        if plist is None:
            plist = self._postings[key] = OrderedDict()
        plist[sid] = None
        plist.move_to_end(sid, last=False)  # most recent first, so a scan stops early
        if len(plist) > self.settings.posting_cap:
            plist.popitem(last=True)

    def _record(self, story: _Story) -> dict[str, Any]:
        title = story.title or " ".join(t for t, _ in story.terms.most_common(5))
        return {"id": story.id, "title": title, "article_ids": list(story.article_ids),
                "first_date": iso_day(story.first), "last_date": iso_day(story.last)}

    # -- persistence ---------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """A JSON-serializable snapshot; ``StoryIndex.from_state`` restores it exactly."""
        return {
            "version": STATE_VERSION,
            "settings": asdict(self.settings),
            "n_docs": self.n_docs,
            "next_id": self._next_id,
            "df": dict(self.df),
            "edf": dict(self.edf),
            "stories": [
                {"id": st.id, "title": st.title, "article_ids": st.article_ids, "first": st.first,
                 "last": st.last, "recent": [[a, v, list(k)] for a, v, k in st.recent],
                 "terms": dict(st.terms)}
                for st in self._stories.values()
            ],
            "postings": {k: list(v) for k, v in self._postings.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> StoryIndex:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {state.get('version')!r}; rebuild it from the articles")
        idx = cls(StorySettings(**state["settings"]))
        idx.n_docs, idx._next_id = state["n_docs"], state["next_id"]
        idx.df, idx.edf = Counter(state["df"]), Counter(state["edf"])
        for d in state["stories"]:
            st = _Story(d["id"], d["title"])
            st.article_ids, st.first, st.last = list(d["article_ids"]), d["first"], d["last"]
            st.recent = deque((a, dict(v), tuple(k)) for a, v, k in d["recent"])
            st.terms = Counter(d["terms"])
            idx._refresh(st)
            idx._stories[st.id] = st
            idx._story_of.update(dict.fromkeys(st.article_ids, st.id))
        idx._postings = {k: OrderedDict.fromkeys(v) for k, v in state["postings"].items()}
        return idx


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # Intersecting the key views runs in C; two articles share few of their top terms.
    return sum(a[t] * b[t] for t in a.keys() & b.keys())
