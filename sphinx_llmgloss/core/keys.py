"""The one normalisation of term text, shared by loading, lookup, matching and ids.

Two spellings that a reader would call "the same term" get the same key:
hyphens and runs of white space become one space, typographic apostrophes and
dashes become ASCII, and (unless ``fold_case`` is false) case is folded.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

APOSTROPHES = "\u2019\u2018\u02bc\u2032`"
HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2212-"
_OTHER_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(
    map(chr, [*range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
)

# One code point in, one code point out, so that offsets survive folding. "İ" is the
# only character whose lower() is longer than itself; it folds to "I" first.
CHAR_TABLE = str.maketrans(
    {
        **{c: "'" for c in APOSTROPHES},
        **{c: " " for c in HYPHENS + _OTHER_SPACES},
        "\u0130": "I",
    }
)
_SPACES = re.compile(r" {2,}")
# Letters of scripts written without spaces between words (Thai, Lao, Myanmar, Khmer,
# Japanese kana, CJK ideographs) and of Hangul, whose particles attach to the word
# before them: a Latin term or abbreviation may touch them ("使用KV cache进行推理",
# "KV cache를"), so they end a word as a space does. The blocks' bounds, first and
# past-the-end code points: a regular expression of these ranges takes milliseconds to
# compile, paid by every process that imports this module.
_UNSPACED_BLOCKS = (
    *(0x0E00, 0x0F00),  # Thai, Lao
    *(0x1000, 0x10A0),  # Myanmar
    *(0x1780, 0x1800),  # Khmer
    *(0x3040, 0x3100),  # Hiragana, Katakana
    *(0x3400, 0x4DC0),  # CJK Extension A
    *(0x4E00, 0xA000),  # CJK Unified Ideographs
    *(0xAC00, 0xD7B0),  # Hangul syllables
    *(0xF900, 0xFB00),  # CJK Compatibility Ideographs
)
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def fold(text: str, *, fold_case: bool = True) -> str:
    """Unify dashes, apostrophes and white space (and case); same length as ``text``."""
    unified = text.translate(CHAR_TABLE)
    return unified.lower() if fold_case else unified


def normalize_key(text: str, *, fold_case: bool = True) -> str:
    """Return the lookup key of a term spelling."""
    return _SPACES.sub(" ", fold(text, fold_case=fold_case)).strip()


def slugify(text: str) -> str:
    """Return a stable ASCII id for a headword: ``"Little's Law"`` -> ``littles-law``."""
    key = normalize_key(text).replace("'", "")
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return _SLUG_JUNK.sub("-", ascii_key).strip("-")


def singular_keys(key: str) -> list[str]:
    """Candidate singular forms of a (normalised) key, most likely first.

    English plural and possessive endings only; enough for lookup of
    ``"KV caches"``, ``"LLMs"`` or ``"vLLM's"``.
    """
    candidates: list[str] = []
    for suffix, replacement in (("'s", ""), ("s'", "s"), ("ies", "y"), ("es", ""), ("s", "")):
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            candidates.append(key[: -len(suffix)] + replacement)
    return candidates


# Below this, no character is unspaced: comparing with it first spares the call.
UNSPACED_FROM = chr(_UNSPACED_BLOCKS[0])


def unspaced(char: str) -> bool:
    """Whether ``char`` is a letter of a script written without spaces (or Hangul)."""
    return bisect_right(_UNSPACED_BLOCKS, ord(char)) % 2 == 1


def continues_word(char: str) -> bool:
    """Whether ``char`` next to a term or an abbreviation makes it part of a longer word."""
    return (char.isalnum() or char == "_") and (char < UNSPACED_FROM or not unspaced(char))
