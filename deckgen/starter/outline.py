"""The text of the starter talk written by `deckgen new`."""

from __future__ import annotations

__all__ = ["OUTLINE", "README"]

README = """\
# My talk

This folder holds one talk for deckgen: `talk.yaml` is the whole talk (every \
feature of the outline format is shown there, each explained in a comment: \
change the text, delete what you do not need), `images/` holds its pictures. \
Build it with `deckgen build talk.yaml -f pptx,handout,poster,html` (files go to \
`build/`), check it with `deckgen check talk.yaml`, rebuild on every save with \
`deckgen watch talk.yaml`, or see it live in a browser with \
`deckgen preview talk.yaml --open`.
"""

OUTLINE = """\
# A starter talk from `deckgen new`: every feature of the outline, one comment each.
format: 2  # the version of the outline format (2: tables, code, charts, math)
title: My First Talk  # the talk's title: title slide, handout, poster, web page
subtitle: Everything an outline can hold  # shown under the title
author: Your Name  # the speaker
date: 2026-01-15  # shown as written
language: en  # BCP 47 tag: hyphenation, date style, the words deckgen adds
theme: default  # default, midnight, print, or a theme file of your own
theme_overrides:  # any theme key, changed for this talk only
  colors:
    accent: "#1F5FAD"  # one colour as #RRGGBB
source:  # what the talk is based on, credited in every output
  title: Notes of my own  # the source's title
  publisher: My department  # who published it
  url: https://example.org/notes  # a link (http, https or mailto)
cover:  # the picture of the title slide, the handout's cover, the poster's header
  src: images/picture.png  # a PNG or JPEG inside this folder
  # alt: the picture in words, for screen readers (required with src)
  alt: A night sky over the curve of a blue planet, with an orbit and a satellite.
  caption: A picture drawn by deckgen  # shown under the picture
  credit: "Picture: deckgen"  # shown small beside it
  focus: [0.7, 0.3]  # [x, y] kept in view when the picture is cropped
  fit: cover  # cover: fill the frame around focus; contain: show it whole

sections:  # the body of the talk, in order
  - id: start  # a slug; events point at it (made from the title when left out)
    title: Where We Start  # the section's title: a divider slide and a handout heading
    summary: |-  # the handout's prose; a blank line starts a new paragraph
      Text may be **bold**, *italic* or a [link](https://example.org).

      This is a second paragraph.
    points:  # the slides' bullets and the handout's key points
      - A first point
      - text: A point with sub-points  # one nested level
        points:
          - A sub-point
    notes: |-  # speaker notes: the notes page, and the web page's notes (key N)
      Say hello and tell the room what the talk is about.
    image:  # a picture slide after the bullets
      src: images/picture.png  # the picture file
      alt: The same night sky, shown on a slide of its own.  # alternative text
      caption: A caption under the picture  # optional
      credit: "Picture: deckgen"  # optional
    quote:  # a pull quote: a slide of its own
      text: A quotation worth a slide.  # required
      by: Someone Wise  # who said it

  - title: Explicit Slides  # a section whose slides are listed one by one
    summary: A section with `slides:` shows exactly these slides.  # the handout's prose
    slides:  # replaces the slides made from points, image and quote
      - layout: bullets  # a title and bullet points (a picture beside them is optional)
        title: Bullets
        reveal: true  # the points appear one at a time when presented
        points:
          - One point
          - Another point
        notes: Notes of this slide only.  # every explicit slide may have notes
      - layout: two-column  # two lists side by side
        title: Two Columns
        left:  # the left column
          heading: Before  # optional heading
          points: [Slow, Manual]
        right:  # the right column
          heading: After
          points: [Fast, Automatic]
      - layout: image  # a picture with its title
        title: A Picture
        image:
          src: images/picture.png
          alt: The night sky once more, on an image slide.
      - layout: quote  # a quotation (the title is optional)
        quote:
          text: Simple things should be simple.
          by: Alan Kay
      - layout: statement  # one big sentence (the title is optional)
        text: One idea per slide.
      - layout: timeline  # the outline's timeline (or this section's events)
        title: In Dates
      - layout: table  # rows and columns
        title: A Table
        table:
          header: [Orbit, Height]  # the header row (optional)
          rows:  # every row as many cells as the header
            - [Low, 400 km]
            - [Geostationary, "35,786 km"]
          align: [left, right]  # per column: left, center or right
        caption: Heights above the ground.  # under a table, code, chart or equation
      - layout: code  # a program, in a monospace font
        title: Some Code
        code:
          language: python  # any language Pygments knows
          highlight: [2]  # lines to emphasise: 3, or "2-4"
          text: |
            def speed(mu, r):
                return (mu / r) ** 0.5
      - layout: chart  # a chart: bar, column, line or pie
        title: A Chart
        chart:
          type: column  # bar, column, line or pie
          unit: launches  # what the values count
          categories: ["1960s", "1970s"]  # one value per category in each series
          series:
            - {name: East, values: [15, 25]}  # a name and its values
            - {name: West, values: [22, 9]}
      - layout: equation  # one displayed equation, in LaTeX
        title: An Equation
        math: v = \\sqrt{\\frac{\\mu}{r}}  # math inline in any text: $v^2$

timeline:  # dated events: timeline slides, the handout's key dates, the poster
  title: A Short History  # the timeline's title
  groups_label: Side  # what the groups are, heading their column in the key dates
  groups:  # lanes: each gets one colour and one marker shape in every output
    east: East  # id: label
    west: {label: West, color: "#C8102E"}  # or with a colour of its own
  eras:  # shaded spans behind the events
    - {start: 1957, end: 1975, label: The race}  # label, start and end required
  events:  # date and title required; any order
    # a day, in a lane (group), pointing at a section
    - {date: 1957-10-04, title: First satellite, group: east, section: start}
    - {date: 1961-04, title: First person in orbit, group: east}  # a month
    - {date: 1969-07-20, title: Moon landing, group: west, text: Two walk on it.}  # and a text
    - {date: 1975-07-15, end: 1975-07-24, title: A joint flight, group: west}  # a span: date to end
    - {date: 1998, title: Station begun}  # a year; no group

references:  # further reading: the closing slide and the handout
  - text: A book to read next  # required
    url: https://example.org/book  # optional
  - text: A reference without a link

outputs:  # options of each output (see `deckgen backends -v`)
  pptx: {aspect: "16:9"}  # 16:9 or 4:3; also template, look, reveal
  handout: {paper: A4, mode: article}  # A4 or Letter; article or slides
  poster: {size: A2, orientation: landscape}  # A3 to A0; landscape or portrait
"""
