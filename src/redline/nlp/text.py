"""The text of a parsed doc, built once.

spaCy's ``Doc.text`` joins every token's text on each access (a Python object
per token), and every stage of the analysis needs the text: read through
``doc_text`` it is built once per doc and kept in ``doc.user_data``.
"""
from __future__ import annotations

_KEY = "redline:text"


def doc_text(doc) -> str:
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
