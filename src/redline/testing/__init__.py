"""Test suites for redline's interfaces, importable by any backend's tests (pytest only)."""
