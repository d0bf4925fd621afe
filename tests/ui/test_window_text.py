"""The pure parts of the window: wrapping, paging, quotes, the facilitator guide, portraits' looks."""

from __future__ import annotations

from hypothesis import given, strategies as st

from sim.ui.window.facilitator import GENERIC, discussion_questions, read_guide
from sim.ui.window.portrait import appearance
from sim.ui.window.wrap import ellipsize, typographic, wrap_text


def width(text: str) -> int:
    return len(text) * 10


@given(st.text(alphabet="abc de\n", max_size=200), st.integers(min_value=10, max_value=300))
def test_wrapped_lines_fit_and_keep_every_word(text, limit):
    lines = wrap_text(text, limit, width)
    assert all(width(line) <= limit for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")


def test_ellipsize_and_quotes():
    assert ellipsize("abcdefghij", 50, width).endswith("\u2026")
    assert width(ellipsize("abcdefghij", 50, width)) <= 50
    assert typographic('"It\'s mine," she said.') == "\u201cIt\u2019s mine,\u201d she said."


def test_facilitator_questions_come_from_the_guide(tmp_path):
    guide = "# Guide\n## Intake\n- What did she fear?\n- A statement.\n## Closure (scenes 20-24)\n1. Who closed it?\n"
    assert read_guide(guide) == {"intake": ["What did she fear?"], "closure": ["Who closed it?"]}
    (tmp_path / "case.md").write_text(guide)
    assert discussion_questions("case", "intake", tmp_path) == (["What did she fear?"], True)
    assert discussion_questions("case", "assessment", tmp_path) == (list(GENERIC["assessment"]), False)


def test_a_guide_beside_the_case_file_comes_first(tmp_path):
    shipped, mine = tmp_path / "shipped", tmp_path / "mine"
    shipped.mkdir(), mine.mkdir()
    (shipped / "my_case.md").write_text("## Intake\n- The shipped question?\n")
    (mine / "my_case.md").write_text("## Intake\n- The facilitator's own question?\n")
    case_file = mine / "my_case.yaml"
    assert discussion_questions("my_case", "intake", shipped, case_path=case_file) == (
        ["The facilitator's own question?"], True)
    (mine / "my_case.md").unlink()
    assert discussion_questions("my_case", "intake", shipped, case_path=case_file) == (
        ["The shipped question?"], True)
    (mine / "my_case.md").mkdir()  # not a file: passed over for the next place
    assert discussion_questions("my_case", "intake", shipped, case_path=case_file)[1]
    (mine / "my_case.md").rmdir()
    (mine / "my_case.md").write_bytes(b"## Intake\n- \xff\xfe not text?\n")  # unreadable: general questions
    assert discussion_questions("my_case", "intake", shipped, case_path=case_file) == (
        list(GENERIC["intake"]), False)


def test_looks_are_deterministic_and_vary():
    assert appearance("paola", "mother") == appearance("paola", "mother")
    looks = {appearance(name) for name in ("ana", "paola", "rosa", "carla", "luis", "patricia")}
    assert len(looks) > 3
    assert appearance("abuela", "grandmother").hair[0] > 130  # grey hair for a grandparent
