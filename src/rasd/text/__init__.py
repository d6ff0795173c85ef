"""The text layer: normalisation keys, tokens with offsets, proclitics, sentences.

    from rasd.text.normalize import norm_key, normalize_map
    from rasd.text.tokenize import tokenize
    from rasd.text.clitics import segment, word_count
    from rasd.text.sentences import split_sentences

(`tokenize` is deliberately not re-exported here: the name would hide the `rasd.text.tokenize`
module.) Nothing is loaded at import time; the word-frequency lexicon is read on first use.
"""

from rasd.text.clitics import segment, word_count
from rasd.text.normalize import key_span, norm_key, norm_light, normalize_map
from rasd.text.sentences import split_sentences

__all__ = ["key_span", "norm_key", "norm_light", "normalize_map", "segment", "split_sentences", "word_count"]
