"""The text layer: normalisation keys, tokens with offsets, proclitics, sentences.

    from rasd.text.normalize import norm_key, normalize_map
    from rasd.text.tokenize import tokenize
    from rasd.text.clitics import segment, word_count
    from rasd.text.sentences import split_sentences

The Arabic resources several stages share are modules of their own here, imported by path:
`rasd.text.article` (the one rule for the definite article), `rasd.text.inflect` (word forms by
rule), `rasd.text.function_words` (complementizers, negations, clause boundaries, speaker heads)
and `rasd.text.docindex` (a token-level index of a document's annotations).

(`tokenize` is deliberately not re-exported here: the name would hide the `rasd.text.tokenize`
module.) Nothing is loaded at import time; the word-frequency lexicon is read on first use.
"""

from rasd.text.clitics import segment, word_count
from rasd.text.normalize import key_span, norm_key, norm_light, normalize_map
from rasd.text.sentences import split_sentences

__all__ = ["key_span", "norm_key", "norm_light", "normalize_map", "segment", "split_sentences", "word_count"]
