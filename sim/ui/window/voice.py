"""Self-voicing, as in Ren'Py: the screen read aloud by a speech synthesiser.

The window uses espeak-ng (a small, well-kept free synthesiser packaged by
every Linux distribution, also built for Windows and macOS) when it is on the
PATH, run as a separate process with the text on its standard input: nothing
is linked in, a new utterance stops the one before, and closing the window
stops it. Where espeak-ng is not installed the window says so, with how to
install it, instead of staying silent. The voice speaks the interface's language at the moment it
speaks (Spanish: espeak-ng's Latin American voice, the nearest to Chile's; else English).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sim.i18n import N_, language as interface_language

MISSING = N_("Reading aloud needs espeak-ng, which is not installed on this computer "
             "(on Debian or Ubuntu: sudo apt install espeak-ng).")  # shown as _(MISSING)
VOICES = {"en": "en", "es": "es-419"}  # the interface's language -> espeak-ng's voice (es-419: Latin America)


def voice_for(language: str | None) -> str:
    """The espeak-ng voice for an interface language (the pseudo-language and the unknown: English)."""
    return VOICES.get(language or "en", "en")


class Voice:
    """Speaks text through espeak-ng. ``sent`` keeps every text handed to the synthesiser, in order."""

    def __init__(self, command: str | None = None, rate: int = 165, wav_dir: Path | None = None,
                 language: str | None = None):
        """``language``: always speak this one; by default, the interface's language when it speaks."""
        self.executable = command if command is not None else shutil.which("espeak-ng")
        self.rate = rate
        self.language = language
        self.wav_dir = Path(wav_dir) if wav_dir else None  # write each utterance to a file instead (tests)
        self.sent: list[str] = []
        self.files: list[Path] = []
        self._process: subprocess.Popen | None = None

    @property
    def available(self) -> bool:
        return bool(self.executable) and Path(self.executable).exists()

    @property
    def voice(self) -> str:
        """The espeak-ng voice it speaks with now."""
        return voice_for(self.language or interface_language())

    def say(self, text: str) -> bool:
        """Stop what is being said and say ``text``; False (and nothing said) when there is no synthesiser."""
        text = " ".join(text.split())
        if not text or not self.available:
            return False
        self.stop()
        command = [self.executable, "-v", self.voice, "-s", str(self.rate), "--stdin"]
        if self.wav_dir is not None:
            path = self.wav_dir / f"utterance-{len(self.files) + 1}.wav"
            command[1:1] = ["-w", str(path)]
            self.files.append(path)
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL)
            self._process.stdin.write(text.encode("utf-8"))
            self._process.stdin.close()
        except OSError:
            self._process = None
            return False
        self.sent.append(text)
        return True

    def wait(self, timeout: float = 30.0) -> None:
        if self._process is not None:
            self._process.wait(timeout)

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(2)
            except subprocess.TimeoutExpired:
                process.kill()
