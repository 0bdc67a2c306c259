"""`python -m deckgen` runs the command line."""

try:
    from deckgen.cli import main
except KeyboardInterrupt:  # Ctrl-C while starting up: no traceback either
    raise SystemExit(130) from None

raise SystemExit(main())
