"""NewsFANE in ANERcorp's conventions: class mapping, clitics attached again, copies found."""

from __future__ import annotations

import importlib.util

import pytest

from helpers import ROOT
from rasd.errors import TrainingDataError
from rasd.ner.conll import Sentence, read_conll
from rasd.ner.newsfane import OverlapIndex, class_agreement, letters_key, map_tags, read_fane, rejoin

LRM = "\u200e"

# a made-up lexicon of joined forms for `rejoin` (a corpus count per written form)
COUNTS = {"حكومته": 40, "وجهك": 12, "كفي": 3, "كما": 900, "امتداده": 5}


def count(form: str) -> int:
    return COUNTS.get(form, 0)


def test_classes_map_to_anercorp_types_and_nationalities_are_dropped():
    tags = ("B-Athlete", "I-Athlete", "O", "B-Sports", "I-Sports", "B-Group", "B-Nation", "B-Book")
    assert map_tags(tags) == ("B-PERS", "I-PERS", "O", "B-ORG", "I-ORG", "O", "B-LOC", "B-MISC")


def test_an_inside_tag_after_another_class_starts_an_entity():
    assert map_tags(("B-Group", "I-Group", "I-Nation")) == ("O", "O", "B-LOC")
    assert map_tags(("B-Athlete", "I-Politician")) == ("B-PERS", "I-PERS")
    assert map_tags(("B-Nation", "I-Sports")) == ("B-LOC", "B-ORG")


def test_mapping_can_be_overridden_per_class():
    assert map_tags(("B-Group",), {"Group": "MISC"}) == ("B-MISC",)


def test_proclitics_attach_to_the_next_token_which_keeps_its_tag():
    tokens = ("و", "ب", "بغداد", "قال", "ل", "الاتحاد")
    tags = ("O", "O", "B-Population-Center", "O", "O", "B-Sports")
    assert rejoin(tokens, tags, count) == (
        ("وببغداد", "قال", "للاتحاد"),
        ("B-Population-Center", "O", "B-Sports"),
    )


def test_pronouns_attach_only_to_make_an_attested_word():
    tokens = ("عاصمة", "ل", "حكومت", "ه", "بمساحة", "75", "كم", "على", "امتداد", "ه", "سوق", "ها")
    tags = ("O",) * len(tokens)
    joined, _ = rejoin(tokens, tags, count)
    # the host word without its proclitic is looked up («حكومته»); «كم» after a number stays a
    # word; «سوقها» is not in the lexicon, so «ها» stays a token
    assert joined == ("عاصمة", "لحكومته", "بمساحة", "75", "كم", "على", "امتداده", "سوق", "ها")


def test_kaf_goes_to_the_side_that_makes_the_more_frequent_word():
    tags = ("O",) * 4
    assert rejoin(("رسم", "وجه", "ك", "في"), tags, count)[0] == ("رسم", "وجهك", "في")
    assert rejoin(("قال", "ك", "ما", "قال"), tags, count)[0] == ("قال", "كما", "قال")


def test_a_clitic_before_a_number_or_at_the_end_stays_a_token():
    assert rejoin(("و", "2002"), ("O", "O"), count)[0] == ("و", "2002")
    assert rejoin(("قال", "و"), ("O", "O"), count)[0] == ("قال", "و")


def test_the_same_text_tokenised_either_way_has_the_same_key_and_matches():
    fane = ("و", "قال", "رئيس", "حكومت", "ه", "ان", "ه", "سيزور", "بغداد", "في", "الربيع", ".")
    anercorp = ("وقال", "رئيس", "حكومته", "إنه", "سيزور", "بغداد", "في", "الربيع", ".")
    assert letters_key(fane) == letters_key(anercorp)
    other = ("هطلت", "أمطار", "غزيرة", "على", "السواحل", "الشمالية", "صباح", "اليوم", ".")
    index = OverlapIndex([other, anercorp])
    assert index.coverage(fane) == 1.0
    assert index.coverage(fane, 1) == 1.0 and OverlapIndex([anercorp, other]).coverage(fane, 1) == 0.0
    assert index.coverage(("اجتمع", "الوزراء", "في", "القاهرة", "لبحث", "الميزانية", ".")) < 0.2
    # a sentence that joins two reference sentences is covered by both together
    assert index.coverage(other + anercorp) > 0.85  # all but the 8-grams across the join


