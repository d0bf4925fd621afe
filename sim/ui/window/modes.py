"""The three ways to play a case (no engine import here: the title screen names them too).

The words are marked for the catalogue only: translate them where they are shown (``mode_label`` in
``sim.engine.labels`` for a mode's name, ``_(MODE_DETAILS[mode])`` for its description)."""

from sim.engine.labels import MODE
from sim.i18n import N_

MODES = ("practice", "assessment", "facilitator")
MODE_LABELS = {mode: MODE[mode] for mode in MODES}  # English msgids: show them as _(MODE_LABELS[mode])
MODE_DETAILS = {
    "practice": N_("Take a choice back, or replay from any decision. No score is shown while you play."),
    "assessment": N_("One attempt, no going back. No score is shown until the debrief."),
    "facilitator": N_("For a group on a projector: the group votes, then the hidden alliance is revealed "
                      "after each choice, with discussion questions at the end of each phase."),
}
