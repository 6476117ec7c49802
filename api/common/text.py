"""Vietnamese text: NFC on the way in, and a folded form for diacritic-insensitive search."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case, without diacritics, single-spaced: 'Phường Hoa Lư' -> 'phuong hoa lu'.

    NFC and NFD input fold alike; đ/Đ (not a combining mark) becomes d.
    """
    if text.isascii():  # codes and ids, most of what the portal sends: nothing to strip
        return _SPACES.sub(" ", text).strip().lower()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACES.sub(" ", stripped).strip().lower()
