"""The stages as spaCy components: the ``Doc._`` extensions they share, and their base class.

Each stage package registers its component in its ``component`` module with
``Language.factory("redline_<step>", requires=[...], assigns=["doc._.redline_<step>"])``
and is listed in the entry-point group ``redline.stages`` (pyproject.toml);
``redline.nlp.build_pipeline`` adds every component of that group after the
model's own pipes. A component reads what earlier stages wrote, and the
article's date (``doc._.redline_published``, set before the stages run), from
``Doc._``, and writes its own records to ``doc._.redline_<step>``. A new stage
is a new package with such a component and an entry point: nothing here or in
the analyzer changes.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

PUBLISHED = "redline_published"  # the article's ISO date, or None: set before the stages run
LANGUAGE = "redline_language"  # the article's language (ISO 639-1), or None for English


def extension(name: str) -> str:
    """Register ``Doc._.<name>`` (default None) once; return its ``doc._.<name>`` path for requires/assigns."""
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=None, force=True)
    return f"doc._.{name}"


extension(PUBLISHED)
extension(LANGUAGE)


class Stage:
    """A redline component. ``step`` names the stage in errors ("analysis failed in the quotes
    step ..."); ``run(doc)`` returns its records, which the component writes to ``doc._.<attr>``."""

    step: str
    attr: str

    def run(self, doc) -> Any:
        raise NotImplementedError

    def __call__(self, doc):
        doc._.set(self.attr, self.run(doc))
        return doc
