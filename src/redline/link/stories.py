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
   article, so a story stays alive for months when the match is strong;
5. an article that follows the template of the story's latest article (a
   daily market report, a weather or results roundup: sentences of the same
   words with other figures, see ``_template_terms``) is scored on what the
   template leaves, without shared entities: one agency's daily reports share
   an outlet, a byline and a template, not an event.

A story's title is the headline of its most representative article: the
recent article nearest its centroid, among those that have a headline; a
story none of whose articles has one has no title (never a bag of terms).

The article joins the best story at or above the threshold, or starts one.
Story ids never change once given, so the store can keep them in
``articles.story_id``. The index's state lives in ``link.state.Table``s: in
memory, or paged in from the store (``StoryIndex.paged``), where a new article
reads and writes only the rows it touches (its terms' document frequencies,
the posting lists of its top terms and entities, the spans of the candidate
stories and the profiles of the few it scores). ``state()``/``from_state()``
give a whole snapshot of an index held in memory.
"""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter, OrderedDict, deque
from dataclasses import asdict, dataclass
from typing import Any, Callable, Iterable

from .state import PagedState, Table
from .tokens import day_number, iso_day, term_counts, terms

STATE_VERSION = 2  # 2: recent articles keep their headline and the latest its sentence profile


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
    template_overlap: float = 0.5  # word overlap (Jaccard) of two sentences of one template...
    template_share: float = 0.25  # ...and the share of an article's sentences that must follow the template


# Sentences, cut after a full stop, question or exclamation mark before a
# space; the figures in one, as printed ("7,412", "0.8").
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_FIGURE = re.compile(r"\d[\d,.]*\d|\d")


def _profile(text: str) -> list[tuple[frozenset[str], tuple[str, ...]]]:
    """(content terms, figures) of each sentence with some content: what template matching compares."""
    out = []
    for sentence in _SENTENCE.split(text):
        words = frozenset(terms(sentence))
        if len(words) >= 3:
            out.append((words, tuple(_FIGURE.findall(sentence))))
    return out


def _template_terms(new: list, old: list, s: StorySettings) -> set[str] | None:
    """The terms that only a shared template explains, or None when ``new`` follows no template of ``old``.

    A template sentence says the same words with other figures ("The index
    rose 0.8 percent to 7,412 points" / "fell 0.5 percent to 7,375"): the
    same figures would be the same fact, which two reports of one event share.
    When enough of the article's sentences are template sentences, those and
    the sentences repeated word for word (the agency's sign-off, a fixed
    closing line) are the template; terms found only there do not count.
    """
    if not new or not old:
        return None
    fixed, template = [], []
    for words, figures in new:
        best = max(((len(words & w) / len(words | w), f) for w, f in old), key=lambda x: x[0])
        if best[0] >= 1.0 and figures == best[1]:
            fixed.append(words)
        elif best[0] >= s.template_overlap and figures and best[1] and figures != best[1]:
            template.append(words)
    if len(template) < max(1, s.template_share * len(new)):
        return None
    kept = set().union(*(w for w, _ in new if w not in fixed and w not in template))
    return set().union(*template, *fixed) - kept


class _Story:
    """A story's matching profile: its recent articles, centroid, entities, title and latest sentences."""

    __slots__ = ("id", "title", "size", "recent", "centroid", "cnorm", "entities", "lines")

    def __init__(self, sid: int, title: str | None):
        self.id = sid
        self.title = title  # the headline of its most representative article, or None
        self.size = 0  # articles in the story
        # (article_id, normalized vector, entity keys, headline) of the latest articles
        self.recent: deque[tuple[int, dict[str, float], tuple[str, ...], str | None]] = deque()
        self.centroid: dict[str, float] = {}
        self.cnorm = 1.0
        self.entities: Counter = Counter()
        self.lines: list = []  # _profile of the latest article, for template matching


def _gap(span: list | None, day: int | None) -> int:
    """Days between ``day`` and the nearest end of a story's [first, last] day span (0 inside it)."""
    if day is None or not span or span[0] is None:
        return 0
    first, last = span
    if day < first:
        return first - day
    return max(0, day - last)


class StoryIndex(PagedState):
    """Assigns each new article to a developing story; see the module docstring."""

    def __init__(self, settings: StorySettings | None = None):
        self.settings = settings or StorySettings()
        self.n_docs = 0
        self._next_id = 1
        self.df = Table()  # term -> documents containing it
        self.edf = Table()  # entity key -> documents naming it
        self._spans = Table()  # story id -> [first day, last day]
        self._stories = Table()  # story id -> _Story
        self._postings = Table()  # "t:term" / "e:key" -> OrderedDict of story ids, most recent first
        self._story_of = Table()  # article id -> story id, so a repeated add is a no-op

    def __len__(self) -> int:
        return self._next_id - 1

    # -- weights ------------------------------------------------------------
    def _vector(self, counts: Counter) -> dict[str, float]:
        """The article's strongest ``top_terms`` terms, sublinear TF times smoothed IDF, L2-normalized."""
        s, df, log = self.settings, self.df, math.log
        df.prefetch(counts)
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
        known = self._story_of.get(article_id)
        if known is not None:
            return known
        counts = term_counts(text, title)
        keys = tuple(sorted(set(entity_keys)))
        self.n_docs += 1
        self.df.prefetch(counts)
        for t in counts:
            self.df.add(t)
        self.edf.prefetch(keys)
        for k in keys:
            self.edf.add(k)
        vec = self._vector(counts)
        day = day_number(published)
        best, best_score = None, 0.0
        eidf = {k: self._eidf(k) for k in keys}
        lines = _profile(text)
        for story in self._candidates(vec, eidf, day):
            penalty = self._penalty(_gap(self._spans.get(story.id), day))
            score = self._score(story, vec, eidf) - penalty
            if score >= self.settings.threshold and (common := _template_terms(lines, story.lines, self.settings)):
                # A joining match that a template explains is scored again on the rest.
                rest = {t: w for t, w in vec.items() if t not in common}
                score = self._score(story, rest, {}) - penalty
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < self.settings.threshold:
            best = _Story(self._next_id, title)
            self._stories[best.id] = best
            self._spans[best.id] = [None, None]
            self._next_id += 1
        best.lines = lines  # the latest article's sentences: what the next one's template is checked against
        self._join(best, article_id, vec, keys, day, title)
        return best.id

    def story_of(self, article_id: int) -> int | None:
        return self._story_of.get(article_id)

    def summary(self, story_id: int) -> dict[str, Any] | None:
        """{id, title, size, first_date, last_date} of a story, in memory or paged."""
        story = self._stories.get(story_id)
        if story is None:
            return None
        first, last = self._spans.get(story_id) or (None, None)
        return {"id": story.id, "title": story.title, "size": story.size, "first_date": iso_day(first),
                "last_date": iso_day(last)}

    def stories(self) -> list[dict[str, Any]]:
        """Every story as a data-contract record: {id, title, article_ids, first_date, last_date}.

        Only for an index held in memory; a paged one lists its stories from the store.
        """
        members: dict[int, list[int]] = {}
        for aid, sid in self._story_of.items():
            members.setdefault(sid, []).append(aid)
        return [self._record(sid, members.get(sid, [])) for sid, _ in self._stories.items()]

    def story(self, story_id: int) -> dict[str, Any] | None:
        """One story's data-contract record (an index held in memory)."""
        if story_id not in self._stories:
            return None
        return self._record(story_id, [a for a, s in self._story_of.items() if s == story_id])

    def _record(self, sid: int, article_ids: list[int]) -> dict[str, Any]:
        d = self.summary(sid)
        return {"id": d["id"], "title": d["title"], "article_ids": article_ids,
                "first_date": d["first_date"], "last_date": d["last_date"]}

    # -- candidates and scores ---------------------------------------------
    def _candidates(self, vec: dict[str, float], eidf: dict[str, float], day: int | None) -> list[_Story]:
        s = self.settings
        terms = ["t:" + t for t in list(vec)[: s.query_terms]]
        rare = ["e:" + k for k in sorted(eidf, key=eidf.__getitem__, reverse=True)[: s.query_entities]]
        self._postings.prefetch(terms + rare)
        hits: dict[int, float] = {}
        for key in terms:
            w = vec[key[2:]]
            for sid in self._postings.get(key, ()):
                hits[sid] = hits.get(sid, 0.0) + w
        for key in rare:
            for sid in self._postings.get(key, ()):
                hits[sid] = hits.get(sid, 0.0) + 0.1
        ranked = [sid for sid, _ in sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))]
        chosen: list[int] = []
        # Spans are read a page at a time, so a paged index loads only the stories it needs.
        step = 2 * s.max_candidates
        for i in range(0, len(ranked), step):
            page = ranked[i : i + step]
            self._spans.prefetch(page)
            chosen += [sid for sid in page if _gap(self._spans.get(sid), day) <= s.window_days]
            if len(chosen) >= s.max_candidates:
                break
        chosen = chosen[: s.max_candidates]
        self._stories.prefetch(chosen)
        return [self._stories[sid] for sid in chosen]

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
        shared = math.fsum(eidf[k] for k in eidf.keys() & story.entities.keys())  # order-free, as _dot
        ent = shared / (mass + s.entity_damping)
        return (1.0 - s.entity_weight) * text + s.entity_weight * ent

    def _penalty(self, gap: int) -> float:
        s = self.settings
        return s.gap_penalty * min(gap, s.window_days) / s.window_days

    # -- update --------------------------------------------------------------
    def _join(self, story: _Story, article_id: int, vec: dict[str, float], keys: tuple[str, ...],
              day: int | None, title: str | None) -> None:
        s = self.settings
        story.size += 1
        self._story_of[article_id] = story.id
        if day is not None:
            first, last = self._spans.get(story.id) or (None, None)
            self._spans[story.id] = [day if first is None else min(first, day), day if last is None else max(last, day)]
        story.recent.append((article_id, vec, keys, title or None))
        if len(story.recent) > s.recent:
            story.recent.popleft()
        self._refresh(story)
        # The most representative headline: the recent article nearest the
        # centroid. An older title stays when no recent article has one.
        titled = [(_dot(v, story.centroid), -a, t) for a, v, _, t in story.recent if t]
        if titled:
            story.title = max(titled)[2]
        index_terms = list(vec)[: s.index_terms]
        self._postings.prefetch(["t:" + t for t in index_terms] + ["e:" + k for k in keys])
        for t in index_terms:
            self._post("t:" + t, story.id)
        for k in keys:
            self._post("e:" + k, story.id)
        self._stories.touch(story.id)

    def _refresh(self, story: _Story) -> None:
        """Recompute the centroid and entity profile from the story's recent articles."""
        total: Counter = Counter()
        ents: Counter = Counter()
        for _, v, k, _ in story.recent:
            total.update(v)
            ents.update(k)
        top = total.most_common(self.settings.centroid_terms)
        story.centroid = dict(top)
        story.cnorm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        story.entities = ents

    def _post(self, key: str, sid: int) -> None:
        plist = self._postings.get(key)
        if plist is None:
            plist = OrderedDict()
        plist[sid] = None
        plist.move_to_end(sid, last=False)  # most recent first, so a scan stops early
        if len(plist) > self.settings.posting_cap:
            plist.popitem(last=True)
        self._postings[key] = plist

    # -- persistence ---------------------------------------------------------
    def header(self) -> dict[str, Any]:
        """The scalars of the state: what a paged index keeps outside its tables."""
        return {"version": STATE_VERSION, "settings": asdict(self.settings), "n_docs": self.n_docs,
                "next_id": self._next_id}

    _TABLES = {"df": "df", "edf": "edf", "spans": "_spans", "stories": "_stories", "postings": "_postings",
               "story_of": "_story_of"}

    def encode(self, table: str, key: Any, value: Any) -> tuple[str, Any]:
        """A table entry as (text key, JSON value) for storage."""
        if table == "stories":
            value = {"title": value.title, "size": value.size, "lines": _encode_lines(value.lines),
                     "recent": [[a, v, list(k), t] for a, v, k, t in value.recent]}
        elif table == "postings":
            value = list(value)
        return str(key), value

    def decode(self, table: str, key: str, value: Any) -> tuple[Any, Any]:
        """The inverse of ``encode``."""
        if table in ("spans", "stories", "story_of"):
            key = int(key)
        if table == "stories":
            st = _Story(key, value["title"])
            st.size, st.lines = value["size"], _decode_lines(value["lines"])
            st.recent = deque((a, dict(v), tuple(k), t) for a, v, k, t in value["recent"])
            self._refresh(st)
            value = st
        elif table == "postings":
            value = OrderedDict.fromkeys(value)
        return key, value

    @classmethod
    def paged(cls, header: dict[str, Any], loader: Callable[[str, list[str]], dict[str, Any]]) -> StoryIndex:
        """An index whose tables are read from storage on demand.

        ``loader(table, text_keys)`` returns {text key: JSON value} for the keys it has.
        """
        if header.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {header.get('version')!r}; rebuild it from the articles")
        idx = cls(StorySettings(**header["settings"]))
        idx.n_docs, idx._next_id = header["n_docs"], header["next_id"]
        idx._page_tables(loader)
        return idx

    def state(self) -> dict[str, Any]:
        """A JSON-serializable snapshot of an index held in memory; ``from_state`` restores it exactly."""
        return {
            **self.header(),
            "df": dict(self.df.items()),
            "edf": dict(self.edf.items()),
            "stories": [
                {"id": sid, "title": st.title, "article_ids": rec["article_ids"],
                 "first": (self._spans.get(sid) or [None])[0], "last": (self._spans.get(sid) or [None, None])[1],
                 "recent": [[a, v, list(k), t] for a, v, k, t in st.recent], "lines": _encode_lines(st.lines)}
                for (sid, st), rec in zip(self._stories.items(), self.stories())
            ],
            "postings": {k: list(v) for k, v in self._postings.items()},
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> StoryIndex:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {state.get('version')!r}; rebuild it from the articles")
        idx = cls(StorySettings(**state["settings"]))
        idx.n_docs, idx._next_id = state["n_docs"], state["next_id"]
        idx.df, idx.edf = Table(state["df"]), Table(state["edf"])
        for d in state["stories"]:
            st = _Story(d["id"], d["title"])
            st.size = len(d["article_ids"])
            st.recent = deque((a, dict(v), tuple(k), t) for a, v, k, t in d["recent"])
            st.lines = _decode_lines(d["lines"])
            idx._refresh(st)
            idx._stories[st.id] = st
            idx._spans[st.id] = [d["first"], d["last"]]
            for aid in d["article_ids"]:
                idx._story_of[aid] = st.id
        idx._postings = Table({k: OrderedDict.fromkeys(v) for k, v in state["postings"].items()})
        for table in idx.tables().values():
            table.clean()
        return idx


def _encode_lines(lines: list) -> list:
    return [[sorted(w), list(f)] for w, f in lines]


def _decode_lines(rows: list) -> list:
    return [(frozenset(w), tuple(f)) for w, f in rows]


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    # Intersecting the key views runs in C; two articles share few of their top terms. The
    # set's order changes with the process's hash seed, so the sum is math.fsum, whose result
    # does not depend on the order: the same articles make the same stories in every run.
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())
