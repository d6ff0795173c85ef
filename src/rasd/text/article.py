"""The definite article of normalised keys: the one rule for taking it off a word.

    strip_article("الوزير") == "وزير"
    strip_article("الي") == "الي"            # fewer than two letters would be left
    strip_article("السلم", keep=3) == "سلم"  # a caller that wants three letters left says so

Keys are `norm_key` forms (the article is always written «ال» there). Where nothing is taken off,
the very same string is returned, so a caller may test `stripped is not key`.
"""

from __future__ import annotations

__all__ = ["ARTICLE", "has_article", "strip_article"]

ARTICLE = "ال"


def has_article(key: str, keep: int = 2) -> bool:
    """Whether `key` begins with the article and at least `keep` letters follow it."""
    return key.startswith(ARTICLE) and len(key) - len(ARTICLE) >= keep


def strip_article(key: str, keep: int = 2) -> str:
    """`key` without a leading article when at least `keep` letters are left after it, else `key`."""
    return key[len(ARTICLE) :] if has_article(key, keep) else key
