"""Printing a page to PDF with headless Chromium.

Chromium, not a Python PDF library: it is the browser the tests already render the pages in, so the PDF is
exactly what a student sees when she prints the page herself, print stylesheet included, with no second
layout engine to keep in step (WeasyPrint would need its own fonts and would differ in small ways).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from sim.errors import AllianceError
from sim.i18n import _

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer")


class PdfError(AllianceError):
    """The PDF could not be made (no browser to print with, or it failed)."""


def browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def print_pdf(html_path: Path, pdf_path: Path, timeout: float = 120) -> None:
    program = browser()
    if program is None:
        raise PdfError(_("making a PDF needs Chromium, which is not installed (on Debian or Ubuntu: {command}); the "
                         "HTML file can be printed to PDF from any browser").format(command="apt-get install chromium"))
    pdf_path = Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="alliance-pdf-") as profile:
        command = [program, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}",
                   Path(html_path).resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfError(_("Chromium could not print the debrief: {problem}").format(problem=exc)) from None
    if done.returncode != 0 or not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise PdfError(_("Chromium could not print the debrief to {path}: {problem}").format(
            path=pdf_path, problem=done.stderr.strip()[-300:]))
