"""deckgen backend `wordcount`: talk.yaml -> talk-wordcount.txt.

How long is each section, and how long would it take to say? Counts the words
a lecturer reads out (titles, summaries, points, and speaker notes unless
`notes: false`), and warns about a section whose notes run past `notes_limit`.
"""

from __future__ import annotations

from deckgen.backends.base import Job, OptionSpec, Output, Plan
from deckgen.errors import Diagnostic

WORDS_PER_MINUTE = 130  # a calm lecturing pace


class WordcountBackend:
    name = "wordcount"
    description = "plain-text word count and speaking time per section"
    options = (
        OptionSpec(
            "unit",
            default="words",
            choices=("words", "characters"),
            aliases={"chars": "characters"},
            help="what to count",
        ),
        OptionSpec("notes", kind="bool", default=True, help="count speaker notes"),
        OptionSpec(
            "notes_limit",
            kind="int",
            default=0,
            help="warn when a section's notes exceed this many words (0: never)",
        ),
    )

    def layout(self, job: Job) -> Plan:
        rows, diagnostics = [], []
        for section in job.outline.sections:
            texts = [section.title.plain, *(p.plain for p in section.summary)]
            for point in section.points:
                texts += [point.text.plain, *(t.plain for t in point.points)]
            notes = " ".join(p.plain for p in section.notes)
            if job.options["notes"]:
                texts.append(notes)
            limit = job.options["notes_limit"]
            if limit and len(notes.split()) > limit:
                diagnostics.append(
                    Diagnostic(
                        "warning",
                        f"sections[{section.id}].notes: {len(notes.split())} words, "
                        f"more than notes_limit {limit}",
                        section.location,
                    )
                )
            text = " ".join(texts)
            count = len(text.split()) if job.options["unit"] == "words" else len(text)
            rows.append((section.id, count, len(text.split())))
        return Plan(diagnostics=diagnostics, content=rows)

    def render(self, plan: Plan, job: Job) -> list[Output]:
        unit = job.options["unit"]
        lines = [f"{job.outline.title.plain}", ""]
        for section_id, count, words in plan.content:
            minutes = words / WORDS_PER_MINUTE
            lines.append(f"{section_id}: {count} {unit}, about {minutes:.1f} min")
        total = sum(words for _, _, words in plan.content)
        lines += ["", f"total: about {total / WORDS_PER_MINUTE:.1f} min"]
        return [Output(f"{job.outline.stem}-wordcount.txt", ("\n".join(lines) + "\n").encode())]
