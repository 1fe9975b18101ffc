"""spaCy model loading and the shared pipeline."""
from .model import load_model

__all__ = ["load_model"]
