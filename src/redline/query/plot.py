"""The positions tracker as an image (PNG or SVG), for reports: ``redline plot positions``.

Draws the same grid as the web page (``query.tracker.build_tracker``): one row
per (holder, proposition), one column per date (or month, or year), each cell
green for "for", red for "against", split when both, outlined when the stance
changed. Uses matplotlib's Agg backend: no display needed.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

from ..errors import ConfigError, NotFound
from ..store import Store
from .tracker import Tracker, build_tracker

COLOURS = {"for": "#1a7f37", "against": "#c62828"}
CHANGE = "#bf8700"


def draw_tracker(tracker: Tracker, output: str | Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Polygon, Rectangle

    output = Path(output)
    if output.suffix.lower() not in (".png", ".svg"):
        raise ConfigError(f"{output}: the image must be .png or .svg")
    if not tracker.rows:
        raise NotFound(f"no dated positions on propositions like {tracker.about!r}")
    ncols, nrows = len(tracker.columns), len(tracker.rows)
    fig, ax = plt.subplots(figsize=(4.5 + 1.1 * ncols, 1.0 + 0.45 * nrows))
    for r, row in enumerate(tracker.rows):
        y = nrows - 1 - r
        for c, cell in enumerate(row.cells):
            if cell is None:
                ax.add_patch(Rectangle((c + .05, y + .08), .9, .84, color="#eef1f4"))
                continue
            if cell.mixed:
                first = cell.positions[0]["stance"]
                ax.add_patch(Polygon([(c + .05, y + .08), (c + .95, y + .08), (c + .05, y + .92)],
                                     color=COLOURS[first]))
                ax.add_patch(Polygon([(c + .95, y + .08), (c + .95, y + .92), (c + .05, y + .92)],
                                     color=COLOURS[cell.stance]))
            else:
                ax.add_patch(Rectangle((c + .05, y + .08), .9, .84, color=COLOURS[cell.stance]))
            if cell.change:
                ax.add_patch(Rectangle((c + .05, y + .08), .9, .84, fill=False, edgecolor=CHANGE, linewidth=3))
            ax.text(c + .5, y + .5, cell.stance + (" ⟲" if cell.change else ""), ha="center", va="center",
                    color="white", fontsize=8, fontweight="bold")
    labels = [f"{row.holder} — {textwrap.shorten(row.proposition, 60)}" for row in tracker.rows]
    ax.set_yticks([nrows - 1 - r + .5 for r in range(nrows)], labels, fontsize=8)
    ax.set_xticks([c + .5 for c in range(ncols)], tracker.labels, fontsize=8, rotation=30, ha="right")
    ax.set_xlim(0, ncols)
    ax.set_ylim(0, nrows)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_title(f"Positions on “{textwrap.shorten(tracker.about, 80)}”", fontsize=10, loc="left")
    fig.tight_layout()
    fig.savefig(output, dpi=150)
    plt.close(fig)
    return output


def plot_positions(store: Store, about: str, output: str | Path, *, min_confidence: float | None = None) -> Path:
    """Build the tracker for ``about`` (at this confidence threshold) and draw it to ``output`` (.png or .svg)."""
    return draw_tracker(build_tracker(store, about, min_confidence=min_confidence), output)