def test_read_fane_removes_direction_marks_and_refuses_unknown_tags(tmp_path):
    p = tmp_path / "newsfane.txt"
    p.write_text(f"\ufeff{LRM}زار\tO\n{LRM}بغداد\tB-Population-Center\n\n{LRM}و\tO\n", encoding="utf-8")
    sents = read_fane(p)
    assert [s.tokens for s in sents] == [("زار", "بغداد"), ("و",)]
    assert sents[0].tags == ("O", "B-Population-Center")
    p.write_text("زار\tO\nبغداد\tB-Planet\n", encoding="utf-8")
    with pytest.raises(TrainingDataError, match="B-Planet"):
        read_fane(p)


def _script():
    spec = importlib.util.spec_from_file_location("newsfane_to_conll", ROOT / "scripts" / "newsfane_to_conll.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SENTENCES = [
    ["وصل", "الوزير", "إلى", "بغداد", "صباح", "اليوم", "في", "زيارة", "رسمية", "."],
    ["وافتتح", "الرئيس", "معرضا", "للكتاب", "في", "القاهرة", "مساء", "الخميس", "."],
    ["وفاز", "فريق", "الزمالك", "على", "ضيفه", "بثلاثة", "أهداف", "نظيفة", "."],
    ["وأعلنت", "الشركة", "عن", "أرباح", "قياسية", "خلال", "الربع", "الأخير", "."],
]


def test_script_drops_copies_of_development_sentences_and_keeps_new_text(tmp_path):
    anercorp = tmp_path / "train.txt"
    anercorp.write_text(
        "\n".join("\n".join(f"{t} O" for t in s) + "\n" for s in SENTENCES), encoding="utf-8"
    )
    fane_dir = tmp_path / "newsfane"
    fane_dir.mkdir()
    dev_copy = ["و", "اعلنت", "الشركة", "عن", "ارباح", "قياسية", "خلال", "الربع", "الاخير", "."]
    train_copy = ["و", "وصل", "الوزير", "الى", "بغداد", "صباح", "اليوم", "في", "زيارة", "رسمية", "."]
    new = ["و", "هبطت", "طائرة", "الوفد", "في", "مطار", "تونس", "."]
    tags = {"بغداد": "B-Population-Center", "تونس": "B-Population-Center", "الوفد": "B-Group"}
    fane_dir.joinpath("newsfane.txt").write_text(
        "\n".join("\n".join(f"{LRM}{t}\t{tags.get(t, 'O')}" for t in s) + "\n" for s in (dev_copy, train_copy, new)),
        encoding="utf-8",
    )
    out = tmp_path / "out.txt"
    # four sentences, --dev-split 0.25: the last one is the development part
    assert _script().main([str(fane_dir), str(anercorp), str(out), "--dev-split", "0.25"]) == 0
    kept = read_conll(out)
    assert [s.tokens for s in kept] == [("وهبطت", "طائرة", "الوفد", "في", "مطار", "تونس", ".")]
    assert kept[0].tags == ("O", "O", "O", "O", "O", "B-LOC", "O")
    assert _script().main([str(fane_dir), str(anercorp), str(out), "--dev-split", "0.25", "--keep", "all"]) == 0
    assert len(read_conll(out)) == 2  # the copy of a training sentence too, never the dev one


def test_script_refuses_a_bad_class_override(tmp_path):
    with pytest.raises(SystemExit, match="Planet"):
        _script().main([str(tmp_path), str(tmp_path / "t.txt"), str(tmp_path / "o.txt"), "--map", "Planet=LOC"])


def test_class_agreement_counts_the_reference_types_of_each_fine_class():
    fane = read_fane_text(
        [("و", "O"), ("زار", "O"), ("وزير", "O"), ("الخارجية", "B-Government"), ("بغداد", "B-Population-Center")]
    )
    reference = [Sentence(("وزار", "وزير", "الخارجية", "بغداد"), ("O", "O", "O", "B-LOC"))]
    table = class_agreement(fane, reference, count)
    assert table["Government"] == {"O": 1}
    assert table["Population-Center"] == {"LOC": 1}
    assert table["O"] == {"O": 2}
    # a sentence the reference does not have counts nowhere
    assert class_agreement(read_fane_text([("سافر", "O"), ("الوزير", "O")]), reference, count) == {}


def read_fane_text(pairs: list[tuple[str, str]]) -> list[Sentence]:
    return [Sentence(tuple(t for t, _ in pairs), tuple(g for _, g in pairs))]
