"""Backends: one sub-package per output (pptx, handout, poster, ...).

Every backend, built-in or third-party, is a class satisfying
`deckgen.backends.base.Backend`, registered under the entry point group
`deckgen.backends`; `deckgen.backends.registry` finds and loads them.
"""
