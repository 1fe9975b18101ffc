"""``POST /api/articles``: ingest one article (text or HTML plus metadata).

The article goes through the same read → clean → analyze → store → link path
as ``redline ingest``: it is handed to the Ingestor as one JSONL line on its
reader's stdin, so the hint fields are validated exactly as for a JSONL file,
and its identity is its URL (else a digest of the body), so posting it twice
stores it once. Analysis needs the spaCy model: the first write loads it.
"""
from __future__ import annotations

import io
import json
from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field, model_validator

from ..ingest import Ingestor
from ..store import open_store
from .deps import check_token
from ..server.errors import BadRequest

router = APIRouter(prefix="/api", tags=["write"])


class ArticleIn(BaseModel):
    text: str | None = Field(None, description="Plain text of the article (a scraped page is fine).")
    html: str | None = Field(None, description="The article's HTML page, when there is no text.")
    url: str | None = None
    title: str | None = None
    published: str | None = Field(None, description="ISO date (YYYY-MM-DD, or coarser).")
    source: str | None = Field(None, description="The outlet.")
    byline: str | None = None
    language: str | None = None

    @model_validator(mode="after")
    def _has_body(self) -> "ArticleIn":
        if not ((self.text or "").strip() or (self.html or "").strip()):
            raise ValueError("give the article's text or html")
        return self


class IngestOut(BaseModel):
    outcome: str = Field(description="ingested, revised, unchanged or failed")
    id: int | None = Field(description="The stored article's id.")
    message: str | None = None
    url: str | None = Field(None, description="Where to read the stored article.")


@router.post("/articles", status_code=201, response_model=IngestOut, dependencies=[Depends(check_token)],
             summary="Ingest an article (needs a bearer token: REDLINE_TOKEN)")
def post_article(request: Request, response: Response, article: ArticleIn) -> Any:
    stores = request.app.state.stores
    line = json.dumps(article.model_dump(exclude_none=True), ensure_ascii=False).encode("utf-8") + b"\n"
    with stores.write_lock:
        store = open_store(stores.path)
        try:
            ingestor = Ingestor(store, format="jsonl", analyze=request.app.state.analyze)
            ingestor.reader.stdin = io.BytesIO(line)
            summary = ingestor.run(["-"])
        finally:
            store.close()
    [result] = summary.results or [None]
    if result is None or result.outcome == "failed":
        message = (result.message if result else None) or "nothing was stored"
        raise BadRequest(message.removeprefix("<stdin>:1: "))
    out = IngestOut(outcome=result.outcome, id=result.article_id, message=result.message,
                    url=str(request.url_for("api_article", article_id=result.article_id)))
    if result.outcome == "unchanged":
        response.status_code = 200
    return out
