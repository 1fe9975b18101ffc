"""read: turn any source into raw items (bytes, a name, metadata hints)."""
