"""A tiny synthetic statutory corpus (written for the tests) shared by the learned-model tests."""
from __future__ import annotations

from pipeline.classify import ClassifyItem

# (jurisdiction, text, labels)
ROWS = [
    ("AA", "Any person who possesses child sexual abuse material commits an offence.", {"csam_possession": "full"}),
    ("AA", "Any person who has in his possession child sexual abuse material for the purpose of selling it commits an offence.",
     {"csam_possession": "partial"}),
    ("AA", "Any person who distributes or circulates child sexual abuse material commits an offence.", {"csam_distribution": "full"}),
    ("AA", "In this Act, child means a person under the age of eighteen years.", {}),
    ("BB", "A person who knowingly keeps or stores child sexual abuse material on any device commits an offence.",
     {"csam_possession": "full"}),
    ("BB", "A person who disseminates or shares child sexual abuse material with another person commits an offence.",
     {"csam_distribution": "full"}),
    ("BB", "A person who produces or films child sexual abuse material commits an offence.", {"csam_production": "full"}),
    ("BB", "This Act may be cited as the Protection Act.", {}),
    ("CC", "Quiconque détient une image à caractère pédopornographique est puni de deux ans d'emprisonnement.",
     {"csam_possession": "full"}),
    ("CC", "Le fait de diffuser une image pédopornographique est puni de cinq ans d'emprisonnement.",
     {"csam_distribution": "full"}),
    ("CC", "Le fait de produire ou d'enregistrer une image pédopornographique est puni de cinq ans.",
     {"csam_production": "full"}),
    ("CC", "Le présent code entre en vigueur le premier janvier.", {}),
    ("DD", "Whoever makes or produces child sexual abuse material shall be punished.", {"csam_production": "full"}),
    ("DD", "Whoever possesses or keeps child sexual abuse material shall be punished.", {"csam_possession": "full"}),
    ("DD", "Whoever distributes or disseminates child sexual abuse material shall be punished.",
     {"csam_distribution": "full"}),
    ("DD", "The Minister may make regulations under this Part.", {}),
]


def items():
    return [ClassifyItem(text=t, lang="fr" if j == "CC" else "en") for j, t, _ in ROWS]


def labels():
    return [dict(lab) for _, _, lab in ROWS]


def jurisdictions():
    return [j for j, _, _ in ROWS]
