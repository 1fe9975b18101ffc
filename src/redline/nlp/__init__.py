"""spaCy model loading and the analysis pipeline (the model plus redline's stages)."""
from .model import load_model
from .pipeline import build_pipeline, stages
from .text import doc_text

__all__ = ["build_pipeline", "doc_text", "load_model", "stages"]
