"""The web UI: server-rendered pages (Jinja2, autoescaped) over the same store as the API.

Templates live in ``templates/``, CSS and the two small scripts in ``static/``
(served by Starlette's StaticFiles from this package folder only). Pages work
without JavaScript; the scripts add zoom and pan to the story's time axis and
apply filters as soon as they change.
"""
from __future__ import annotations

from importlib import resources
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader

from ..query.confidence import role_label, speaker_label


def hl_url(article_id: int, start: int, end: int) -> str:
    """The article view scrolled to, and highlighting, characters [start, end)."""
    return f"/articles/{int(article_id)}?hl={int(start)}-{int(end)}#hl"


def pos_url(article_id: int, position_id: int) -> str:
    """The article view scrolled to the evidence sentence of one of its positions."""
    return f"/articles/{int(article_id)}?pos={int(position_id)}#hl"


def article_label(a: dict) -> str:
    """An article's title, else the file name it was read from (not its full local path)."""
    if a.get("title"):
        return a["title"]
    name = (a.get("name") or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return name or f"Article {a.get('id')}"


def templates_env() -> Environment:
    folder = resources.files(__package__).joinpath("templates")
    # autoescape=True for every template: all article-derived text is hostile input.
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(hl_url=hl_url, pos_url=pos_url, article_label=article_label, urlencode=urlencode,
                       speaker_label=speaker_label, role_label=role_label)
    return env
