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


# French matching for the directory's search: the same steps for the words stored for a group
# and for the words a visitor types, so that "aidante", "aidantes" and "aidants", or
# "endeuillée" and "endeuillés", meet on one form. This is no dictionary stemmer: a few
# endings of gender and number, folded the same way on both sides. Whatever it gets wrong, it
# gets wrong identically for the group and for the visitor, so a word still finds itself.

# Feminine endings and the masculine they fold to, tried in this order, on words long enough
# that the ending is one ("elle" the pronoun stays; "maternelle" becomes "maternel").
_ENDINGS = (
    ("trice", "teur", 7),  # animatrice → animateur
    ("euse", "eur", 6),  # fumeuse → fumeur
    ("ive", "if", 5),  # addictive → addictif
    ("elle", "el", 6),  # maternelle → maternel
    ("enne", "en", 6),  # ancienne → ancien
    ("onne", "on", 6),  # personne → person (the same on both sides)
    ("ette", "et", 6),  # muette → muet
)
# Compound words are written joined or with a hyphen: "burn-out" and "burnout".
_COMPOUND = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)+")


def stem(word: str) -> str:
    """Fold a normalised word's French gender and number: "aidantes" → "aidant".

    Plural first ("-aux" → "-al", "-eaux" → "-eau", then a final "s" or "x"), then a
    feminine ending, then a final silent "e" (twice for "-ée"). Words of four letters or
    fewer keep their "e" ("mère" is not "mer"), and nothing is cut below three letters.
    """
    if len(word) > 5 and word.endswith("eaux"):
        word = word[:-1]
    elif len(word) > 5 and word.endswith("aux"):
        word = word[:-3] + "al"
    elif len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    if not word.isalpha():
        return word
    for ending, masculine, shortest in _ENDINGS:
        if len(word) >= shortest and word.endswith(ending):
            word = word[: -len(ending)] + masculine
            break
    else:
        for _ in range(2):
            if len(word) > 4 and word.endswith("e"):
                word = word[:-1]
    # "eur" and "eux" (and the "euse" folded above) meet at "eu": fumeur, fumeuse; anxieux,
    # anxieuse.
    if len(word) > 5 and word.endswith("eur"):
        word = word[:-1]
    return word


def index_words(text: str) -> str:
    """The searchable form of a text: its normalised words, then once each the folded forms
    that differ from them and the hyphenated compounds joined ("Parents endeuillés, burn-out"
    gives "parents endeuilles burn out parent endeuill burnout"). The words as written stay
    first, so the stored text still reads as the text."""
    words = normalize(text).split()
    extra: dict[str, None] = {}
    for word in words:
        folded = stem(word)
        if folded != word:
            extra[folded] = None
    for compound in _COMPOUND.findall(text):
        extra[stem(normalize(compound).replace(" ", ""))] = None
    written = set(words)
    return " ".join([*words, *(word for word in extra if word not in written)])


def query_terms(text: str, limit: int = 12) -> list[tuple[str, ...]]:
    """The terms a visitor typed, each as the words it may be found by: one stemmed word, or
    for a compound its joined form first, then its parts ("burn-out" gives ("burnout",
    "burn", "out"): the joined word, or every part). Distinct, at most `limit`, each word cut
    to 40 characters, as `tokens` does."""
    terms: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for chunk in text.split():
        compound = _COMPOUND.fullmatch(chunk.strip(".,;:!?()«»\"'"))
        if compound:
            parts = [stem(part[:40]) for part in normalize(compound.group()).split()]
            found = [(stem("".join(normalize(compound.group()).split())[:40]), *parts)]
        else:
            found = [(stem(word[:40]),) for word in normalize(chunk).split()]
        for term in found:
            if term in seen:
                continue
            seen.add(term)
            terms.append(term)
            if len(terms) >= limit:
                return terms
    return terms
