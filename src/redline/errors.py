"""One exception hierarchy. Every message is a single line meant for a user.

Each error names the stage that raised it and, where there is one, the file
(and line) it concerns, so the CLI can print ``str(err)`` and nothing else.
"""
from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class RedlineError(Exception):
    """Base class. ``str()`` is a one-line, user-facing message."""

    stage = "redline"
    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = " ".join(str(message).split())  # always one line
        self.path = path
        self.line = line
        super().__init__(self.message)

    @property
    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ConfigError(RedlineError):
    stage = "config"
    exit_code = 2


class ModelMissingError(ConfigError):
    stage = "nlp"


class ReadError(RedlineError):
    """A source could not be read or decoded (empty, binary, too large, bad JSON...)."""

    stage = "read"


class CleanError(RedlineError):
    stage = "clean"


class AnalyzeError(RedlineError):
    stage = "analyze"


class AnalysisError(AnalyzeError):
    """One text could not be analyzed. ``step`` names the part that failed
    (parse, entities, times, quotes, events, positions); the message says so
    and gives the underlying exception in one line."""

    def __init__(self, message: str, *, step: str, path: str | None = None, line: int | None = None):
        self.step = step
        super().__init__(message, path=path, line=line)

    @classmethod
    def wrap(cls, step: str, err: BaseException) -> "AnalysisError":
        return cls(f"analysis failed in the {step} step ({one_line(err)})", step=step)


class StoreError(RedlineError):
    stage = "store"


class NotFound(StoreError):
    exit_code = 3


def one_line(err: BaseException, limit: int = 200) -> str:
    """An unexpected exception as one short line: its type and message."""
    detail = " ".join(str(err).split())[:limit]
    return type(err).__name__ + (f": {detail}" if detail else "")


def found(row: T | None, kind: str, ident: object) -> T:
    """``row``, or NotFound ("no story with id 7") when the store had none."""
    if row is None:
        raise NotFound(f"no {kind} with id {ident}")
    return row
