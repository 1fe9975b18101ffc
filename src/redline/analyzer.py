"""analyze: parse clean text with spaCy and run the extraction stages.

The stages (see ``redline.extract``) are spaCy components that read the
parsed ``Doc`` and what earlier stages wrote on it (``Doc._`` extensions);
none parses again. ``Analyzer.pipe`` streams a corpus through ``nlp.pipe``
(the model's pipes) in batches, optionally over several processes; the stages
then run on each text's Doc, and ``doc_analysis`` turns the Doc into records.

Failure is per text. A text that cannot be parsed or analysed yields an
``AnalysisError`` (naming the step that failed) in place of its analysis, and
the stream goes on: a spaCy component that raises drops its whole batch, so
the texts of that batch are parsed again one by one, and only the guilty one
fails. A text longer than ``chunk_chars`` is parsed in pieces cut at
paragraph breaks and joined back into one Doc, so every offset still indexes
the whole text; the stages see that joined Doc, at most ``section_chars`` of
text at a time (a longer text is analysed section by section).
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from .config import Settings
from .errors import AnalysisError, AnalyzeError
from .extract.component import PUBLISHED
from .extract.entities.component import ENTITIES
from .extract.events.component import EVENTS
from .extract.positions.component import POSITIONS
from .extract.quotes.component import QUOTES
from .extract.times.component import TIMES
from .nlp import build_pipeline, doc_text, stages
from .records import Analysis, EntityTable

_SURROGATE = re.compile("[\ud800-\udfff]")
_ISOLATE = "redline.isolate"  # Doc.user_data flag: a failing component records, not raises
_FAILED = "redline.error"  # Doc.user_data: (component name, exception) that dropped the doc

# Where a long text may be cut, best first: a paragraph break, a line break,
# the end of a sentence, any space. A piece always ends just after its cut.
_CUTS = ("\n\n", "\n", ". ", " ")


def pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces covering ``text`` exactly, each at most ``limit`` characters."""
    out: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        end = start + limit
        cut = -1
        for sep in _CUTS:
            # Only the later half of the window: a cut near its start would make tiny pieces.
            k = text.rfind(sep, start + limit // 2, end - len(sep) + 1)
            if k != -1:
                cut = k + len(sep)
                break
        if cut == -1:
            cut = end  # no space at all in half a window: cut where the limit falls
        out.append((start, cut))
        start = cut
    out.append((start, n))
    return out


def _record_failure(proc_name: str, proc: Any, docs: list, err: Exception) -> None:
    """spaCy error handler: remember why a batch was dropped on docs that ask for it; raise otherwise."""
    if docs and all(d.user_data.get(_ISOLATE) for d in docs):
        for d in docs:
            d.user_data[_FAILED] = (proc_name, err)
        return
    raise err


def _isolate_components(nlp) -> None:
    """Install ``_record_failure`` wherever spaCy lets us. Cython components
    without an instance dict (the parser, the entity recogniser) cannot take
    one and always raise; ``Analyzer.pipe`` recovers from that by restarting."""
    nlp.default_error_handler = _record_failure
    for _name, proc in nlp.pipeline:
        try:
            proc.set_error_handler(_record_failure)
        except AttributeError:
            pass


@dataclass
class _Pending:
    idx: int
    text: str
    published: str | None
    ctx: Any
    made: list = field(default_factory=list)  # the Docs sent, one per piece, to read a drop's reason from
    parts: list = field(default_factory=list)  # each piece parsed: None until it comes back, _DONE once analysed
    sections: list = field(default_factory=list)  # (first piece, end piece, offset) of each section
    analysed: list = field(default_factory=list)  # (offset, Analysis) of each section analysed so far
    error: AnalysisError | None = None


_DONE = object()


class Analyzer:
    # The most text the extraction stages see as one Doc. A longer text (a
    # pathological one: a news article is a few thousand characters) is
    # analysed section by section, and the sections' records are put together
    # (records.Analysis.concat), so that memory stays bounded whatever the
    # length: peak RSS 0.65 GB for 264k characters, 0.76 GB for 1.06M, in
    # 100k sections. Only links between sections (a speaker named in one,
    # quoted in the next) are lost.
    SECTION_CHARS = 200_000

    def __init__(self, model: str | None = None, *, chunk_chars: int | None = None,
                 section_chars: int | None = None):
        # The model's pipes, then the stages (components of the entry-point group
        # redline.stages), added disabled: nlp.pipe parses the pieces, and the stages
        # run on each section's joined Doc (analyze_doc).
        self.nlp = build_pipeline(model)
        self.stages = stages(self.nlp)
        self.chunk_chars = chunk_chars or Settings().chunk_chars
        self.section_chars = max(section_chars or self.SECTION_CHARS, self.chunk_chars)
        _isolate_components(self.nlp)

    def analyze_doc(self, doc, published: str | None = None) -> Analysis:
        """The records of one parsed Doc: the stages run on it in order, then ``doc_analysis``.
        An exception in any stage is an AnalysisError naming its step."""
        doc._.set(PUBLISHED, published)
        step = "stages"
        try:
            for step, component in self.stages:
                doc = component(doc)
        except RecursionError as err:
            raise AnalysisError.wrap(step, err) from None
        except Exception as err:
            raise AnalysisError.wrap(step, err) from err
        return doc_analysis(doc)

    def analyze(self, text: str, published: str | None = None) -> Analysis:
        if not isinstance(text, str):
            raise AnalyzeError(f"analyze() takes a str, not {type(text).__name__}")
        result, _ = next(self.pipe([(text, published, None)]))
        if isinstance(result, AnalysisError):
            raise result
        return result

    # -- streaming ------------------------------------------------------------------
    def pipe(self, items: Iterable[tuple[str, str | None, Any]], *, batch_size: int = 16,
             workers: int = 1) -> Iterator[tuple[Analysis | AnalysisError, Any]]:
        """Analyze (text, published, context) triples, yielding (analysis or AnalysisError, context) in order."""
        pending: deque[_Pending] = deque()
        upstream: list[Exception] = []  # an error of the caller's own iterator, raised as it is
        pulled = [0]  # pieces handed to spaCy so far

        def docs() -> Iterator[tuple[Any, tuple[int, int]]]:
            source = enumerate(items)
            while True:
                try:
                    idx, (text, published, ctx) = next(source)
                except StopIteration:
                    return
                except Exception as err:
                    upstream.append(err)
                    return
                item = _Pending(idx, text, published, ctx)
                pending.append(item)
                try:
                    self._prepare(item)
                except Exception as err:
                    item.error = AnalysisError.wrap("parse", err)
                    continue
                for k, doc in enumerate(item.made):
                    pulled[0] += 1
                    yield doc, (idx, k)

        stream = docs()
        while True:
            before = pulled[0]
            parsed = self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=max(1, workers))
            try:
                for doc, (idx, k) in parsed:
                    if not pending or idx < pending[0].idx:
                        continue  # a piece of a text already parsed alone after a restart
                    # Order is kept, so texts before this one that are still incomplete were dropped.
                    while pending[0].idx < idx:
                        yield self._finish(pending.popleft())
                    item = pending[0]
                    item.parts[k] = doc
                    if len(item.parts) > 1:
                        doc.tensor = doc.tensor[:0].copy()  # no stage reads it; a long text's pieces add up
                        self._advance(item)
                    if k == len(item.parts) - 1:
                        yield self._finish(pending.popleft())
            except Exception:
                if pulled[0] == before and not pending:
                    raise  # spaCy fails before reading anything: not one text's fault
                # A component that cannot take an error handler raised, and spaCy's
                # stream is gone with it. Every text it held is parsed alone (so only
                # the guilty one fails), then a fresh stream goes on with the rest.
                while pending:
                    yield self._finish(pending.popleft())
                continue
            break
        while pending:
            yield self._finish(pending.popleft())
        if upstream:
            raise upstream[0]

    def _prepare(self, item: _Pending) -> None:
        """Cut the text into pieces for spaCy and group the pieces into sections."""
        # A lone surrogate is not Unicode and cannot be encoded (spaCy's string
        # store refuses it): it is read as U+FFFD, one code point for one, so
        # every offset stays the same.
        item.text = _SURROGATE.sub("\ufffd", item.text)
        spans = pieces(item.text, self.chunk_chars)
        for k, (start, end) in enumerate(spans):
            doc = self.nlp.make_doc(item.text[start:end])
            doc.user_data[_ISOLATE] = True
            item.made.append(doc)
            if not item.sections or end - item.sections[-1][2] > self.section_chars:
                item.sections.append([k, k + 1, start])
            else:
                item.sections[-1][1] = k + 1
        item.parts = [None] * len(item.made)

    def _advance(self, item: _Pending) -> None:
        """Analyse every section whose pieces have all come back, and let their Docs go."""
        while item.error is None and len(item.analysed) < len(item.sections):
            first, end, offset = item.sections[len(item.analysed)]
            docs = item.parts[first:end]
            if any(d is None for d in docs):
                return
            length = sum(len(d.text) for d in docs)
            try:
                doc = docs[0] if len(docs) == 1 else self._join(docs, item.text[offset:offset + length])
                item.analysed.append((offset, self.analyze_doc(doc, item.published)))
            except AnalysisError as err:
                item.error = err
            item.parts[first:end] = [_DONE] * (end - first)

    def _finish(self, item: _Pending) -> tuple[Analysis | AnalysisError, Any]:
        if item.error is None and any(p is None for p in item.parts):
            self._parse_alone(item)
        self._advance(item)
        if item.error is not None:
            return item.error, item.ctx
        if len(item.analysed) == 1:
            return item.analysed[0][1], item.ctx
        return Analysis.concat(item.text, item.published, item.analysed), item.ctx

    def _parse_alone(self, item: _Pending) -> None:
        """Parse the dropped pieces of one text on their own: a batch fails whole, maybe for another text."""
        for k, part in enumerate(item.parts):
            if part is not None:
                continue
            doc = self.nlp.make_doc(item.made[k].text)
            doc.user_data[_ISOLATE] = True
            try:
                out = list(self.nlp.pipe([doc]))
            except Exception as err:
                item.error = AnalysisError.wrap("parse", err)
                return
            if not out:
                name, err = doc.user_data.get(_FAILED, ("spaCy", RuntimeError("the parse returned nothing")))
                item.error = AnalysisError.wrap(f"parse ({name})", err)
                return
            item.parts[k] = out[0]

    @staticmethod
    def _join(parts: list, text: str):
        from spacy.tokens import Doc

        try:
            doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
        except Exception as err:
            raise AnalysisError.wrap("parse (joining pieces)", err) from err
        if doc.text != text:  # never expected: pieces are exact slices of the text
            raise AnalysisError("analysis failed in the parse step (the pieces of a long text did not join up)",
                                step="parse")
        return doc


