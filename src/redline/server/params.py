"""Query parameters the API's list routes and the pages share: ``?all=1`` and a confidence.

Views show the records at least as confident as the app's threshold
(``app.state.min_confidence``: REDLINE_MIN_CONFIDENCE, default 0.5), and those
of unknown confidence; ``?all=1`` shows everything. A value that is not a
yes or a no (``?all=maybe``) is a 400 naming what is accepted, never a guess.
"""
from __future__ import annotations

from fastapi import Query, Request

from ..config import confidence
from ..errors import ConfigError
from .errors import BadRequest

_YES = frozenset({"1", "true", "yes", "on"})
_NO = frozenset({"0", "false", "no", "off", ""})

ALL = Query(None, alias="all", description="1 (or true): also the records under the confidence threshold "
                                            "(REDLINE_MIN_CONFIDENCE, default 0.5). Records of unknown "
                                            "confidence are always shown.")


def show_all(value: str | None) -> bool:
    """``?all=`` as a yes or a no; 400 for anything else."""
    if value is None:
        return False
    v = value.strip().lower()
    if v in _YES:
        return True
    if v in _NO:
        return False
    raise BadRequest(f"all: {value!r} is not one of 1, 0, true, false")


def threshold(request: Request, all_: str | None) -> float | None:
    """The confidence this request's records need: None with ``?all=1``, else the app's threshold."""
    return None if show_all(all_) else request.app.state.min_confidence


def confidence_param(name: str, value: str | None) -> float | None:
    """A confidence given as a query parameter (a number from 0 to 1); 400 for anything else."""
    if value is None or not value.strip():
        return None
    try:
        return confidence(value, name)
    except ConfigError as err:
        raise BadRequest(str(err)) from None
