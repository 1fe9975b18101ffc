"""Analyst corrections: stored as records of their own, applied when reading.

An analyst merges or splits entities, sets a quote's speaker, rejects a
quote, event, position or change, sets a position's stance or proposition,
or notes any record. Each correction is a row of the store's ``corrections``
table (what, by whom, when, why), never an edit of the extracted rows. It
names its target by a fingerprint (``keys``) that survives re-ingest and
reanalysis, and ``Corrected(store)`` (``apply``) applies every active one to
what the views read. Undo is a correction too. ``ops`` makes corrections
from what the CLI and the API are given, and carries them between stores.
"""
from .apply import Corrected, corrected
from .ops import CorrectionError, TargetMissing, export_records, import_records, make, undo

__all__ = ["Corrected", "corrected", "CorrectionError", "TargetMissing", "export_records", "import_records",
           "make", "undo"]
