"""`python -m deckgen.fonts`: list the font families and prepare every face.

Cutting static instances of variable fonts takes a few seconds per face the
first time, and reading a face's kerning a fraction of a second; running
this once (e.g. in CI, or after installing) moves that cost out of the first
build.
"""

from __future__ import annotations

import sys
import time

from deckgen.fonts import cache_dir, families, family


def main() -> int:
    start = time.perf_counter()
    for name in families():
        fam = family(name)
        faces = [fam.face(bold, italic) for bold in (False, True) for italic in (False, True)]
        for face in faces:
            face.kerning("AV")  # reads (and caches) the face's kerning
        office = f" (written as {fam.office_name} in .pptx)" if fam.office_name != name else ""
        print(f"{name}{office}: {', '.join(f.name for f in faces)}")
    print(f"cache: {cache_dir()} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
