"""The three ways to play a case (no engine import here: the title screen names them too)."""

MODES = ("practice", "assessment", "facilitator")
MODE_LABELS = {"practice": "Practice", "assessment": "Assessment", "facilitator": "Facilitator"}
MODE_DETAILS = {
    "practice": "Take a choice back, or replay from any decision. No score is shown while you play.",
    "assessment": "One attempt, no going back. No score is shown until the debrief.",
    "facilitator": "For a group on a projector: the group votes, then the hidden alliance is revealed after "
                   "each choice, with discussion questions at the end of each phase.",
}
