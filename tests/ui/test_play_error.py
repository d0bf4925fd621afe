"""A case that runs into a problem only play can reveal shows it on the error screen, never a traceback."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

STUCK = (ROOT / "tests" / "data" / "tiny.yaml").read_text(encoding="utf-8").replace(
    '      - text: {en: "Close the case."}\n        strategy: routine_task\n',
    '      - text: {en: "Close the case."}\n        strategy: routine_task\n        when: "decisions > 5"\n')


def test_no_choice_available_shows_the_error_screen(make_app, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "stuck.yaml").write_text(STUCK, encoding="utf-8")
    app = make_app(directory=folder)
    app.open_scenario(str(folder / "stuck.yaml"), "practice")
    app.case.choose(1)  # to the scene whose only choice is hidden
    while app.case.session.waiting:
        app.case.answer(50)
    app.route()
    app.step()
    assert app.screen.name == "error" and app.case is None
    drawn = " ".join(app.renderer.drawn_strings)
    assert "no choice available" in drawn and "stuck.yaml" in drawn and "Traceback" not in drawn
