"""The terminal front end: play a case, print the debrief and exploration reports."""