def doc_analysis(doc) -> Analysis:
    """The records the stages wrote on ``doc`` (its ``Doc._`` extensions), as one Analysis."""
    x = doc._
    return Analysis(text=doc_text(doc), published=x.get(PUBLISHED), entities=x.get(ENTITIES) or EntityTable(),
                    times=x.get(TIMES) or [], quotes=x.get(QUOTES) or [], events=x.get(EVENTS) or [],
                    positions=x.get(POSITIONS) or [])


_DEFAULT: dict[str, Analyzer] = {}


def get_analyzer(model: str | None = None) -> Analyzer:
    """The shared analyzer for ``model`` (default: the setting), built on first use."""
    model = model or Settings().model
    if model not in _DEFAULT:
        _DEFAULT[model] = Analyzer(model)
    return _DEFAULT[model]


def analyze(text: str, *, published: str | None = None, model: str | None = None) -> Analysis:
    """Analyze ``text`` as given: no cleaning; every offset indexes ``text``.

    Raises ``AnalysisError`` (a one-line message naming the step) when the
    text cannot be analysed; never a bare exception from inside a stage. A
    lone surrogate (not valid Unicode) is read as U+FFFD, offsets unchanged.
    """
    if published is not None:
        from .read.hints import parse_iso_date

        try:
            published = parse_iso_date(published)
        except ValueError as err:
            raise AnalyzeError(f"published: {err}") from None
    return get_analyzer(model).analyze(text, published)
