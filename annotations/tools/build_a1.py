"""Writes annotator A1's gold JSONL files from the compact table below.

WHY a script: the table is faster to review than 50 JSON files, and writing through
one function guarantees every anchor is checked (verbatim, >= 25 chars, unique in the
normalised text) at write time. The JSONL files it writes are the source of truth.
Run: .venv/bin/python annotations/tools/build_a1.py
"""
from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from pipeline.extract import extract  # noqa: E402

ID = {"P": "csam_production", "O": "csam_offering", "M": "csam_making_available",
      "D": "csam_distribution", "T": "csam_transmission", "R": "csam_procuring",
      "S": "csam_possession", "A": "csam_access", "G": "grooming", "L": "live_streaming",
      "X": "sexual_extortion"}
# standard `because` strings (GUIDELINES.md §3)
IPD, IS, OFD, CS = "intent to distribute", "intent to sell", "only for distribution", "only via computer system"
U16, U15, U14, AOC = "victim under 16", "victim under 15", "victim under 14", "victim under age of consent"
OBS, MEET, MAT, PRIOR = "obscenity standard", "meeting required", "material acts required", "prior contact required"
HAB, STREAMER, VIEWER = "habitual access", "streamer side only", "viewer side only"
TOMIN, GEN, CUST = "only to minors", "general extortion only", "transfer of custody for production"
ADAPT, Y1417, NONGEN = "adapted images only", "victim 14 to 17 only", "non-genuine material only"


def L(spec: str, *because: str) -> list[dict]:
    """'PD' -> full labels for P and D; with because -> partial labels."""
    cov = "partial" if because else "full"
    return [{"id": ID[c], "coverage": cov, "because": "; ".join(because) if because else None} for c in spec]


