"""Lexicon 1.12.0: cues for development languages that had positives in the gold and no cues at all
(Maltese, Lithuanian, Latvian, Estonian, Icelandic, Turkish; more Greek).

Every sentence here is statutory-style wording written for these tests (none is quoted from a
statute). Each language has a control: the same wording without the offence, or with another law.
"""
from __future__ import annotations

import pytest

from pipeline.benchmarks import load_benchmark
from pipeline.classify import get_classifier
from pipeline.classify.inputs import ClassifyItem


def labels(text: str, lang: str) -> dict[str, str]:
    rules = get_classifier("rules")
    return {lab.id: lab.coverage for lab in rules.label([ClassifyItem(text=text, lang=lang)], load_benchmark("default"))[0]}


@pytest.mark.parametrize("text,lang,expected", [
    # Maltese: "Kull min ... jeħel, meta jinsab ħati, ..."
    ("Kull min jipproduċi jew iqassam materjal pornografiku li juri minuri jeħel, meta jinsab ħati, "
     "il-piena ta' priġunerija.", "mt", {"csam_production", "csam_distribution"}),
    ("Kull persuna li jkollha fil-pussess tagħha pornografija tat-tfal teħel, meta tinsab ħatja, multa.",
     "mt", {"csam_possession"}),
    # Lithuanian: "Tas, kas ... baudžiamas ..."
    ("Tas, kas pagamino arba platino pornografinio turinio dalykus, kuriuose vaizduojamas vaikas, "
     "baudžiamas laisvės atėmimu.", "lt", {"csam_production", "csam_distribution"}),
    ("Tas, kas pasiūlė vaikui susitikti siekdamas lytiškai santykiauti, baudžiamas bauda.", "lt", {"grooming"}),
    # Latvian: "Par ... — soda ar ..."
    ("Par bērnu pornogrāfijas izplatīšanu — soda ar brīvības atņemšanu.", "lv", {"csam_distribution"}),
    # Estonian: "... eest – karistatakse ..."
    ("Lapsporno valmistamise või levitamise eest – karistatakse vangistusega.", "et",
     {"csam_production", "csam_distribution"}),
    # Icelandic: "Hver sem ... skal sæta fangelsi"
    ("Hver sem hefur í vörslum sínum myndefni sem sýnir barn á kynferðislegan hátt skal sæta fangelsi.",
     "is", {"csam_possession"}),
    ("Hver sem mælir sér mót við barn í því skyni að hafa við það kynferðismök skal sæta fangelsi.",
     "is", {"grooming"}),
    # Turkish: "... eden kişi ... cezalandırılır"
    ("Çocuk pornografisi üreten kişi hapis cezası ile cezalandırılır.", "tr", {"csam_production"}),
    # Greek: a proposal to meet a minor for an offence against sexual dignity
    ("Όποιος μέσω διαδικτύου προτείνει σε ανήλικο να συναντήσει τον ίδιο για γενετήσια πράξη τιμωρείται "
     "με φυλάκιση.", "el", {"grooming"}),
])
def test_development_language_cues(text, lang, expected):
    got = labels(text, lang)
    assert expected <= set(got), got


@pytest.mark.parametrize("text,lang", [
    # the same acts on adult material, or with no offence marker, are nothing
    ("Kull min jipproduċi jew iqassam materjal dwar l-agrikoltura jeħel, meta jinsab ħati, multa.", "mt"),
    ("Tas, kas pagamino arba platino vaisių sultis, baudžiamas bauda.", "lt"),
    ("Lapsporno valmistamise või levitamise mõiste on määratletud seaduses.", "et"),
    ("Çocuk pornografisi üretimi bu kanunda tanımlanmıştır.", "tr"),
])
def test_development_language_controls(text, lang):
    assert not labels(text, lang)


@pytest.mark.parametrize("text,lang", [
    ("Tas, kas grasindamas paskelbti kompromituojančią informaciją reikalavo perduoti turtą, baudžiamas "
     "laisvės atėmimu.", "lt"),
    ("Par pieprasījumu atdot mantu, piedraudot izpaust apkaunojošas ziņas (izspiešana), — soda ar brīvības "
     "atņemšanu.", "lv"),
    ("Varalise kasu nõudmise eest, kui on ähvardatud avaldada häbistavaid andmeid, – karistatakse vangistusega.",
     "et"),
])
def test_extortion_by_threat_of_disclosure_in_development_languages(text, lang):
    assert "sexual_extortion" in labels(text, lang)


def test_rape_by_threat_is_not_extortion_in_lithuanian():
    """A sexual act obtained by threats or violence is rape or sexual assault (GUIDELINES rule 7b)."""
    text = ("Tas, kas grasindamas panaudoti smurtą privertė asmenį lytiškai santykiauti, reikalavo paklusti, "
            "baudžiamas laisvės atėmimu.")
    assert "sexual_extortion" not in labels(text, "lt")


def test_english_words_that_look_like_new_cues_stay_silent():
    """The new cues fire in every language: English 'gaming', 'satan', 'lapse' must not become acts or children."""
    text = ("A person who operates gaming material or lets a licence lapse commits an offence and is liable "
            "to a fine.")
    assert not labels(text, "en")


# -- lexicon 1.13.0: extortion wording beyond the verbs the lexicon knew ---------------------------------

