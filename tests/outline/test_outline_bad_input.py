"""Issue 2's bad inputs: each names the right line AND column, in the contract's form."""

from __future__ import annotations

import pytest


def test_malformed_yaml(problems):
    (msg,) = problems(
        """
        title: A talk
        sections: oops: here
        """
    )
    assert msg.startswith("talk.yaml:2:15: error: malformed YAML: mapping values are not allowed")


def test_unclosed_bracket(problems):
    (msg,) = problems(
        """
        title: A talk
        sections:
          - title: One
            points: [a, b
        """
    )
    assert msg.startswith("talk.yaml:5:1: error: malformed YAML: ")
    assert "while parsing a flow sequence at line 4, column 13" in msg


def test_list_where_a_mapping_belongs(problems):
    assert problems(
        """
        title: A talk
        source: [History, Culture]
        sections:
          - title: One
            points: [a]
        """
    ) == ["talk.yaml:2:9: error: source: expected a mapping, got a list"]


def test_point_that_is_a_list_matches_the_contract_example(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            points: [a]
          - title: Two
            points:
              - a
              - b
              - [c, d]
        """
    ) == [
        "talk.yaml:9:9: error: sections[1].points[2]: "
        "expected text or a mapping with 'text', got a list"
    ]


def test_unknown_key_with_suggestion(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            pionts: [a]
            summary: Text.
        """
    ) == ["talk.yaml:4:5: error: sections[0]: unknown key 'pionts', did you mean 'points'?"]


def test_unknown_top_level_key(problems):
    assert problems(
        """
        title: A talk
        subtitel: oops
        sections:
          - title: One
            points: [a]
        """
    ) == ["talk.yaml:2:1: error: outline: unknown key 'subtitel', did you mean 'subtitle'?"]


def test_duplicate_key(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            points: [a]
            title: Again
        """
    ) == [
        "talk.yaml:5:5: error: sections[0].title: duplicate key 'title' "
        "(first given at line 3, column 5)"
    ]


def test_no_title(problems):
    assert problems(
        """
        subtitle: but no title
        sections:
          - title: One
            points: [a]
        """
    ) == ["talk.yaml:1:1: error: outline: missing required key 'title'"]


def test_empty_title(problems):
    assert problems(
        """
        title:
        sections:
          - title: One
            points: [a]
        """
    ) == ["talk.yaml:1:7: error: title: must not be empty"]


def test_empty_sections(problems):
    assert problems(
        """
        title: A talk
        sections: []
        """
    ) == ["talk.yaml:2:11: error: sections: must list at least one section"]


def test_two_sections_with_one_id(problems):
    assert problems(
        """
        title: A talk
        sections:
          - id: intro
            title: One
            points: [a]
          - id: intro
            title: Two
            points: [b]
        """
    ) == ["talk.yaml:6:9: error: sections[1].id: duplicate section id 'intro' (also sections[0])"]


@pytest.mark.parametrize(
    ("date", "what"),
    [
        ("2023-02-30", "2023-02-30 is not a date: February 2023 has 28 days"),
        ("2023-13", "2023-13 is not a date: there is no month 13"),
        ("soon", "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got 'soon'"),
        (
            "'1969-07-20T20:17'",
            "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '1969-07-20T20:17'",
        ),
    ],
)
def test_bad_date(problems, date, what):
    assert problems(
        f"""
        title: A talk
        sections:
          - title: One
            points: [a]
        timeline:
          events:
            - title: Sputnik 1
              date: 1957-10-04
            - title: Bad
              date: {date}
        """
    ) == [f"talk.yaml:10:13: error: timeline.events[1].date: {what}"]


def test_end_before_date(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            points: [a]
        timeline:
          events:
            - {title: Span, date: 1961, end: 1960-05}
        """
    ) == ["talk.yaml:7:38: error: timeline.events[0].end: is before the date 1961"]


def test_event_naming_a_missing_section(problems):
    assert problems(
        """
        title: A talk
        sections:
          - id: origins
            title: One
            points: [a]
        timeline:
          events:
            - title: Sputnik 1
              date: 1957-10-04
              section: orgins
        """
    ) == [
        "talk.yaml:10:16: error: timeline.events[0].section: "
        "no section has the id 'orgins', did you mean 'origins'?"
    ]


