"""Language identification on statutory sentences written for these tests (not quoted from any law)."""
from __future__ import annotations

import pytest

from pipeline.extract.language import detect_language, function_word_vote

SAMPLES = {
    "en": "A person who makes or distributes an indecent image of a child commits an offence and is liable "
          "on conviction to imprisonment for a term not exceeding ten years.",
    "fr": "Est puni de cinq ans d'emprisonnement le fait de détenir une image d'un mineur présentant un "
          "caractère pornographique, quel que soit le support utilisé.",
    "ro": "Fapta persoanei care produce, deține sau distribuie materiale pornografice cu minori se pedepsește "
          "cu închisoare de la unu la cinci ani și interzicerea exercitării unor drepturi.",
    "pl": "Kto utrwala, rozpowszechnia lub przechowuje treści pornograficzne z udziałem małoletniego, "
          "podlega karze pozbawienia wolności od roku do lat dziesięciu.",
    "sk": "Kto vyrobí, rozširuje alebo prechováva detskú pornografiu, potrestá sa odňatím slobody na jeden "
          "rok až päť rokov, ak ide o čin spáchaný závažnejším spôsobom konania.",
    "es": "El que produjere, vendiere o distribuyere material pornográfico en cuya elaboración hayan sido "
          "utilizados menores de edad será castigado con la pena de prisión de uno a cinco años.",
    "de": "Wer einen kinderpornographischen Inhalt verbreitet oder der Öffentlichkeit zugänglich macht, "
          "wird mit Freiheitsstrafe von einem Jahr bis zu zehn Jahren bestraft.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_statutory_sentences_get_their_language(lang):
    assert detect_language(SAMPLES[lang]) == lang


def test_a_long_statute_is_settled_by_function_words_alone():
    text = " ".join([SAMPLES["en"], "Any person who, by means of a computer system, communicates with a child "
                     "that is under sixteen shall be guilty of an offence in respect of which the court may "
                     "impose a fine as well as imprisonment."] * 5)
    lang, best, second = function_word_vote(text)
    assert lang == "en" and best >= 20 and best >= 4 * second


def test_too_little_text_is_undetermined():
    assert detect_language("s. 12(3)(b)") == "und"
    assert detect_language("", default="xx") == "xx"


def test_a_bilingual_print_keeps_the_language_its_function_words_vote_for():
    """An English gazette that also prints the Afrikaans version stays English (lexbench reads English)."""
    english = " ".join([SAMPLES["en"], "Any person who, by means of a computer system, communicates with a child "
                        "that is under sixteen shall be guilty of an offence in respect of which the court may "
                        "impose a fine as well as imprisonment."] * 3)
    afrikaans = ("Enige persoon wat 'n onwelvoeglike beeld van 'n kind maak of versprei, begaan 'n misdryf en is by "
                 "skuldigbevinding strafbaar met gevangenisstraf vir 'n tydperk van hoogstens tien jaar. ") * 6
    assert detect_language(english + "\n" + afrikaans) == "en"
