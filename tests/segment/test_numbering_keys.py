"""Sequence keys: hyphenated and code-book numbers are siblings in sequence like plain ones."""
from pipeline.segment.numbering import clean_num, sequence_key


def test_sequence_key_of_plain_hyphenated_and_code_numbers():
    assert sequence_key("12") == ("", 12)
    assert sequence_key("227-23") == ("227", 23) and sequence_key("227-24") == ("227", 24)
    assert sequence_key("L. 39-1") == sequence_key("L.39-1") == sequence_key("L39-1") == ("L39", 1)
    assert sequence_key("474.22") == ("474", 22)
    assert sequence_key("128 bis") == ("", 128)
    assert sequence_key("premier") is None


def test_clean_num_of_code_and_superscript_numbers():
    assert clean_num("L. 39-1") == "L.39-1"
    assert clean_num("36^1") == clean_num("36<sup>1</sup>") == "36-1"