def test_event_naming_a_missing_group(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            points: [a]
        timeline:
          groups: {usa: USA, ussr: USSR}
          events:
            - {title: Sputnik 1, date: 1957-10-04, group: ussrr}
        """
    ) == [
        "talk.yaml:8:51: error: timeline.events[0].group: "
        "no group 'ussrr' in timeline.groups, did you mean 'ussr'?"
    ]


def test_image_without_alt(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            image:
              src: images/pic.png
              caption: A picture
        """
    ) == [
        "talk.yaml:5:7: error: sections[0].image: missing required key 'alt' (describe the "
        "picture for people who cannot see it; screen readers read it aloud)"
    ]


def test_image_path_outside_the_folder(problems):
    (msg,) = problems(
        """
        title: A talk
        sections:
          - title: One
            image: {src: ../secret.png, alt: A picture}
        """
    )
    assert msg == (
        "talk.yaml:4:18: error: sections[0].image.src: '../secret.png' leaves the outline's folder"
    )


def test_image_absolute_path(problems):
    (msg,) = problems(
        """
        title: A talk
        cover: {src: /etc/passwd, alt: x}
        sections:
          - title: One
            points: [a]
        """
    )
    assert msg.startswith("talk.yaml:2:14: error: cover.src: '/etc/passwd' is an absolute path")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/pic.png",
        "http://x/y.png",
        "file:///etc/passwd",
        "data:image/png;base64,AA",
    ],
)
def test_image_url(problems, url):
    (msg,) = problems(
        f"""
        title: A talk
        sections:
          - title: One
            image:
              alt: A picture
              src: "{url}"
        """
    )
    assert msg.startswith(f"talk.yaml:6:12: error: sections[0].image.src: '{url}' is a URL;")
    assert "never fetches" in msg


def test_image_symlink_out_of_the_folder(write, problems, tmp_path):
    outside = tmp_path.parent / (tmp_path.name + "-outside.png")
    outside.write_bytes((tmp_path / "images" / "pic.png").read_bytes())
    (tmp_path / "images" / "link.png").symlink_to(outside)
    (msg,) = problems(
        """
        title: A talk
        sections:
          - title: One
            image: {src: images/link.png, alt: A picture}
        """
    )
    assert msg.startswith("talk.yaml:4:18: error: sections[0].image.src: 'images/link.png' is a")
    assert "symbolic link" in msg


def test_image_missing_file_and_wrong_format(write, problems, tmp_path):
    (tmp_path / "images" / "fake.png").write_bytes(b"GIF89a....")
    msgs = problems(
        """
        title: A talk
        sections:
          - title: One
            image: {src: images/none.png, alt: A picture}
          - title: Two
            image: {src: images/fake.png, alt: A picture}
        """
    )
    assert msgs[0].startswith("talk.yaml:4:18: error: sections[0].image.src: 'images/none.png': ")
    assert "file not found" in msgs[0]
    assert msgs[1].startswith(
        "talk.yaml:6:18: error: sections[1].image.src: 'images/fake.png' is a GIF"
    )


def test_python_object_tag(problems):
    (msg,) = problems(
        """
        title: A talk
        sections:
          - title: !!python/object/apply:os.system [echo hacked]
            points: [a]
        """
    )
    assert msg.startswith(
        "talk.yaml:3:12: error: sections[0].title: tag !!python/object/apply:os.system "
        "is not allowed"
    )


def test_section_without_content(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            notes: Only notes.
        """
    ) == [
        "talk.yaml:3:5: error: sections[0]: a section needs at least one of summary, points, "
        "image, quote or slides"
    ]


def test_link_with_forbidden_scheme(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            points:
              - See [this](javascript:alert(1)) now
        """
    ) == [
        "talk.yaml:5:9: error: sections[0].points[0]: "
        "link 'javascript:alert(1)': only http:, https:, mailto: links are allowed"
    ]