# (file, ref, anchor, labels, role, note)
GOLD: list[tuple] = [
    # ---------------- US ----------------
    ("us/18-usc-2251.txt", "(a)", "employs, uses, persuades, induces, entices, or coerces any minor to engage in, or who has a minor assist any other person to engage in, or who transports any minor in or affecting interstate",
     L("P") + L("L", STREAMER), "offence", "using a minor to produce; live visual depiction limb reaches the streamer only"),
    ("us/18-usc-2251.txt", "(b)", "Any parent, legal guardian, or person having custody or control of a minor who knowingly permits such minor to engage in",
     L("P") + L("L", STREAMER), "offence", "parent permitting use of child in production"),
    ("us/18-usc-2251.txt", "(c)(1)", "sexually explicit conduct outside of the United States, its territories or possessions, for the purpose of producing",
     L("P"), "offence", "extraterritorial production; the US destination is a jurisdictional nexus (rule: nexus never narrows)"),
    ("us/18-usc-2251.txt", "(d)(1)", "knowingly makes, prints, or publishes, or causes to be made, printed, or published, any notice or advertisement seeking or offering",
     L("O"), "offence", "advertising offers to distribute/exchange; (A)/(B) name the objects"),
    ("us/18-usc-2251A.txt", "(a)", "who sells or otherwise transfers custody or control of such minor, or offers to sell",
     L("P", CUST), "offence", "selling a child for production of material"),
    ("us/18-usc-2251A.txt", "(b)", "Whoever purchases or otherwise obtains custody or control of a minor, or offers to purchase",
     L("P", CUST), "offence", "buying a child for production of material"),
    ("us/18-usc-2252.txt", "(a)(1)", "knowingly transports or ships using any means or facility of interstate or foreign commerce or in or affecting interstate or foreign commerce by any means including by computer or mails, any visual depiction",
     L("T"), "offence", None),
    ("us/18-usc-2252.txt", "(a)(2)", "knowingly receives, or distributes, any visual depiction using any means",
     L("RD") + L("P", OFD), "offence", "reproduces for distribution -> production partial"),
    ("us/18-usc-2252.txt", "(a)(3)(A)", "or in the Indian country as defined in section 1151 of this title, knowingly sells or possesses with intent to sell any visual depiction; or",
     L("D") + L("S", IS), "offence", "federal-territory nexus is jurisdictional"),
    ("us/18-usc-2252.txt", "(a)(3)(B)", "knowingly sells or possesses with intent to sell any visual depiction that has been mailed",
     L("D") + L("S", IS), "offence", None),
    ("us/18-usc-2252.txt", "(a)(4)(A)", "knowingly possesses, or knowingly accesses with intent to view, 1 or more books, magazines, periodicals, films, video tapes, or other matter which contain any visual depiction; or",
     L("SA"), "offence", None),
    ("us/18-usc-2252.txt", "(a)(4)(B)", "knowingly possesses, or knowingly accesses with intent to view, 1 or more books, magazines, periodicals, films, video tapes, or other matter which contain any visual depiction that has been mailed",
     L("SA"), "offence", None),
    ("us/18-usc-2252A.txt", "(a)(1)", "knowingly mails, or transports or ships using any means or facility",
     L("T"), "offence", None),
    ("us/18-usc-2252A.txt", "(a)(2)", "knowingly receives or distributes—",
     L("RD"), "offence", "(A)/(B) name the objects"),
    ("us/18-usc-2252A.txt", "(a)(3)(A)", "reproduces any child pornography for distribution through the mails",
     L("P", OFD), "offence", None),
    ("us/18-usc-2252A.txt", "(a)(3)(B)", "advertises, promotes, presents, distributes, or solicits through the mails",
     L("ODR"), "offence", "solicits material -> procuring"),
    ("us/18-usc-2252A.txt", "(a)(4)(A)", "knowingly sells or possesses with the intent to sell any child pornography; or",
     L("D") + L("S", IS), "offence", None),
    ("us/18-usc-2252A.txt", "(a)(4)(B)", "knowingly sells or possesses with the intent to sell any child pornography that has been mailed",
     L("D") + L("S", IS), "offence", None),
    ("us/18-usc-2252A.txt", "(a)(5)(A)", "knowingly possesses, or knowingly accesses with intent to view, any book, magazine, periodical, film, videotape, computer disk, or any other material that contains an image of child pornography; or",
     L("SA"), "offence", None),
    ("us/18-usc-2252A.txt", "(a)(5)(B)", "knowingly possesses, or knowingly accesses with intent to view, any book, magazine, periodical, film, videotape, computer disk, or any other material that contains an image of child pornography that has been mailed",
     L("SA"), "offence", None),
    ("us/18-usc-2252A.txt", "(a)(6)", "knowingly distributes, offers, sends, or provides to a minor any visual depiction",
     L("DOT", TOMIN), "offence", "providing material to a minor: exposure-type offence"),
    ("us/18-usc-2252A.txt", "(a)(7)", "knowingly produces with intent to distribute, or distributes, by any means",
     L("P", OFD, ADAPT) + L("D", ADAPT), "offence", "morphed images of identifiable minors only"),
    ("us/18-usc-1466A.txt", "(a)", "knowingly produces, distributes, receives, or possesses with intent to distribute, a visual depiction of any kind",
     L("PDR", OBS) + L("S", IPD, OBS), "offence", "obscenity / lacks-value test"),
    ("us/18-usc-1466A.txt", "(b)", "knowingly possesses a visual depiction of any kind, including a drawing",
     L("S", OBS), "offence", None),
    ("us/18-usc-2260.txt", "(a)", "A person who, outside the United States, employs, uses, persuades, induces, entices, or coerces any minor",
     L("P") + L("L", STREAMER), "offence", "import destination is a jurisdictional nexus"),
    ("us/18-usc-2260.txt", "(b)", "knowingly receives, transports, ships, distributes, sells, or possesses with intent to transport",
     L("RTD") + L("S", IPD), "offence", None),
    ("us/18-usc-2422.txt", "(b)", "persuades, induces, entices, or coerces any individual who has not attained the age of 18 years",
     L("G"), "offence", "enticement of a minor by mail or any interstate facility; (a) is not child-specific"),
    ("us/18-usc-2425.txt", "(whole)", "knowingly initiates the transmission of the name, address, telephone number",
     L("G", U16), "offence", "transmitting a minor's details to solicit sexual activity"),
    ("us/18-usc-875.txt", "(d)", "any threat to injure the property or reputation of the addressee",
     L("X", GEN), "offence", "general extortion by reputational threat: reaches commercial sextortion only"),
    # ---------------- GB ----------------
    ("gb/gb-coroners-and-justice-act-2009-s62-partial.txt", "(1)", "It is an offence for a person to be in possession of a prohibited image of a child.",
     L("S", OBS), "offence", "prohibited images need to be grossly offensive/obscene"),
    ("gb/gb-criminal-justice-act-1988-s160.txt", "(1)", "it is an offence for a person to have any indecent photograph or pseudo-photograph of a child in his possession",
     L("S"), "offence", None),
    ("gb/gb-protection-of-children-act-1978-s1.txt", "(1)(a)", "to take, or permit to be taken or to make, any indecent photograph",
     L("P"), "offence", "'make' is read by courts to include downloading; not labelled procuring/access (text does not say so)"),
    ("gb/gb-protection-of-children-act-1978-s1.txt", "(1)(b)", "to distribute or show such indecent photographs or pseudo-photographs; or",
     L("DM"), "offence", "show -> making available"),
    ("gb/gb-protection-of-children-act-1978-s1.txt", "(1)(c)", "to have in his possession such indecent photographs or pseudo-photographs, with a view to their being distributed",
     L("S", IPD), "offence", None),
    ("gb/gb-protection-of-children-act-1978-s1.txt", "(1)(d)", "to publish or cause to be published any advertisement likely to be understood",
     L("O"), "offence", None),
    ("gb/gb-sexual-offences-act-2003-s15A-partial.txt", "(1)(a)", "for the purpose of obtaining sexual gratification, A intentionally communicates with another person (B)",
     L("G", U16), "offence", "age limit in sibling (1)(c)"),
    ("gb/gb-sexual-offences-act-2003-s48-partial.txt", "(1)(a)", "he intentionally causes or incites another person (B) to be sexually exploited",
     L("P") + L("L", STREAMER), "offence", "sexual exploitation includes an indecent image being recorded or streamed (s.51(2)(b))"),
    ("gb/gb-sexual-offences-act-2003-s50.txt", "(1)(a)", "he intentionally arranges or facilitates the sexual exploitation in any part of the world",
     L("P") + L("L", STREAMER), "offence", "facilitator side; s.51(2)(b) recorded or streamed"),
    ("gb-sct/sct-protection-of-children-and-prevention-of-sexual-offences-act-2005-s1-partial.txt", "(1)(a)(i)", "(i) intentionally meets B;",
     L("G", U16, MEET, PRIOR), "offence", None),
    ("gb-sct/sct-protection-of-children-and-prevention-of-sexual-offences-act-2005-s1-partial.txt", "(1)(a)(ii)", "travels, in any part of the world, with the intention of meeting B",
     L("G", U16, MAT, PRIOR), "offence", None),
    ("gb-sct/sct-protection-of-children-and-prevention-of-sexual-offences-act-2005-s1-partial.txt", "(1)(a)(iii)", "makes arrangements, in any part of the world, with the intention of meeting B",
     L("G", U16, MAT, PRIOR), "offence", None),
    # ---------------- AU ----------------
    ("au/au-cth-criminal-code-s474.27A.txt", "(1)(a)", "the sender uses a carriage service to transmit a communication to another person",
     L("G", U16, CS), "offence", "indecent communication to a child under 16 by carriage service"),
    ("au/au-cth-criminal-code-ss474.19-474.20-repealed.txt", "474.19(1)(a)", "uses a carriage service to access material; or",
     [], "repealed", "repealed 2019 (MANIFEST); if in force: access, procuring, transmission, making available, distribution, all partial only via computer system"),
    ("au/au-cth-criminal-code-ss474.19-474.20-repealed.txt", "474.20(1)(a)", "produces, supplies or obtains material; and",
     [], "repealed", "repealed 2019 (MANIFEST)"),
    ("au/au-vic-crimes-act-1958-s51C.txt", "(1)(a)", "A intentionally produces material; and",
     L("P"), "offence", "(3) says production includes generating, altering, copying"),
    # ---------------- BW (child = under 14 in this Act) ----------------
    ("bw/bw-cybercrime-and-computer-related-crimes-act-2007-s16-partial.txt", "(3)(a)", "publishes child pornography or obscene material relating to children through a computer",
     L("M", U14, CS), "offence", "'child' defined as under 14 in (1)(c)"),
    ("bw/bw-cybercrime-and-computer-related-crimes-act-2007-s16-partial.txt", "(3)(b)", "produces child pornography or obscene material relating to children for the purpose of its publication",
     L("P", U14, OFD, CS), "offence", None),
    ("bw/bw-cybercrime-and-computer-related-crimes-act-2007-s16-partial.txt", "(3)(c)", "possesses child pornography or obscene material relating to children in a computer",
     L("S", U14, CS), "offence", None),
    ("bw/bw-cybercrime-and-computer-related-crimes-act-2007-s16-partial.txt", "(3)(d)", "conveying that the advertiser distributes or shows child pornography",
     L("O", U14), "offence", None),
    ("bw/bw-cybercrime-and-computer-related-crimes-act-2007-s16-partial.txt", "(3)(e)", "accesses child pornography or obscene material relating to children through",
     L("A", U14), "offence", "access through a computer is inherent to access: no technology limit"),
    ("bw/bw-cybercrime-and-computer-related-crimes-act-2007-s16-partial.txt", "(4)", "(4) A person who, by means of a computer or computer system, communicates with",
     L("G", CS), "offence", "best limb (a): under 18; (b)/(c) under 16; chapeau carries the conduct"),
    # ---------------- KE ----------------
    ("ke/ke-computer-misuse-and-cybercrimes-act-2018-s24-partial.txt", "(1)(a)", "publishes child pornography through a computer system;",
     L("M", CS), "offence", None),
    ("ke/ke-computer-misuse-and-cybercrimes-act-2018-s24-partial.txt", "(1)(b)", "produces child pornography for the purpose of its publication through a computer system",
     L("P", OFD, CS), "offence", None),
    ("ke/ke-computer-misuse-and-cybercrimes-act-2018-s24-partial.txt", "(1)(c)", "downloads, distributes, transmits, disseminates, circulates, delivers",
     L("RDTOM", CS), "offence", "'from a telecommunications apparatus'; object printed as 'pornography' inside the child pornography section"),
    ("ke/ke-computer-misuse-and-cybercrimes-act-2018-s24-partial.txt", "(1)(d)", "possesses child pornography in a computer system or on a computer data storage medium",
     L("S", CS), "offence", None),
    # ---------------- ZA ----------------
    ("za/za-films-and-publications-act-1996-s24B-partial.txt", "(1)(a)", "unlawfully possesses child pornography;",
     L("S"), "offence", None),
    ("za/za-films-and-publications-act-1996-s24B-partial.txt", "(1)(b)", "creates, produces or in any way contributes to, or assists in the creation",
     L("P"), "offence", None),
    ("za/za-films-and-publications-act-1996-s24B-partial.txt", "(1)(c)", "imports or in any way takes steps to procure, obtain or access",
     L("RA"), "offence", None),
    ("za/za-films-and-publications-act-1996-s24B-partial.txt", "(1)(d)", "knowingly makes available, exports, broadcasts or in any way distributes",
     L("MDTO"), "offence", "broadcasts -> transmission; publication that advertises CSAM -> offering"),
    # ---------------- CH ----------------
    ("ch/ch-criminal-code-art197-en-partial.txt", "4", "Any person who produces, imports, stores, markets, advertises, exhibits, offers, shows, passes on or makes accessible",
     L("POMDRS"), "offence", "second sentence: genuine sexual acts with minors (higher penalty)"),
    ("ch/ch-code-penal-art197-fr-partial.txt", "4", "Quiconque fabrique, importe, prend en dépôt, met en circulation, promeut",
     L("POMDRS", NONGEN), "offence", "the second sentence (genuine acts with minors) is missing from this file"),
    # ---------------- CoE / treaties (role: obligation) ----------------
    ("coe/coe-ets185-budapest-art9-en.txt", "9(1)(a)", "producing child pornography for the purpose of its distribution through a computer system",
     L("P", OFD, CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-en.txt", "9(1)(b)", "offering or making available child pornography through a computer system",
     L("OM", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-en.txt", "9(1)(c)", "distributing or transmitting child pornography through a computer system",
     L("DT", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-en.txt", "9(1)(d)", "procuring child pornography through a computer system for oneself",
     L("R", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-en.txt", "9(1)(e)", "possessing child pornography in a computer system or on a computer-data storage medium",
     L("S", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-fr.txt", "9(1)(a)", "la production de pornographie enfantine en vue de sa diffusion",
     L("P", OFD, CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-fr.txt", "9(1)(b)", "l'offre ou la mise à disposition de pornographie enfantine par le biais",
     L("OM", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-fr.txt", "9(1)(c)", "la diffusion ou la transmission de pornographie enfantine par le biais",
     L("DT", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-fr.txt", "9(1)(d)", "le fait de se procurer ou de procurer à autrui de la pornographie enfantine",
     L("R", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-fr.txt", "9(1)(e)", "la possession de pornographie enfantine dans un système informatique",
     L("S", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-nl.txt", "9(1)(a)", "het vervaardigen van kinderpornografie met het doel",
     L("P", OFD, CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-nl.txt", "9(1)(b)", "het aanbieden of beschikbaar stellen van kinderpornografie",
     L("OM", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-nl.txt", "9(1)(c)", "het verspreiden of overdragen van kinderpornografie",
     L("DT", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-nl.txt", "9(1)(d)", "het voor zichzelf of een ander verkrijgen van kinderpornografie",
     L("R", CS), "obligation", None),
    ("coe/coe-ets185-budapest-art9-nl.txt", "9(1)(e)", "het bezit van kinderpornografie in een computersysteem",
     L("S", CS), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-en.txt", "20(1)(a)", "a) producing child pornography;",
     L("P"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-en.txt", "20(1)(b)", "b) offering or making available child pornography;",
     L("OM"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-en.txt", "20(1)(c)", "c) distributing or transmitting child pornography;",
     L("DT"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-en.txt", "20(1)(d)", "procuring child pornography for oneself or for another person;",
     L("R"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-en.txt", "20(1)(e)", "e) possessing child pornography;",
     L("S"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-en.txt", "20(1)(f)", "knowingly obtaining access, through information and communication technologies, to child pornography",
     L("A"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-en.txt", "23", "criminalise the intentional proposal, through information and communication technologies, of an adult to meet a child",
     L("G", AOC, MEET, MAT, CS), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-nl.txt", "20(1)(a)", "a. het vervaardigen van kinderpornografie;", L("P"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-nl.txt", "20(1)(b)", "het aanbieden of ter beschikking stellen van kinderpornografie;", L("OM"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-nl.txt", "20(1)(c)", "het verspreiden of uitzenden van kinderpornografie;", L("DT"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-nl.txt", "20(1)(d)", "het, al dan niet voor een derde, verwerven van kinderpornografie;", L("R"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-nl.txt", "20(1)(e)", "e. het in bezit hebben van kinderpornografie;", L("S"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-nl.txt", "20(1)(f)", "welbewust toegang verschaffen tot kinderpornografie", L("A"), "obligation", None),
    ("coe/coe-cets201-lanzarote-arts3-18-24-nl.txt", "23", "het doen van een voorstel, door middel van informatie- en communicatietechnologie, door een volwassene",
     L("G", AOC, MEET, MAT, CS), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-fr-partial.txt", "20(1)(a)", "a) la production de pornographie enfantine;",
     L("P"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-fr-partial.txt", "20(1)(b)", "b) l'offre ou la mise à disposition de pornographie enfantine;",
     L("OM"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-fr-partial.txt", "20(1)(c)", "c) la diffusion ou la transmission de pornographie enfantine;",
     L("DT"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-fr-partial.txt", "20(1)(d)", "d) le fait de se procurer ou de procurer à autrui de la pornographie enfantine;",
     L("R"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-fr-partial.txt", "20(1)(e)", "e) la possession de pornographie enfantine;",
     L("S"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-fr-partial.txt", "20(1)(f)", "le fait d'accéder, en connaissance de cause et par le biais des technologies",
     L("A"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-it.txt", "20(1)(a)", "a. la produzione di pornografia infantile;",
     L("P"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-it.txt", "20(1)(b)", "b. offrire o rendere disponibile pornografia infantile;",
     L("OM"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-it.txt", "20(1)(c)", "c. diffondere o trasmettere pornografia infantile;",
     L("DT"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-it.txt", "20(1)(d)", "d. procurarsi o procurare ad altri pornografia infantile;",
     L("R"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-it.txt", "20(1)(e)", "e. il possesso di pornografia infantile;",
     L("S"), "obligation", None),
    ("coe/coe-cets201-lanzarote-art20-it.txt", "20(1)(f)", "f. accedere consapevolmente e attraverso tecnologie",
     L("A"), "obligation", None),
    # ---------------- UN ----------------
    ("un/un-opsc-2000-arts1-3-en.txt", "3(1)(c)", "Producing, distributing, disseminating, importing, exporting, offering, selling or possessing for the above purposes child pornography",
     L("PDO") + L("S", IPD), "obligation", "possession only 'for the above purposes'"),
    ("un/un-opsc-2000-arts1-3-nl.txt", "3(1)(c)", "het vervaardigen, distribueren, verspreiden, importeren, exporteren, aanbieden, verkopen of bezitten voor bovengenoemde doeleinden",
     L("PDO") + L("S", IPD), "obligation", None),
    # ---------------- EU (Italian) ----------------
    ("eu/eu-directive-2011-93-arts2-4-6-it-partial.txt", "4(2)", "2. Chiunque induce un minore a partecipare a spettacoli pornografici",
     L("L", STREAMER), "obligation", "spettacolo pornografico includes live exhibition by ICT (art. 2(e))"),
    ("eu/eu-directive-2011-93-arts2-4-6-it-partial.txt", "4(3)", "Chiunque costringe o fa uso di violenza nei confronti di un minore affinché partecipi a spettacoli pornografici",
     L("L", STREAMER), "obligation", None),
    ("eu/eu-directive-2011-93-arts2-4-6-it-partial.txt", "4(4)", "Chiunque consapevolmente assiste a spettacoli pornografici ai quali partecipano minori",
     L("L", VIEWER), "obligation", "attendance includes remote ICT attendance via art. 2(e)"),
    ("eu/eu-directive-2011-93-arts2-4-6-it-partial.txt", "6(1)", "Se un adulto propone, a mezzo di tecnologie dell'informazione e della comunicazione, a un minore",
     L("G", AOC, MEET, MAT, CS), "obligation", None),
    ("eu/eu-directive-2011-93-arts2-4-6-it-partial.txt", "6(2)", "il quale adeschi un minore che non abbia raggiunto l'età del consenso sessuale per fornire materiale pedopornografico",
     L("G", AOC, CS), "obligation", "soliciting images from a child"),
    # ---------------- CM ----------------
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "76", "celui qui confectionne, transporte, diffuse, par voie de communications électroniques",
     L("PTD", CS), "offence", None),
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "80(1)", "celui qui diffuse, fixe, enregistre ou transmet à titre onéreux ou gratuit",
     L("DPT", CS), "offence", None),
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "80(2)", "quiconque offre, rend disponible ou diffuse, importe ou exporte, par quelque moyen électronique",
     L("OMD", CS), "offence", None),
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "80(3)", "celui qui détient dans un réseau de communications électroniques",
     L("S", CS), "offence", None),
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "81(1) indent 1", "l'offre, la production, la mise à disposition de pornographie enfantine en vue de sa diffusion",
     L("OM", CS) + L("P", OFD, CS), "offence", "chapeau: committed by electronic communications network"),
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "81(1) indent 2", "le fait de se procurer ou de procurer à autrui de la pornographie enfantine par le biais",
     L("R", CS), "offence", None),
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "81(1) indent 3", "faire des propositions sexuelles à des mineurs de moins de quinze (15) ans",
     L("G", U15, CS), "offence", None),
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "81(1) indent 4", "la diffusion ou la transmission de pornographie enfantine par le biais",
     L("DT", CS), "offence", None),
    ("fr-africa-cm/cm-loi-2010-012-cybersecurite-cybercriminalite-arts76-79-82.txt", "82", "celui qui commet ou tente de commettre par voie de communications électroniques un outrage à la pudeur",
     L("L", U15, STREAMER), "offence", "indecent assault on a child committed at a distance by electronic communications (live abuse by the perpetrator); art. 79 is only an aggravation"),
    # ---------------- MG ----------------
    ("fr-africa-mg/mg-loi-2014-006-cybercriminalite-arts22-24-25-partial.txt", "22 al.3", "de fixer, d'enregistrer, de produire, de se procurer ou de transmettre l'image",
     L("P", OFD, CS) + L("RT", IPD, CS), "offence", "all limbs 'en vue de sa diffusion par le biais d'un support informatique'"),
    ("fr-africa-mg/mg-loi-2014-006-cybercriminalite-arts22-24-25-partial.txt", "22 al.5", "le fait d'offrir ou de diffuser une telle image ou représentation, par le biais",
     L("OD", CS), "offence", None),
    ("fr-africa-mg/mg-loi-2014-006-cybercriminalite-arts22-24-25-partial.txt", "22 al.6", "Le fait de consulter habituellement un service de communication au public en ligne",
     L("A", HAB) + L("S"), "offence", None),
    ("fr-africa-mg/mg-loi-2014-006-cybercriminalite-arts22-24-25-partial.txt", "24 al.1", "Le fait pour un majeur de faire des propositions sexuelles à un mineur",
     L("G", CS), "offence", "meeting is only an aggravation (al.2)"),
    # ---------------- MR ----------------
    ("fr-africa-mr/mr-loi-cybercriminalite-arts17-20.txt", "17", "enregistré, offert, mis à disposition, diffusé, transmis de la pornographie enfantine",
     L("POMDT", CS), "offence", None),
    ("fr-africa-mr/mr-loi-cybercriminalite-arts17-20.txt", "18", "procuré ou aura procuré à autrui, importé ou fait importer",
     L("R", CS), "offence", None),
    ("fr-africa-mr/mr-loi-cybercriminalite-arts17-20.txt", "19", "possédé de la pornographie enfantine dans un système informatique",
     L("S", CS), "offence", None),
    ("fr-africa-mr/mr-loi-cybercriminalite-arts17-20.txt", "20", "accédé ou facilité l'accès à de la pornographie enfantine",
     L("A") + L("M", CS), "offence", "facilitating access -> making available"),
    # ---------------- SN ----------------
    ("fr-africa-sn/sn-code-penal-loi-2008-11-art431-34-partial.txt", "431-34", "Quiconque aura produit, enregistré, offert, mis à disposition, diffusé, transmis",
     L("POMDT", CS), "offence", None),
    # ---------------- DE (youth material: 14-17) ----------------
    ("de/de-stgb-184c-partial.txt", "(1) Nr.1", "einen jugendpornographischen Inhalt verbreitet oder der Öffentlichkeit zugänglich macht",
     L("DM", Y1417), "offence", "§184c covers 14-17-year-olds; under-14 is §184b (not in corpus)"),
    ("de/de-stgb-184c-partial.txt", "(1) Nr.2", "es unternimmt, einer anderen Person einen jugendpornographischen Inhalt",
     L("MD", Y1417), "offence", None),
    ("de/de-stgb-184c-partial.txt", "(1) Nr.3", "der ein tatsächliches Geschehen wiedergibt, herstellt oder",
     L("P", Y1417), "offence", None),
    ("de/de-stgb-184c-partial.txt", "(1) Nr.4", "einen jugendpornographischen Inhalt herstellt, bezieht, liefert, vorrätig hält, anbietet, bewirbt",
     L("P", Y1417, OFD) + L("RS", Y1417, IPD) + L("DO", Y1417), "offence", "all limbs 'um ihn im Sinne der Nummer 1 oder 2 zu verwenden'"),
    ("de/de-stgb-184c-partial.txt", "(3)", "abzurufen oder sich den Besitz an einem solchen Inhalt zu verschaffen",
     L("ARS", Y1417), "offence", None),
    # ---------------- IT ----------------
    ("it/it-codice-penale-art600-quater.txt", "co.1", "consapevolmente si procura o detiene materiale pornografico",
     L("RS"), "offence", None),
    ("it/it-codice-penale-art600-quater.txt", "co.3", "accede intenzionalmente e senza giustificato motivo",
     L("A"), "offence", None),
    # ---------------- NL ----------------
    ("nl/nl-wetboek-van-strafrecht-art240a-240b-248d-248e-2017.txt", "240b(1)", "verspreidt, aanbiedt, openlijk tentoonstelt, vervaardigt, invoert, doorvoert, uitvoert, verwerft, in bezit heeft",
     L("DOMPRSA"), "offence", None),
    ("nl/nl-wetboek-van-strafrecht-art240a-240b-248d-248e-2017.txt", "248e", "een ontmoeting voorstelt met het oogmerk ontuchtige handelingen",
     L("G", U16, MEET, MAT, CS), "offence", None),
    # ---------------- CY (Greek) ----------------
    ("cy/cy-law-91-I-2014-s8-el-partial.txt", "8(1)", "όποιος αποκτά ή έχει στην κατοχή του υλικό παιδικής πορνογραφίας",
     L("RS"), "offence", None),
    ("cy/cy-law-91-I-2014-s8-el-partial.txt", "8(2)", "Όποιος εν γνώσει του αποκτά πρόσβαση σε παιδική πορνογραφία",
     L("A"), "offence", None),
    ("cy/cy-law-91-I-2014-s8-el-partial.txt", "8(3)", "Όποιος διανέμει, διαδίδει ή μεταδίδει υλικό παιδικής πορνογραφίας",
     L("DT"), "offence", None),
    ("cy/cy-law-91-I-2014-s8-el-partial.txt", "8(4)", "Όποιος προσφέρει ή παρέχει ή διαθέτει υλικό παιδικής πορνογραφίας",
     L("OM"), "offence", "'provides information on how to obtain' = locating/advertising (no id)"),
]

# Files read completely whose provisions all carry no conduct (negatives only).
NO_CONDUCT = [
    "ca/ca-loi-declaration-obligatoire-I-20.7-fr-2025-07-ancienne-terminologie.txt",
    "ca/ca-loi-declaration-obligatoire-I-20.7-fr-2025-10.txt",
    "ca/ca-mandatory-reporting-act-I-20.7-en-2025-07-old-terminology.txt",
    "ca/ca-mandatory-reporting-act-I-20.7-en-2025-10.txt",
    "gb/gb-protection-of-children-act-1978-s7-partial.txt",
    "gb/gb-serious-crime-act-2015-s69-partial.txt",
    "gb/gb-sexual-offences-act-2003-s51.txt",
    "ph/ph-ra-11930-2022-title-ss1-2-partial.txt",
    "un/un-crc-1989-art34-en.txt",
    "un/un-crc-1989-art34-nl.txt",
    "un/un-opsc-2000-art2-cs.txt",
    "us/18-usc-2252C.txt",
    "us/18-usc-2256.txt",
]


def manifest() -> dict[str, dict]:
    with (ROOT / "corpora" / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        return {r["path"]: r for r in csv.DictReader(fh, delimiter="\t")}


def build(out_root: Path = ROOT / "annotations" / "gold", annotator: str = "A1") -> dict[str, int]:
    man = manifest()
    by_file: dict[str, list[dict]] = {f: [] for f in NO_CONDUCT}
    texts: dict[str, str] = {}
    problems = []
    for rel, ref, anchor, labels, role, note in GOLD:
        if rel not in texts:
            texts[rel] = extract(ROOT / "corpora" / rel).text
        text = texts[rel]
        n = text.count(anchor) if anchor else 0
        if not anchor or len(anchor) < 25 or n != 1:
            problems.append(f"{rel} {ref}: anchor found {n}x (len {len(anchor or '')}): {anchor!r}")
            continue
        row = man[rel]
        # eid / text_hash are derived (current segmenter); the anchor is what links the line
        from evaluation.gold import link_anchor, parse_statute
        from pipeline.records import text_hash
        doc, provs = parse_statute(ROOT / "corpora" / rel)
        p, _ = link_anchor(doc.text, provs, anchor)
        by_file.setdefault(rel, []).append({
            "statute": f"corpora/{rel}", "jurisdiction": row["jurisdiction"], "lang": row["language"],
            "ref": ref, "anchor": anchor, "labels": labels, "role": role, "annotator": annotator,
            "guideline_version": "1.0", "note": note,
            "eid": p.eid if p else None, "text_hash": text_hash(p.own_text(doc.text)) if p else None})
    if problems:
        raise SystemExit("anchor problems:\n" + "\n".join(problems))
    counts = {}
    for rel, rows in sorted(by_file.items()):
        out = out_root / (rel.rsplit(".", 1)[0] + ".jsonl")
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        counts[rel] = sum(1 for r in rows if r["labels"])
    with (out_root / "FILES.tsv").open("w", encoding="utf-8") as fh:
        fh.write("file\tannotator\tdate\tn_labelled\n")
        for rel, n in sorted(counts.items()):
            fh.write(f"corpora/{rel}\t{annotator}\t{date.today().isoformat()}\t{n}\n")
    return counts


if __name__ == "__main__":
    # first/ = A1's own lines (kept for kappa); gold/ is rewritten only on request, because
    # after adjudication it differs from A1's lines.
    c = build(ROOT / "annotations" / "first")
    if "--gold" in sys.argv:
        if (ROOT / "annotations" / "ADJUDICATION.md").read_text(encoding="utf-8").count("| kept A1") + \
                (ROOT / "annotations" / "ADJUDICATION.md").read_text(encoding="utf-8").count("| changed"):
            raise SystemExit("annotations/gold/ has been adjudicated: edit it directly, do not regenerate")
        build(ROOT / "annotations" / "gold")
    print(f"{len(c)} files, {sum(c.values())} labelled provisions")
