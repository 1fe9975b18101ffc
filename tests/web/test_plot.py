"""``redline plot positions`` draws the tracker with matplotlib (PNG and SVG); ``redline serve`` is registered."""
from __future__ import annotations

from click.testing import CliRunner

from redline.cli import cli


def test_plot_png_and_svg(hostile_db, tmp_path):
    runner = CliRunner()
    png = tmp_path / "positions.png"
    r = runner.invoke(cli, ["--db", hostile_db, "plot", "positions", "--about", "Halberd strikes", "-o", str(png)])
    assert r.exit_code == 0, r.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    svg = tmp_path / "positions.svg"
    r = runner.invoke(cli, ["--db", hostile_db, "plot", "positions", "--about", "Halberd strikes", "-o", str(svg)])
    assert r.exit_code == 0 and "<svg" in svg.read_text() and "Valdoria" in svg.read_text()


def test_plot_errors_are_one_line(hostile_db, tmp_path):
    runner = CliRunner()
    r = runner.invoke(cli, ["--db", hostile_db, "plot", "positions", "--about", "Halberd", "-o", str(tmp_path / "x.gif")])
    assert r.exit_code != 0 and ".png or .svg" in r.output
    r = runner.invoke(cli, ["--db", hostile_db, "plot", "positions", "--about", "zzqx nothing", "-o",
                            str(tmp_path / "y.png")])
    assert r.exit_code == 3 and "no dated positions" in r.output


def test_serve_command_is_registered():
    r = CliRunner().invoke(cli, ["serve", "--help"])
    assert r.exit_code == 0 and "--host" in r.output and "127.0.0.1" in r.output