@pytest.mark.parametrize("text,lang", [
    # a threat to disseminate or make public an intimate image, with a demand
    ("A person who threatens to disseminate an intimate image of another person unless that person pays "
     "money commits an offence.", "en"),
    ("A person who threatens to make public a sexual recording of a child in order to obtain further images "
     "commits an offence.", "en"),
    # criminal intimidation (threat to make a person do or omit any act), and fear as the means of extortion
    ("Whoever threatens another with injury to his reputation, with intent to cause that person to do any act "
     "which he is not legally bound to do, shall be punished with imprisonment.", "en"),
    ("Whoever, in order to commit extortion, puts any person in fear, or attempts to do so, shall be punished "
     "with imprisonment.", "en"),
    ("A person who, by intimidation, threat or violence directed at any person or his family, induces him to do "
     "anything commits an offence.", "en"),
    ("Any person who shall threaten another with a wrong, demanding money or imposing any other condition, "
     "shall suffer the penalty of imprisonment.", "en"),
    # Catalan, Croatian, Slovene
    ("El qui amenaci una persona amb un mal exigint una quantitat ha de ser castigat amb pena de presó.", "ca"),
    ("Tko drugoga ozbiljnom prijetnjom prisili da što učini ili trpi kaznit će se kaznom zatvora.", "hr"),
    ("Kdor prisili drugega k plačilu tako, da mu zagrozi, da bo razkril njegove zasebne posnetke, se kaznuje z "
     "zaporom.", "sl"),
])
def test_extortion_wording(text, lang):
    assert "sexual_extortion" in labels(text, lang)


@pytest.mark.parametrize("text,lang", [
    # the act itself, without a threat, is distribution, not extortion
    ("A person who disseminates an intimate image of a child commits an offence.", "en"),
    # deprivation of liberty to coerce someone is a kidnapping
    ("Whoever deprives another person of his liberty in order to compel a third person to do anything shall "
     "be punished with imprisonment.", "en"),
    ("Tko drugome protupravno oduzme slobodu s ciljem da ga prisili da što učini kaznit će se kaznom zatvora.", "hr"),
])
def test_extortion_controls(text, lang):
    assert "sexual_extortion" not in labels(text, lang)


def test_catalan_offence_wording():
    got = labels("El qui posseeixi material pornogràfic en el qual apareguin imatges de menors d'edat ha de ser "
                 "castigat amb pena de presó.", "ca")
    assert "csam_possession" in got
    assert not labels("El qui posseeixi material agrícola ha de ser castigat amb multa.", "ca")


# -- lexicon 1.14.0: live transmission, contact with a child, intimate / abusive / nude depictions ----------

def test_webcast_and_simultaneous_transmission_are_live():
    assert "live_streaming" in labels("A person who webcasts a sexual performance by a child commits an offence.", "en")
    assert "live_streaming" in labels("A person who arranges the simultaneous transmission of sexual abuse of a "
                                      "child to viewers abroad commits an offence.", "en")
    # control: a webcast with no child and no sexual element
    assert not labels("A council that webcasts its meetings commits no offence.", "en")


def test_contacting_a_child_for_a_sexual_purpose_is_grooming():
    assert "grooming" in labels("A person who contacts a child by electronic means with intent to engage in "
                                "sexual activity with the child commits an offence.", "en")
    # control: contact with no sexual purpose (GUIDELINES: grooming needs a sexual purpose)
    assert "grooming" not in labels("A person who contacts a child to offer the child employment commits an "
                                    "offence.", "en")


@pytest.mark.parametrize("text,conduct", [
    ("A person who distributes an intimate image of a person under the age of 18 years commits an offence.",
     "csam_distribution"),
    ("A person who possesses an abusive image of a child commits an offence.", "csam_possession"),
    ("A person who produces a nude photograph of a child commits an offence.", "csam_production"),
])
def test_intimate_abusive_nude_depictions_of_a_child(text, conduct):
    assert conduct in labels(text, "en")


def test_a_depiction_of_a_child_without_a_sexual_qualifier_is_not_csam():
    assert not labels("A person who distributes an image of a child commits an offence.", "en")


def test_bengali_cues():
    """Lexicon 1.15.0 (sentences written for this test)."""
    got = labels("কোন ব্যক্তি শিশু পর্নোগ্রাফি বিতরণ বা প্রদর্শন করিলে তিনি অপরাধ করিয়াছেন বলিয়া গণ্য হইবেন।", "bn")
    assert {"csam_distribution", "csam_making_available"} <= set(got), got
    assert not labels("কোন ব্যক্তি কৃষি পণ্য বিতরণ করিলে তিনি অপরাধ করিয়াছেন বলিয়া গণ্য হইবেন।", "bn")


def test_procuring_a_sexual_act_by_threats_is_sexual_blackmail():
    """Lexicon 1.16.0, GUIDELINES rule 7b: obtaining a sexual act by threats is sexual extortion; rape by
    force and threats (the sexual act punished, threats among the means) is not."""
    assert "sexual_extortion" in labels("Any person who, by threats or intimidation, procures any person to have "
                                        "sexual intercourse is guilty of an offence.", "en")
    assert "sexual_extortion" not in labels("Any person who, by force or threats, compels a person to have sexual "
                                            "intercourse is guilty of rape.", "en")


@pytest.mark.parametrize("text", [
    "An adult who uses electronic communication with intent to procure a person under the age of 16 years to "
    "engage in a sexual act commits an offence.",
    "A person who makes arrangements, in any part of the world, with the intention of meeting a child for a "
    "sexual purpose commits an offence.",
])
def test_grooming_by_electronic_communication_or_arranged_meeting(text):
    """Lexicon 1.17.0: the act is the use of the communication or the arrangement, not the purpose after it."""
    assert "grooming" in labels(text, "en")


def test_electronic_communication_without_a_sexual_purpose_is_not_grooming():
    assert "grooming" not in labels("A person who uses electronic communication with intent to procure a person "
                                    "under the age of 16 years to buy tobacco commits an offence.", "en")
