"""spaCy model loading and the shared pipeline."""
from .model import load_model
from .text import doc_text

__all__ = ["doc_text", "load_model"]
