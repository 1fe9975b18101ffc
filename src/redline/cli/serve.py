"""``redline serve`` (the REST API and web UI) and ``redline plot positions``."""
from __future__ import annotations

import os

import click

from ..store import shown
from .base import Ctx, cli, err, out, pass_ctx, show_all_option


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. The default is loopback only: the store may hold private material.")
@click.option("--port", type=int, default=8000, show_default=True)
@pass_ctx
def serve(c: Ctx, host: str, port: int):
    """Serve the REST API (/api, docs at /docs) and the web UI over the store.

    Writes (POST /api/articles) need a bearer token: set REDLINE_TOKEN. Without
    it the server is read-only.
    """
    import uvicorn

    from ..server import create_app

    token = os.environ.get("REDLINE_TOKEN") or None
    # a mistyped --db is refused, not served as a new empty store
    app = create_app(c.store_path(), token, min_confidence=c.settings.min_confidence)
    if not c.quiet:
        err.print(f"redline: serving {shown(c.settings.db)} at http://{host}:{port}/ "
                  f"({'writes need the REDLINE_TOKEN bearer token' if token else 'read-only: REDLINE_TOKEN unset'})",
                  highlight=False)
        if host not in ("127.0.0.1", "localhost", "::1"):
            err.print("redline: warning: listening beyond loopback; anyone who can reach this port can read the store")
    uvicorn.run(app, host=host, port=port, log_level="warning" if c.quiet else "info")


@cli.group()
def plot():
    """Draw records as images (matplotlib), for reports."""


@plot.command("positions")
@click.option("--about", required=True, metavar="TEXT", help="The proposition, in your own words.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Image file: .png or .svg.")
@show_all_option
@pass_ctx
def plot_positions_cmd(c: Ctx, about: str, output: str, show_all: bool):
    """The positions tracker (holders × time, one cell per stance) as a PNG or SVG."""
    from ..query.plot import plot_positions

    path = plot_positions(c.store, about, output, min_confidence=c.threshold(show_all))
    if c.json:
        c.emit_json({"output": str(path)})
    elif not c.quiet:
        out.print(f"wrote {path}", highlight=False)
