"""Named-entity recognition: a CRF tagger with clitic, gazetteer, trigger and word-cluster features,
and a document-level stage that adds gazetteer and apposition rules.

Nothing is loaded at import: the model, gazetteers and clusters load when a tagger or the stage is
first built (`rasd.ner.tagger.load_tagger`).
"""

from rasd.ner.conll import Sentence, read_conll, split_last, write_conll
from rasd.ner.scoring import PRF, Report, chunks, score

__all__ = ["PRF", "Report", "Sentence", "chunks", "read_conll", "score", "split_last", "write_conll"]
