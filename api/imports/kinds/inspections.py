"""Import kinds of this domain (to be filled: see units.py and surveys.py for the pattern)."""

from api.imports.engine import ImportKind

KINDS: tuple[ImportKind, ...] = ()
