"""The effect bundle's fields (``effects``, ``others``, ``set``, ``add``, ``stance``, ``betrayal``, ``tension``,
``schedule``, ``handover``): the one reader of what a choice or an event does, for the loader
(``sim.scenario.loader``). The bundle is ``model.Effects``; the checker checks what it names."""

from __future__ import annotations

from sim.i18n import N_, _
from sim.scenario import model as m
from sim.scenario.fields import Fields, check_number, type_name
from sim.scenario.yamlsource import LineMap, is_refused


def _entries(problems, raw, line, path, what):
    """(name, value, line, field) for each entry of a small mapping field; reports a field that is not one."""
    if raw is None:
        return
    if not isinstance(raw, dict):
        problems.error(line, path, _("expected a mapping of {what}, found {kind}").format(what=_(what), kind=type_name(raw)))
        return
    for name, value in raw.items():
        if not is_refused(raw, name):  # refused while reading: reported once already
            yield name, value, raw.line_of(name) if isinstance(raw, LineMap) else line, f"{path}.{name}"


def dimension_changes(problems, raw, line, path, allowed) -> dict[str, float]:
    result: dict[str, float] = {}
    for dim, value, where, field in _entries(problems, raw, line, path, N_("dimension: change")):
        if dim not in allowed:
            problems.error(where, field, _("unknown dimension '{name}'").format(name=dim),
                           _("one of: {names}").format(names=", ".join(allowed)))
            continue
        number = check_number(problems, where, field, value, -3, 3)
        if number is not None:
            result[dim] = float(number)
    return result


def _assignments(problems, raw, line, path, numbers_only=False) -> dict[str, object]:
    result: dict[str, object] = {}
    for name, value, where, field in _entries(problems, raw, line, path, N_("variable: value")):
        if numbers_only and (isinstance(value, bool) or not isinstance(value, (int, float))):
            problems.error(where, field, _("'add' needs a number, found {value}").format(value=repr(value)))
        elif not isinstance(value, (bool, int, float)):
            problems.error(where, field, _("expected true, false or a number, found {kind}").format(kind=type_name(value)))
        else:
            result[name] = value
    return result


def _stances(problems, raw, line, path) -> dict[str, str]:
    result: dict[str, str] = {}
    for who, stance, where, field in _entries(problems, raw, line, path, N_("caregiver: stance")):
        if stance not in m.STANCES:
            problems.error(where, field, _("{value} is not a stance").format(value=repr(stance)),
                           _("one of: {names}").format(names=", ".join(m.STANCES)))
        else:
            result[who] = stance
    return result


# The fields read_effects reads: with none of them the bundle is empty (what each reader gives for an absent field).
_BUNDLE_FIELDS = frozenset({"effects", "others", "set", "add", "stance", "betrayal", "tension", "schedule", "handover"})


def read_effects(fields: Fields, kind: str) -> m.Effects:
    """The effect bundle of a choice (``kind`` "choice") or an event ("event"): the one reader of these fields."""
    if fields.mapping.keys().isdisjoint(_BUNDLE_FIELDS):  # most choices change nothing by themselves
        return m.Effects()  # its defaults are what each reader below gives for an absent field
    by_caregiver: dict[str, dict[str, float]] = {}
    if kind == "event":
        raw = fields.submapping("effects")
        for who, dims in raw.items():
            by_caregiver[who] = dimension_changes(fields.problems, dims, raw.line_of(who),
                                            f"{fields.field('effects')}.{who}", m.EFFECT_DIMENSIONS)
        dims, others = {}, {}
    else:
        dims = fields.nested("effects", dimension_changes, m.EFFECT_DIMENSIONS)
        others = fields.nested("others", dimension_changes, m.DIMENSIONS)
    return m.Effects(dims=dims, by_caregiver=by_caregiver, others=others, set=fields.nested("set", _assignments),
                     add=fields.nested("add", _assignments, True), stance=fields.nested("stance", _stances),
                     betrayal=bool(fields.boolean("betrayal", False)), tension=bool(fields.boolean("tension", False)),
                     schedule=fields.nested("schedule", _schedule), handover=fields.identifier("handover"))


def _schedule(problems, raw, line, path) -> dict[str, int]:
    """``schedule: {event_id: decisions}``: events that come due that many decisions later."""
    result: dict[str, int] = {}
    for event_id, after, where, field in _entries(problems, raw, line, path, N_("event id: decisions from now")):
        number = check_number(problems, where, field, after, 1, 50, integer=True)
        if number is not None:
            result[event_id] = int(number)
    return result
