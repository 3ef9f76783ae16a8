"""Text normalisation for matching what people type against stored names.

This module is pure Python on purpose: the place index and the build script use
it outside Django, and it must give the same result everywhere.
"""

from __future__ import annotations

import re
import unicodedata

# NFKD leaves these letters whole because they are ligatures or distinct
# letters rather than a base letter plus an accent, so they are spelled out.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})

# "\W" keeps the underscore, which is not a letter or a digit, so it is added.
_SEPARATORS = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Return ``text`` lower-cased, without accents and with single spaces.

    Every run of characters that is not a letter or a digit becomes one space,
    so "Saint-Étienne" and "saint  etienne" both give "saint etienne".
    """
    folded = text.casefold().translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", folded)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Compatibility decomposition can produce capitals (for example from
    # letter-like symbols), so the result is lower-cased once more.
    return _SEPARATORS.sub(" ", bare.lower()).strip()


def tokens(text: str, limit: int = 12) -> list[str]:
    """Return the distinct normalised words of ``text``, in order.

    At most ``limit`` words are returned and each is cut to 40 characters, which
    bounds the work done on hostile input such as one very long word.
    """
    result: list[str] = []
    if limit <= 0:
        return result
    seen: set[str] = set()
    for word in normalize(text).split():
        word = word[:40]
        if word in seen:
            continue
        seen.add(word)
        result.append(word)
        if len(result) >= limit:
            break
    return result
