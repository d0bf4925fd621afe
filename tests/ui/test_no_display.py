"""Without a display the window says so and points to the terminal, instead of running invisibly."""

import os
import subprocess
import sys


def test_no_display_gives_a_clear_message(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    env["ALLIANCE_HOME"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "sim"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "no display was found" in result.stderr and "play --text" in result.stderr
    assert "Traceback" not in result.stderr
