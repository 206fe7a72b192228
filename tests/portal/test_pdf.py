"""The shared PDF toolkit: every script renders and reads back, fallback, shaping, bad input."""

from __future__ import annotations

import pytest
from reportlab.platypus import Paragraph

from portal.pdf.document import ShapedParagraph, build_pdf, styles
from portal.pdf.fonts import BOLD, face_for
from portal.pdf.shaping import clean_text, fit, shape_line
from tests.pdftools import page_count, pdf_text

NAMES = {
    "latin": "Élodie Müller-Łukasiewicz",
    "vietnamese": "Nguyễn Thị Hương",
    "cyrillic": "Дмитрий Иванов",
    "greek": "Ελένη Παπαδοπούλου",
    "arabic": "محمد عبد الله",
    "hebrew": "דוד כהן",
    "chinese": "王小明",
    "japanese": "やまだ たろう",
    "korean": "김민수",
    "devanagari": "प्रिया शर्मा",
}


@pytest.fixture(scope="module")
def names_pdf():
    story = [ShapedParagraph(name, size=14) for name in NAMES.values()]
    story += [ShapedParagraph(name, size=14, weight=BOLD) for name in NAMES.values()]
    return build_pdf(story, title="Names", marking="Delegates only")


@pytest.mark.parametrize("script", list(NAMES))
def test_every_script_reads_back_whole(names_pdf, script):
    text = pdf_text(names_pdf)
    assert NAMES[script] in text


def test_arabic_is_shaped_and_extracted_in_logical_order(names_pdf):
    line = shape_line(NAMES["arabic"], 14)
    assert line.rtl and all(run.rtl for run in line.runs if run.face == "arabic")
    # Joining: the shaped glyphs are not the isolated forms the characters map to on their own.
    run = next(r for r in line.runs if r.face == "arabic")
    from portal.pdf.fonts import font

    isolated = {font("arabic").face.charToGlyph.get(ord(c)) for c in NAMES["arabic"]}
    assert any(gid not in isolated for gid, *_rest in run.glyphs)
    text = pdf_text(names_pdf)
    assert "محمد" in text and "دمحم" not in text  # logical, not visual, order


def test_no_character_falls_out_of_the_fallback_chain():
    for name in NAMES.values():
        for char in name.replace(" ", ""):
            assert face_for(char) is not None, (name, char)
        line = shape_line(name, 12)
        assert all(gid != 0 for run in line.runs for gid, *_rest in run.glyphs), name  # 0 = the empty box


def test_mixed_scripts_in_one_line_keep_their_order():
    line = shape_line("Ahmed محمد Smith", 12)
    faces = [run.face for run in line.runs]
    assert "sans" in faces and "arabic" in faces
    assert not line.rtl  # a Latin-first line reads left to right
    text = pdf_text(build_pdf([ShapedParagraph("Ahmed محمد Smith")], title="Mixed"))
    assert "Ahmed" in text and "محمد" in text and "Smith" in text


def test_characters_no_font_has_become_a_visible_mark():
    line = shape_line("A\U0001fae8B", 12)  # a recent emoji no face carries
    assert all(gid != 0 for run in line.runs for gid, *_rest in run.glyphs)


class TestBadInput:
    def test_control_characters_and_bidi_overrides_are_dropped(self):
        assert clean_text("Jean\x00\x07 \u202eDupont\r\n\t") == "Jean Dupont"
        assert clean_text(None) == "" and clean_text("   ") == ""

    def test_a_300_character_name_shrinks_then_is_cut_with_an_ellipsis(self):
        name = "Alexandrina-Maximiliana " * 13  # 312 characters
        lines, size = fit(name, 200, 22, 11, max_lines=2)
        assert size == 11 and len(lines) == 2
        assert lines[-1].text.endswith("…")
        assert all(line.width <= 200 for line in lines)

    def test_a_long_word_is_cut_to_fit(self):
        lines, _size = fit("X" * 300, 100, 12, 8, max_lines=2)
        assert all(line.width <= 100 for line in lines)

    def test_short_names_keep_their_size(self):
        lines, size = fit("Li Wei", 200, 22, 11)
        assert size == 22 and [line.text for line in lines] == ["Li Wei"]

    def test_empty_text_gives_an_empty_paragraph_not_a_crash(self):
        content = build_pdf([ShapedParagraph(""), ShapedParagraph("\x00\x01")], title="")
        assert content.startswith(b"%PDF") and page_count(content) == 1


def test_header_footer_page_numbers_and_marking_on_every_page():
    body = styles().body
    story = [Paragraph(f"Paragraph {n} " + "text " * 80, body) for n in range(40)]
    content = build_pdf(story, title="Long document", marking="Delegates only")
    pages = page_count(content)
    assert pages > 2
    text = pdf_text(content)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert text.count("Delegates only") == pages


def test_bidi_levels_follow_the_unicode_algorithm():
    """python-bidi resolves the levels (UAX #9): digits after Hebrew in an English line belong to
    the Hebrew run, so they show to its left ("Ref: 123 םולש"); the hand-written resolver had put
    them after it, at level 0."""
    from portal.pdf.shaping import bidi_levels, shape_line

    text = "Ref: שלום 123"
    assert bidi_levels(text) == [0] * 5 + [1] * 4 + [1] + [2] * 3
    visual = [run.text for run in shape_line(text, 10).runs]
    assert visual[0] == "Ref: " and visual.index("123") < visual.index("שלום ")
    # An Arabic paragraph reads from the right: its first word is drawn last.
    arabic = [run.text for run in shape_line("العدد 2023 في سنغافورة", 10).runs]
    assert arabic[-1] == "العدد " and "2023" in arabic
