"""The window's "Save debrief": the page to hand in (and its PDF, when Chromium is there), written by the same
export code as `alliance-sim debrief` to a folder the learner can find, with a message saying where or why not.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sim.errors import AllianceError
from sim.i18n import _
from sim.records.log import data_dir
from sim.ui.html.pdf import browser

FOLDER_NAME = "Alliance debriefs"  # a folder's name: the same in every language


def save_folder() -> Path:
    """~/Documents/Alliance debriefs when there is a Documents folder, else the data folder's debriefs/."""
    documents = Path.home() / "Documents"
    return documents / FOLDER_NAME if documents.is_dir() else data_dir() / "debriefs"


def save_debrief(case, debrief=None, folder: Path | None = None, now: datetime | None = None) -> tuple[bool, str]:
    """Write the case's debrief page (and PDF). (True, where it went) or (False, what went wrong)."""
    from sim.ui.terminal.debrief_export import page_debrief, write_pages

    now = now or datetime.now()
    folder = Path(folder) if folder is not None else save_folder()
    stem = f"debrief-{case.scenario.id}-{now:%Y%m%d-%H%M%S}"
    html, pdf = folder / f"{stem}.html", folder / f"{stem}.pdf"
    stamp = {"learner": case.learner.name or "", "mode": case.mode, "date": now, "seed": case.session.seed}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        debrief = page_debrief(case.session, debrief)  # once, for the page and then its PDF
        write_pages(case.session, stamp, html, debrief=debrief)
    except (OSError, AllianceError) as exc:
        return False, _("The debrief could not be saved in {folder}: {problem}.").format(
            folder=folder, problem=getattr(exc, "strerror", None) or exc)
    if browser() is None:
        return True, _("Debrief saved as {path} (open it in a browser, or print it to PDF from there; "
                       "a PDF needs Chromium, which is not installed).").format(path=html)
    try:
        write_pages(case.session, stamp, html, pdf, debrief=debrief)
    except (OSError, AllianceError) as exc:
        return True, _("Debrief saved as {path}; the PDF could not be made ({problem}).").format(
            path=html, problem=getattr(exc, "strerror", None) or exc)
    return True, _("Debrief saved as {path} and {pdf} in the same folder.").format(path=html, pdf=pdf.name)
