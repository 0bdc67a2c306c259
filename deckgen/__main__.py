"""`python -m deckgen` runs the command line."""

from deckgen.cli import main

raise SystemExit(main())
