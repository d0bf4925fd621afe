"""The pygame window: title, case picker, play, prompts, debrief, settings and error screens.

pygame is imported in this package (and nowhere else in ``sim``). The window
reads the engine's views and sends the learner's choices; it never computes
the alliance. ``app.run_window`` is the entry point the CLI calls.
"""
