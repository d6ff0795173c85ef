"""The text layer: normalisation keys, tokens with offsets, proclitics, sentences.

Nothing is loaded at import time; the word-frequency lexicon is read on the first `segment` call.
"""

from rasd.text.clitics import segment, word_count
from rasd.text.normalize import key_span, norm_key, norm_light, normalize_map
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize

__all__ = [
    "key_span",
    "norm_key",
    "norm_light",
    "normalize_map",
    "segment",
    "split_sentences",
    "tokenize",
    "word_count",
]
