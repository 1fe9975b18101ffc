"""The REST API under /api: read routes, the write route, records and pagination.

It sits over the server core (``redline.server``), which mounts it beside the
web UI: ``redline.server.create_app(store_path, token)``.
"""
