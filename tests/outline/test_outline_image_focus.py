"""Contract v2 picture keys: `focus: [x, y]` and `fit: cover|contain`, read
with located errors."""

from __future__ import annotations

from deckgen.outline import load


def test_focus_and_fit_are_read(write):
    path = write(
        """
        title: A talk
        cover: {src: images/pic.png, alt: A dot, focus: [0.7, 0.25], fit: contain}
        sections:
          - title: One
            points: [a]
        """
    )
    cover = load(path).cover
    assert cover is not None
    assert (cover.focus, cover.fit) == ((0.7, 0.25), "contain")


def test_focus_and_fit_default_to_the_middle_and_cover(write):
    path = write(
        """
        title: A talk
        cover: {src: images/pic.png, alt: A dot}
        sections:
          - title: One
            points: [a]
        """
    )
    cover = load(path).cover
    assert cover is not None and (cover.focus, cover.fit) == ((0.5, 0.5), "cover")


def test_bad_focus_and_fit_name_their_line_and_column(problems):
    assert problems(
        """
        title: A talk
        cover:
          src: images/pic.png
          alt: A dot
          focus: [0.5, 1.5]
          fit: stretch
        sections:
          - title: One
            points: [a]
        """
    ) == [
        "talk.yaml:5:10: error: cover.focus: x and y must lie between 0 and 1 (0.5: the middle)",
        "talk.yaml:6:8: error: cover.fit: expected 'cover' or 'contain', got 'stretch'",
    ]
    (msg,) = problems(
        """
        title: A talk
        cover: {src: images/pic.png, alt: A dot, focus: middle}
        sections:
          - title: One
            points: [a]
        """
    )
    assert msg == "talk.yaml:2:49: error: cover.focus: expected [x, y], two numbers from 0 to 1"
