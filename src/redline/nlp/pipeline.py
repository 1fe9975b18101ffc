"""The analysis pipeline: the spaCy model plus redline's stages, as components.

The stages are the components listed in the entry-point group
``redline.stages`` (pyproject.toml lists the five built-in ones); another
package adds a stage by listing its own component there, with no edit here.
Each entry point is named after its component's factory and points at the
module that registers it (``Language.factory``). The stages are added after
the model's own pipes, each after the stages whose output it requires, and
DISABLED: ``nlp(text)`` and ``nlp.pipe`` run the model's pipes alone, so that
a long text can be parsed in pieces, and the analyzer runs the stages on each
section's joined Doc (``stages``).
"""
from __future__ import annotations

from importlib.metadata import entry_points

from ..errors import ConfigError
from .model import load_model

GROUP = "redline.stages"


def stage_factories() -> list[str]:
    """The factory names of the stages registered in ``redline.stages``, imported (so registered with spaCy)."""
    names = []
    for ep in entry_points(group=GROUP):
        ep.load()
        if ep.name not in names:
            names.append(ep.name)
    return names


def _ordered(nlp, names: list[str]) -> list[str]:
    """``names`` by depth: a stage comes after every stage that assigns what it requires
    (entities, times -> quotes -> events -> positions); stages of one depth in entry-point order."""
    meta = {n: nlp.get_factory_meta(n) for n in names}
    depth: dict[str, int] = {}

    def depth_of(n: str, seen: tuple = ()) -> int:
        if n not in depth:
            before = [m for m in names if m != n and m not in seen and set(meta[m].assigns) & set(meta[n].requires)]
            depth[n] = 1 + max((depth_of(m, (*seen, n)) for m in before), default=-1)
        return depth[n]

    return sorted(names, key=lambda n: (depth_of(n), names.index(n)))


def build_pipeline(model: str | None = None):
    """The model (``load_model``) with every registered stage added, disabled, after its own pipes."""
    nlp = load_model(model)
    names = stage_factories()
    if not names:
        raise ConfigError(f"no redline stages are registered (entry-point group {GROUP!r} is empty): "
                                "install redline (scripts/setup, or pip install -e .)")
    for name in _ordered(nlp, names):
        if name not in nlp.component_names:
            nlp.add_pipe(name, name=name, last=True)
            nlp.disable_pipe(name)
    return nlp


def stages(nlp) -> list[tuple[str, object]]:
    """(step name, component) of the redline stages in ``nlp``, in pipeline order."""
    registered = set(stage_factories())
    return [(getattr(nlp.get_pipe(n), "step", n), nlp.get_pipe(n)) for n in nlp.component_names if n in registered]
