"""``/api/corrections``: the analysts' corrections, listed, made and undone over HTTP.

The same operations as ``redline correct`` (``corrections.ops``): a write needs
the bearer token (``deps.check_token``), is made under the server's write lock,
and derives the changes again from the corrected positions before it returns.
A request that cannot be a correction is a 400; a target that does not exist, 404.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from ..corrections import CorrectionError, TargetMissing, export_records, make, undo
from ..errors import NotFound
from ..link.changes import rederive
from ..link.entities import find_entities
from ..server.deps import use_store
from ..server.errors import BadRequest
from ..server.params import ALL, show_all
from ..store import Store
from .deps import check_token

router = APIRouter(prefix="/api", tags=["corrections"])


class CorrectionIn(BaseModel):
    action: str = Field(description="merge, split, speaker, reject, stance, proposition or note.")
    target_kind: str = Field(description="entity, mention, quote, event, position, change, article or story.")
    target_id: str | int = Field(description="The record's id (an entity: its id or name; a mention: "
                                             "ARTICLE:START; a change: its new stance's position id).")
    value: Any = Field(None, description="merge: the entity to merge into; split: the mention ids; speaker: "
                                         "the entity; stance: for or against; proposition: text or key; "
                                         "note: the text.")
    why: str | None = None
    by: str | None = Field(None, description="Who makes it (default: api).")


class UndoIn(BaseModel):
    why: str | None = None
    by: str | None = None


def _errors(fn):
    try:
        return fn()
    except TargetMissing as err:
        raise NotFound(str(err)) from None
    except CorrectionError as err:
        raise BadRequest(str(err)) from None


@router.get("/corrections", summary="The analysts' corrections (all=1: with the undone ones and the undos)")
def list_corrections(all_: str | None = ALL, store: Store = Depends(use_store)) -> dict[str, Any]:
    return {"items": export_records(store, include_undone=show_all(all_))}


@router.post("/corrections", status_code=201, dependencies=[Depends(check_token)],
             summary="Correct a record (needs a bearer token: REDLINE_TOKEN)")
def post_correction(request: Request, body: CorrectionIn, store: Store = Depends(use_store)) -> dict[str, Any]:
    with request.app.state.stores.write_lock:
        record = _errors(lambda: make(store, body.action, body.target_kind, body.target_id, body.value,
                                      why=body.why, by=body.by or "api",
                                      find=lambda name: find_entities(store, name)))
        made = store.add_correction(record)
        rederive(store.raw)
    return {"kind": "correction", **made}


@router.post("/corrections/{correction_id}/undo", status_code=201, dependencies=[Depends(check_token)],
             summary="Undo a correction (kept, with the undo, as corrections)")
def undo_correction(request: Request, correction_id: int, body: UndoIn | None = None,
                    store: Store = Depends(use_store)) -> dict[str, Any]:
    body = body or UndoIn()
    with request.app.state.stores.write_lock:
        made = _errors(lambda: undo(store, correction_id, by=body.by or "api", why=body.why))
        rederive(store.raw)
    return {"kind": "correction", **made}
