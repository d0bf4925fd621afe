"""One module per screen: title, picker, play, prompt, debrief, settings, error, menu."""
