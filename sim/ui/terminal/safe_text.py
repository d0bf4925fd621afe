"""Scenario text made safe to print in a terminal.

Scenario files are shared between facilitators, so their text is untrusted: an escape sequence in it could
clear the learner's screen, change the window's title or write to her clipboard (OSC 52). ``terminal_safe``
removes every escape sequence (CSI, OSC, DCS and the other string commands, two-character ESC sequences) and
every other control character (C0 but tab and newline, DEL, C1), and the bidirectional overrides that could
make a line read differently from what it holds. The loader already refuses control characters in a
scenario's text; this is the second wall, for text from anywhere (a path, a save, a log).
"""

from __future__ import annotations

import re

_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"                      # CSI ... final byte
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC up to their terminator
    r"|\x9b[0-?]*[ -/]*[@-~]?"                       # 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit string commands
    r"|\x1b[ -/]*[0-~]?"                             # any other ESC sequence
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text) -> str:
    """``text`` with no escape sequence and no control character but tab and newline."""
    return _CONTROLS.sub("", _SEQUENCES.sub("", str(text)))