def test_reference_url_scheme(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            points: [a]
        references:
          - {text: A book, url: "ftp://example.org/book"}
        """
    ) == [
        "talk.yaml:6:25: error: references[0].url: "
        "link 'ftp://example.org/book': only http:, https:, mailto: links are allowed"
    ]


def test_slides_layouts(problems):
    assert problems(
        """
        title: A talk
        sections:
          - title: One
            slides:
              - layout: bulets
                title: X
              - layout: statement
                left: {points: [a]}
              - layout: image
                title: A picture
        """
    ) == [
        "talk.yaml:5:17: error: sections[0].slides[0].layout: "
        "unknown layout 'bulets', did you mean 'bullets'?",
        "talk.yaml:7:9: error: sections[0].slides[1]: a 'statement' slide needs 'text'",
        "talk.yaml:8:9: error: sections[0].slides[1]: "
        "'left' is not used by a 'statement' slide (it belongs to: two-column)",
        "talk.yaml:9:9: error: sections[0].slides[2]: a 'image' slide needs 'image'",
    ]


def test_misc_top_level_values(problems):
    assert problems(
        """
        format: 3
        title: A talk
        language: english
        sections:
          - title: One
            points: [a]
        timeline:
          groups:
            usa:
              label: USA
              color: #C8102E
          events:
            - {title: X, date: 1957}
        outputs: [pptx]
        """
    ) == [
        "talk.yaml:1:9: error: format: format 3 is not supported "
        "(this deckgen reads formats 1 and 2)",
        "talk.yaml:3:11: error: language: 'english' is not a language tag "
        "(BCP 47, e.g. 'en', 'en-GB', 'ru', 'de-CH')",
        "talk.yaml:11:13: error: timeline.groups.usa.color: expected a colour '#RRGGBB', got "
        "nothing (in YAML an unquoted # starts a comment: write color: '#C8102E')",
        "talk.yaml:14:10: error: outputs: expected a mapping of output names, got a list",
    ]


def test_all_problems_at_once_in_reading_order(problems):
    msgs = problems(
        """
        title: [not, text]
        sections:
          - title: One
            pionts: [a]
          - title: Two
            points: [b]
            image: {src: images/pic.png}
        timeline:
          events:
            - {title: X, date: 2023-02-30, section: nowhere}
        """
    )
    assert [m.split(": error: ")[0] for m in msgs] == [
        "talk.yaml:1:8",
        "talk.yaml:3:5",
        "talk.yaml:4:5",
        "talk.yaml:7:12",
        "talk.yaml:10:24",
        "talk.yaml:10:45",
    ]


def test_empty_file(problems):
    assert problems("") == [
        "talk.yaml:1:1: error: outline: expected a mapping with 'title' and 'sections', got nothing"
    ]


def test_truncated_and_oversized_pictures(problems, tmp_path):
    import io
    import random
    import struct
    import zlib

    from PIL import Image

    rng = random.Random(7)
    noise = Image.frombytes("RGB", (64, 64), bytes(rng.randrange(256) for _ in range(64 * 64 * 3)))
    for fmt, name in (("PNG", "cut.png"), ("JPEG", "cut.jpg")):
        buffer = io.BytesIO()
        noise.save(buffer, fmt)
        whole = buffer.getvalue()
        (tmp_path / "images" / name).write_bytes(whole[: len(whole) // 2])

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 8_000, 8_000, 8, 2, 0, 0, 0)
    (tmp_path / "images" / "huge.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")
    )
    msgs = problems(
        """
        title: A talk
        sections:
          - title: One
            image: {src: images/cut.png, alt: A picture}
          - title: Two
            image: {src: images/cut.jpg, alt: A picture}
          - title: Three
            image: {src: images/huge.png, alt: A picture}
        """
    )
    assert msgs[0].startswith("talk.yaml:4:18: error: sections[0].image.src: 'images/cut.png' is")
    assert msgs[1].startswith("talk.yaml:6:18: error: sections[1].image.src: 'images/cut.jpg' is")
    assert "truncated" in msgs[0] and "truncated" in msgs[1]
    assert msgs[2] == (
        "talk.yaml:8:18: error: sections[2].image.src: 'images/huge.png' is 8000x8000 "
        "pixels; pictures over 50 megapixels are refused (scale it down)"
    )
