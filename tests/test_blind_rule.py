"""The blind split's rule (pipeline.blind): one place, and files that land after the list is written."""
from pathlib import Path

from pipeline.blind import blind_paths, country, is_blind
from pipeline.gold import blind_statutes


def _blind_and_dev_codes() -> tuple[str, str]:
    codes = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    return next(c for c in codes if is_blind(c)), next(c for c in codes if not is_blind(c))


def test_first_corpus_countries_are_never_blind_and_subnational_codes_follow_their_country():
    assert not any(is_blind(c) for c in ("GB-EAW", "AU-NSW", "US-MO", "ZA-CPT", "CoE"))
    blind, dev = _blind_and_dev_codes()
    assert country(f"{blind}-X1") == blind
    assert is_blind(f"{blind.lower()}-x1") and not is_blind(f"{dev}-X1")


def test_a_file_of_a_blind_country_is_blind_before_the_list_is_rewritten(tmp_path: Path):
    blind, dev = _blind_and_dev_codes()
    corpora = tmp_path / "corpora"
    for code in (blind, dev, "zz-listed"):
        (corpora / "acts" / code.lower()).mkdir(parents=True)
        (corpora / "acts" / code.lower() / "act-en.txt").write_text("1. Short title.\n", encoding="utf-8")
    (corpora / "BLIND.tsv").write_text("path\tjurisdiction\nacts/zz-listed/act-en.txt\tZZ\n", encoding="utf-8")
    paths = blind_paths(corpora)
    assert f"acts/{blind.lower()}/act-en.txt" in paths          # by the rule, not yet listed
    assert "acts/zz-listed/act-en.txt" in paths                  # listed
    assert f"acts/{dev.lower()}/act-en.txt" not in paths
    assert f"corpora/acts/{blind.lower()}/act-en.txt" in blind_statutes(tmp_path)


def test_rounds_come_from_the_list_and_unlisted_files_are_new(tmp_path: Path):
    from pipeline.blind import blind_rounds

    blind, _ = _blind_and_dev_codes()
    corpora = tmp_path / "corpora"
    (corpora / "acts" / blind.lower()).mkdir(parents=True)
    (corpora / "acts" / blind.lower() / "late-en.txt").write_text("1. Title.\n", encoding="utf-8")
    (corpora / "BLIND.tsv").write_text("path\tjurisdiction\tadded\nacts/zz/a.txt\tZZ\ts5\nacts/zz/b.txt\tZZ\t\n",
                                       encoding="utf-8")
    assert blind_rounds(corpora) == {"acts/zz/a.txt": "s5", "acts/zz/b.txt": "s5",
                                     f"acts/{blind.lower()}/late-en.txt": "new"}


def test_labelled_rounds_say_when_the_gold_was_first_scored(tmp_path: Path):
    """A statute of an older blind country annotated in a later round is new to the classifier."""
    from pipeline.blind import blind_rounds

    corpora = tmp_path / "corpora"
    corpora.mkdir()
    (corpora / "BLIND.tsv").write_text("path\tjurisdiction\tadded\tlabelled\n"
                                       "acts/zz/a.txt\tZZ\ts5\ts5\nacts/zz/b.txt\tZZ\ts5\ts7\n"
                                       "acts/zz/c.txt\tZZ\ts6\t\n", encoding="utf-8")
    assert blind_rounds(corpora) == {"acts/zz/a.txt": "s5", "acts/zz/b.txt": "s5", "acts/zz/c.txt": "s6"}
    assert blind_rounds(corpora, by="labelled") == {"acts/zz/a.txt": "s5", "acts/zz/b.txt": "s7",
                                                    "acts/zz/c.txt": "new"}
