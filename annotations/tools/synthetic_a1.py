"""Annotator A1's synthetic statutory sentences (training augmentation only).

Written for lexbench in the drafting styles of many legal systems; none is quoted from a
statute. Labels follow GUIDELINES.md v1.0 against the `default` profile.
Run: python annotations/tools/synthetic_a1.py  -> annotations/synthetic/a1.jsonl
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_a1 import (ADAPT, AOC, CS, GEN, HAB, IPD, IS, L, MAT, MEET, OBS, OFD, PRIOR,  # noqa: E402
                      STREAMER, TOMIN, U14, U15, U16, VIEWER)

PAID, DL, GAIN, PUB = "paid access", "download required", "only for gain", "only in public"
PHYS = "only physical media"

S: list[tuple[str, str, list]] = [
    # ===== production =====
    ("en", "Any person who photographs, films or otherwise records a child engaged in sexual activity commits an offence and is liable on conviction to imprisonment for up to twelve years.", L("P")),
    ("en", "7.(1) A person who creates, generates or manufactures child sexual abuse material, whether by a camera, a computer program or any other means, is guilty of an offence.", L("P")),
    ("en", "Every one who makes, prints or reproduces child sexual exploitation material is guilty of an indictable offence.", L("P")),
    ("en", "It shall be unlawful for any person to cause, induce or permit a minor to take part in the making of a sexual image or recording.", L("P")),
    ("en", "A parent or guardian who allows a child in his or her care to be used in the production of sexually explicit visual material commits an offence.", L("P")),
    ("en", "(b) uses a child for the purpose of producing any image, audio or video depicting the child in a sexual manner;", L("P")),
    ("en", "A person who produces child sexual abuse material for the purpose of its sale or distribution commits an offence.", L("P", OFD)),
    ("en", "Whoever, by means of a computer system, produces child sexual abuse material with a view to distributing it through that system shall be imprisoned for not less than three years.", L("P", OFD, CS)),
    ("en", "Any person who, for commercial gain, manufactures pornographic films involving persons under the age of eighteen years commits an offence.", L("P", GAIN)),
    ("en", "A person who takes an indecent photograph of a person under the age of sixteen years commits an offence.", L("P", U16)),
    ("en", "Any person who digitally alters an image of an identifiable child so that the child appears to engage in sexual conduct is guilty of a felony.", L("P", ADAPT)),
    ("fr", "Le fait de fixer, d'enregistrer ou de produire l'image ou la représentation d'un mineur présentant un caractère sexuel est puni de sept ans d'emprisonnement.", L("P")),
    ("fr", "Quiconque réalise, par quelque moyen que ce soit, des images à caractère sexuel mettant en scène une personne âgée de moins de dix-huit ans est puni de la réclusion.", L("P")),
    ("fr", "Article 12 - Est puni de cinq à dix ans d'emprisonnement quiconque utilise un enfant aux fins de la production de matériel d'abus sexuel sur enfant.", L("P")),
    ("fr", "Est puni des mêmes peines celui qui fabrique, en vue de sa diffusion, un enregistrement à caractère pornographique représentant un mineur.", L("P", OFD)),
    ("fr", "Sera puni de trois ans d'emprisonnement quiconque aura produit, au moyen d'un système informatique et dans le but de le diffuser, du matériel pédopornographique.", L("P", OFD, CS)),
    ("fr", "Le fait de faire participer un mineur de quinze ans à la réalisation d'un film à caractère sexuel est puni de dix ans d'emprisonnement.", L("P", U15)),
    ("nl", "Hij die een afbeelding van een seksuele gedraging waarbij een minderjarige is betrokken vervaardigt, wordt gestraft met gevangenisstraf van ten hoogste zes jaren.", L("P")),
    ("de", "Wer einen kinderpornographischen Inhalt herstellt, wird mit Freiheitsstrafe von einem Jahr bis zu zehn Jahren bestraft.", L("P")),
    ("it", "Chiunque, utilizzando minori degli anni diciotto, realizza esibizioni o produce materiale pornografico è punito con la reclusione da sei a dodici anni.", L("P")),
    ("es", "El que captare o utilizare a menores de edad con fines o en espectáculos exhibicionistas o pornográficos, o para elaborar cualquier clase de material pornográfico, será castigado con prisión.", L("P")),
    ("pt", "Quem utilizar menor em fotografia, filme ou gravação pornográficos, independentemente do seu suporte, é punido com pena de prisão de um a cinco anos.", L("P")),
    # ===== offering =====
    ("en", "A person who offers child sexual abuse material to another person, whether or not the material is subsequently supplied, commits an offence.", L("O")),
    ("en", "Whoever advertises, or publishes any notice holding out, that he or she is willing to supply images of child sexual abuse shall be liable to imprisonment for ten years.", L("O")),
    ("en", "(c) offers for sale or hire any child sexual abuse material;", L("O", GAIN)),
    ("en", "No person shall, through any computer network, offer or advertise child sexual abuse material.", L("O", CS)),
    ("fr", "Le fait d'offrir ou de proposer à autrui une image ou une représentation pédopornographique est puni de cinq ans d'emprisonnement.", L("O")),
    ("fr", "Quiconque fait de la publicité, par quelque moyen que ce soit, en faveur de matériel d'abus sexuel sur enfant est puni d'une amende et d'un emprisonnement.", L("O")),
    ("de", "Wer einen kinderpornographischen Inhalt anbietet oder bewirbt, wird mit Freiheitsstrafe bestraft.", L("O")),
    ("es", "Quien ofreciere material pornográfico en cuya elaboración hayan sido utilizados menores de edad será castigado con la pena de prisión de uno a cinco años.", L("O")),
    # ===== making available =====
    ("en", "A person who makes child sexual abuse material available to others, including by uploading it to a website, file-sharing network or cloud folder, commits an offence.", L("M")),
    ("en", "Every person who posts, hosts or otherwise renders accessible to any other person a child sexual abuse image is guilty of an offence.", L("M")),
    ("en", "Whoever publicly displays or exhibits child sexual abuse material shall be punished by imprisonment of up to eight years.", L("M")),
    ("en", "A person who provides a hyperlink knowing that it gives access to child sexual abuse material commits an offence.", L("M")),
    ("en", "It is an offence to exhibit in a public place any indecent photograph of a child.", L("M", PUB)),
    ("fr", "Le fait de mettre à la disposition d'autrui, notamment par la mise en ligne, du matériel d'abus sexuel sur enfant est puni de sept ans d'emprisonnement.", L("M")),
    ("fr", "Est puni quiconque rend accessible au public, par voie électronique, une image à caractère sexuel d'un mineur.", L("M", CS)),
    ("nl", "Hij die een afbeelding van seksueel misbruik van een kind openlijk tentoonstelt of ter beschikking stelt, wordt gestraft.", L("M")),
    ("it", "Chiunque, con qualsiasi mezzo, anche per via telematica, rende disponibile materiale pedopornografico è punito con la reclusione da uno a cinque anni.", L("M")),
    ("pt", "Quem disponibilizar, por qualquer meio, fotografia ou vídeo que contenha cena de sexo explícito envolvendo criança ou adolescente é punido.", L("M")),
    # ===== distribution =====
    ("en", "A person who distributes, circulates or shares child sexual abuse material with any other person commits an offence.", L("D")),
    ("en", "Any person who sells, lends, trades or exchanges child sexual abuse material is guilty of an offence.", L("D")),
    ("en", "Whoever supplies or delivers to another person any recording that depicts a child in sexual activity shall be punished.", L("D")),
    ("en", "(2) A person commits an offence if the person disseminates child sexual abuse material by any means.", L("D")),
    ("en", "Any person who, for financial gain, distributes child sexual abuse material commits an offence.", L("D", GAIN)),
    ("en", "A person who distributes to the public books, magazines or films depicting children in sexual activity commits an offence.", L("D", PHYS)),
    ("en", "Any adult who gives or shows sexually explicit images of children to a person under eighteen years commits an offence.", L("D", TOMIN)),
    ("fr", "Le fait de diffuser, par quelque moyen que ce soit, l'image ou la représentation d'un mineur à caractère sexuel est puni de cinq ans d'emprisonnement.", L("D")),
    ("fr", "Quiconque distribue, cède, échange ou vend du matériel pédopornographique est puni de la réclusion de cinq à dix ans.", L("D")),
    ("fr", "Est puni d'emprisonnement celui qui fait commerce d'écrits ou d'images pédopornographiques.", L("D")),
    ("nl", "Hij die een afbeelding van een seksuele gedraging waarbij een kind is betrokken verspreidt, wordt gestraft met gevangenisstraf van ten hoogste vier jaren.", L("D")),
    ("de", "Wer einen kinderpornographischen Inhalt verbreitet, wird mit Freiheitsstrafe nicht unter einem Jahr bestraft.", L("D")),
    ("it", "Chiunque distribuisce, divulga, diffonde o pubblicizza il materiale pornografico realizzato utilizzando minori è punito.", L("D") + L("O")),
    ("es", "El que vendiere, distribuyere o difundiere material de abuso sexual infantil será castigado con la pena de prisión.", L("D")),
    # ===== transmission =====
    ("en", "A person who transmits or sends child sexual abuse material to another person by electronic mail, messaging service or any other means commits an offence.", L("T")),
    ("en", "Whoever forwards an image of child sexual abuse to any other person shall be liable to imprisonment for seven years.", L("T")),
    ("en", "Any person who mails, ships or transports any visual depiction of a minor engaging in sexual conduct is guilty of an offence.", L("T")),
    ("en", "A person who, through a computer system, transmits child sexual abuse material commits an offence.", L("T", CS)),
    ("fr", "Le fait de transmettre ou d'envoyer à un tiers, par quelque moyen que ce soit, une image pédopornographique est puni de cinq ans d'emprisonnement.", L("T")),
    ("fr", "Quiconque aura transmis, par la voie d'un réseau de télécommunication, une représentation sexuelle d'un enfant sera puni d'emprisonnement.", L("T", CS)),
    ("de", "Wer einen kinderpornographischen Inhalt einer anderen Person übermittelt, wird bestraft.", L("T")),
    ("es", "Quien transmitiere por cualquier medio material en el que aparezcan menores en actividades sexuales será castigado.", L("T")),
    # ===== procuring =====
    ("en", "A person who obtains, acquires or buys child sexual abuse material for himself or herself or for another person commits an offence.", L("R")),
    ("en", "Whoever knowingly receives any child sexual abuse material shall be imprisoned for not more than ten years.", L("R")),
    ("en", "Any person who downloads child sexual abuse material from the internet commits an offence.", L("R")),
    ("en", "A person who purchases child sexual abuse material commits an offence.", L("R")),
    ("en", "Any person who solicits or requests child sexual abuse material from another person commits an offence.", L("R")),
    ("en", "A person who, by means of a computer system, procures child sexual abuse material for another person is guilty of an offence.", L("R", CS)),
    ("fr", "Le fait de se procurer, d'acquérir ou de télécharger du matériel d'abus sexuel sur enfant est puni de trois ans d'emprisonnement.", L("R")),
    ("fr", "Quiconque procure à autrui des images à caractère sexuel représentant des mineurs est puni de la même peine.", L("R")),
    ("nl", "Hij die een afbeelding van seksueel misbruik van een kind verwerft, wordt gestraft met gevangenisstraf.", L("R")),
    ("de", "Wer es unternimmt, sich den Besitz an einem kinderpornographischen Inhalt zu verschaffen, wird bestraft.", L("R")),
    ("pt", "Quem adquirir material pornográfico com representação realista de menor é punido com pena de prisão até dois anos.", L("R")),
    # ===== possession =====
    ("en", "A person who has in his or her possession any child sexual abuse material commits an offence.", L("S")),
    ("en", "Every person who keeps, stores or has custody or control of child sexual abuse material, whether on a device, in an online account or in physical form, is guilty of an offence.", L("S")),
    ("en", "It is an offence for a person to hold any image depicting the sexual abuse of a child.", L("S")),
    ("en", "Any person who possesses child sexual abuse material with intent to distribute, sell or show it commits an offence.", L("S", IPD)),
    ("en", "A person who keeps child sexual abuse material for the purpose of selling it is guilty of an offence.", L("S", IS)),
    ("en", "A person who possesses child sexual abuse material in a computer system or on a data storage medium commits an offence.", L("S", CS)),
    ("en", "Whoever possesses an indecent photograph of a person under sixteen years shall be liable to a fine or imprisonment.", L("S", U16)),
    ("en", "Any person who possesses obscene matter, including obscene matter depicting minors, commits a misdemeanour.", L("S", OBS)),
    ("fr", "Le fait de détenir une image ou une représentation pornographique d'un mineur est puni de cinq ans d'emprisonnement.", L("S")),
    ("fr", "Quiconque conserve, par quelque moyen que ce soit, du matériel d'abus sexuel sur enfant est puni de deux ans d'emprisonnement.", L("S")),
    ("fr", "Est puni celui qui détient des images pédopornographiques en vue de leur diffusion.", L("S", IPD)),
    ("fr", "Quiconque détient, dans un système informatique, des images à caractère sexuel d'enfants sera puni d'emprisonnement.", L("S", CS)),
    ("nl", "Hij die een gegevensdrager met een afbeelding van seksueel misbruik van een kind in bezit heeft, wordt gestraft.", L("S")),
    ("de", "Wer einen kinderpornographischen Inhalt besitzt, wird mit Freiheitsstrafe bis zu fünf Jahren bestraft.", L("S")),
    ("it", "Chiunque consapevolmente detiene materiale pedopornografico è punito con la reclusione fino a tre anni.", L("S")),
    ("es", "El que para su propio uso posea material pornográfico en cuya elaboración se hubieran utilizado menores será castigado.", L("S")),
    ("pt", "Quem detiver, em qualquer suporte, material pornográfico envolvendo menor é punido com prisão.", L("S")),
    # ===== access =====
    ("en", "A person who knowingly obtains access to child sexual abuse material by means of information and communication technologies commits an offence.", L("A")),
    ("en", "Whoever intentionally views or streams child sexual abuse material online, whether or not a copy is stored, shall be punished.", L("A")),
    ("en", "Any person who accesses a website for the purpose of viewing child sexual abuse material commits an offence.", L("A")),
    ("en", "A person who habitually views child sexual abuse material on a communication service commits an offence.", L("A", HAB)),
    ("en", "A person who pays for access to a service providing child sexual abuse material commits an offence.", L("A", PAID)),
    ("en", "A person who views child sexual abuse material and downloads or saves it to a device commits an offence.", L("A", DL) + L("R") + L("S")),
    ("fr", "Le fait de consulter, en connaissance de cause, un service de communication en ligne mettant à disposition des images pédopornographiques est puni de deux ans d'emprisonnement.", L("A")),
    ("fr", "Est puni quiconque accède sciemment, par le biais d'un réseau électronique, à du matériel d'abus sexuel sur enfant.", L("A")),
    ("fr", "Le fait de consulter de manière habituelle ou en contrepartie d'un paiement un service en ligne diffusant des images sexuelles de mineurs est puni de deux ans d'emprisonnement.", L("A", HAB)),
    ("nl", "Hij die zich door middel van een geautomatiseerd werk opzettelijk toegang verschaft tot een afbeelding van seksueel misbruik van een kind, wordt gestraft.", L("A")),
    ("de", "Wer es unternimmt, einen kinderpornographischen Inhalt mittels Telemedien abzurufen, wird bestraft.", L("A")),
    ("it", "Chiunque accede intenzionalmente, mediante la rete internet, a materiale pedopornografico è punito con la reclusione fino a due anni.", L("A")),
    ("es", "El que acceda a sabiendas a material de abuso sexual infantil por medio de las tecnologías de la información será castigado.", L("A")),
    # ===== grooming =====
    ("en", "Any adult who, by any means, communicates with a child for the purpose of facilitating the commission of a sexual offence against that child commits an offence.", L("G")),
    ("en", "A person who invites, entices or lures a person under eighteen years of age, whether in person or by any electronic means, to engage in sexual activity commits an offence.", L("G")),
    ("en", "Whoever solicits a child to send sexually explicit images of himself or herself shall be liable to imprisonment for five years.", L("G")),
    ("en", "A person aged 18 or over who, for a sexual purpose, sends a sexual message to a person under 18 commits an offence, whether or not any meeting is proposed.", L("G")),
    ("en", "Any person who befriends a child or the child's family in order to prepare the child for sexual abuse commits an offence.", L("G")),
    ("en", "A person who, by means of a computer system, communicates with a child for the purpose of sexual abuse commits an offence.", L("G", CS)),
    ("en", "An adult who, having communicated with a child under sixteen on at least two earlier occasions, travels with the intention of meeting the child for a sexual purpose commits an offence.", L("G", U16, MAT, PRIOR)),
    ("en", "A person who, by electronic communication, proposes to meet a child under the age of consent in order to commit a sexual offence, where the proposal is followed by material acts leading to the meeting, commits an offence.", L("G", AOC, MEET, MAT, CS)),
    ("en", "Any adult who meets a child following online contact, intending to engage in sexual activity with the child, commits an offence.", L("G", MEET, CS)),
    ("en", "Every person who makes sexual proposals to a child under the age of fourteen commits an offence.", L("G", U14)),
    ("fr", "Le fait pour un majeur de faire des propositions sexuelles à un mineur, par quelque moyen que ce soit, est puni de deux ans d'emprisonnement.", L("G")),
    ("fr", "Est puni quiconque sollicite un mineur afin qu'il se livre à des actes de nature sexuelle, y compris par voie de communication électronique.", L("G")),
    ("fr", "Le fait pour un majeur de solliciter auprès d'un mineur la transmission d'images à caractère sexuel de ce mineur est puni de sept ans d'emprisonnement.", L("G")),
    ("fr", "Le fait pour un majeur de faire des propositions sexuelles à un mineur de quinze ans en utilisant un moyen de communication électronique est puni de deux ans d'emprisonnement.", L("G", U15, CS)),
    ("fr", "Quiconque, par le biais d'un réseau informatique, propose une rencontre à un enfant dans le but de commettre une infraction sexuelle, lorsque cette proposition a été suivie d'actes matériels, est puni.", L("G", MEET, MAT, CS)),
    ("nl", "Hij die een kind door middel van een communicatiedienst benadert met het oogmerk ontuchtige handelingen te plegen, wordt gestraft.", L("G", CS)),
    ("de", "Wer auf ein Kind mittels Schriften oder Informations- und Kommunikationstechnologie einwirkt, um es zu sexuellen Handlungen zu bringen, wird bestraft.", L("G")),
    ("it", "Chiunque, allo scopo di commettere reati sessuali, adesca un minore di anni sedici, anche mediante l'utilizzo della rete internet, è punito.", L("G", U16)),
    ("es", "El que a través de internet, del teléfono o de cualquier otra tecnología contacte con un menor de dieciséis años y le proponga concertar un encuentro a fin de cometer un delito sexual, siempre que tal propuesta se acompañe de actos materiales encaminados al acercamiento, será castigado.", L("G", U16, MEET, MAT, CS)),
    ("pt", "Quem, sendo maior, por meio de tecnologias de informação e comunicação, aliciar menor para encontro, visando a prática de ato sexual, é punido.", L("G", MEET, CS)),
    # ===== live streaming =====
    ("en", "A person who streams, broadcasts in real time or otherwise transmits live the sexual abuse of a child, or who watches or directs such a transmission from any place, commits an offence.", L("L")),
    ("en", "Any person who pays for, orders, directs or remotely views a live online transmission of sexual acts involving a child commits an offence.", L("L", VIEWER)),
    ("en", "A person who causes a child to engage in sexual activity in front of a webcam for transmission to another person commits an offence.", L("L", STREAMER) + L("P")),
    ("en", "Whoever knowingly attends, in person or by means of information and communication technology, a sexual performance involving a child shall be punished.", L("L", VIEWER)),
    ("en", "(d) arranges or facilitates the real-time broadcast over the internet of a child engaged in sexual conduct;", L("L", STREAMER)),
    ("fr", "Le fait de diffuser en direct, par un moyen de communication électronique, des actes sexuels commis sur un mineur, ou d'y assister à distance, est puni de dix ans d'emprisonnement.", L("L")),
    ("fr", "Est puni quiconque assiste en connaissance de cause, y compris par le biais des technologies de l'information, à un spectacle sexuel impliquant un mineur.", L("L", VIEWER)),
    ("fr", "Le fait de commander ou de rémunérer la retransmission en temps réel d'abus sexuels sur un enfant est puni de quinze ans de réclusion.", L("L", VIEWER)),
    ("nl", "Hij die door middel van een communicatiedienst live een seksuele gedraging met een kind uitzendt of bekijkt, wordt gestraft.", L("L")),
    ("de", "Wer eine Live-Darbietung sexueller Handlungen an einem Kind mittels Telemedien verbreitet oder abruft, wird bestraft.", L("L")),
    # ===== sexual extortion =====
    ("en", "A person who threatens to distribute an intimate image of a child in order to obtain further sexual images, sexual acts or money commits the offence of sexual extortion.", L("X")),
    ("en", "Whoever, by threatening to disclose sexual images of any person, compels that person to produce sexual material or to engage in sexual activity shall be liable to imprisonment for fifteen years.", L("X")),
    ("en", "Any person who coerces a child, by threat of exposing private sexual content, into sending money or further images commits an offence.", L("X")),
    ("en", "Any person who, with intent to obtain money, threatens to injure the reputation of another person commits extortion.", L("X", GEN)),
    ("en", "A person who demands property from another under threat of publishing a private photograph of that person commits blackmail.", L("X", GEN)),
    ("fr", "Le fait d'obtenir d'un mineur, sous la menace de diffuser des images à caractère sexuel le représentant, de nouvelles images, des actes sexuels ou une somme d'argent est puni de dix ans d'emprisonnement.", L("X")),
    ("fr", "Est puni quiconque exerce un chantage sur une personne en menaçant de diffuser des contenus intimes afin d'obtenir des faveurs sexuelles.", L("X")),
    ("fr", "L'extorsion est le fait d'obtenir par menace la remise de fonds ou d'un bien quelconque.", L("X", GEN)),
    ("es", "El que amenazare a un menor con difundir imágenes íntimas suyas para obtener de él material sexual o actos sexuales será castigado.", L("X")),
    ("pt", "Quem constranger criança ou adolescente, mediante ameaça de divulgar imagens íntimas, a enviar novas imagens ou a praticar ato sexual é punido.", L("X")),
    # ===== multi-conduct positives =====
    ("en", "Any person who produces, offers, makes available, distributes, transmits, procures or possesses child sexual abuse material commits an offence.", L("POMDTRS")),
    ("en", "(1) A person commits an offence if the person, by any means, knowingly downloads, views, stores or shares child sexual abuse material.", L("RASD")),
    ("en", "Whoever imports, sells, distributes or possesses with intent to sell any child sexual abuse material shall be liable to imprisonment.", L("D") + L("S", IS)),
    ("fr", "Est puni de sept ans d'emprisonnement le fait de produire, d'offrir, de rendre disponible, de diffuser, de transmettre ou de détenir du matériel d'abus sexuel sur enfant.", L("POMDTS")),
    ("fr", "Quiconque aura intentionnellement offert, mis à disposition ou diffusé de la pornographie enfantine par le biais d'un système informatique sera puni.", L("OMD", CS)),
    ("it", "Chiunque produce, offre, cede, detiene o accede a materiale pedopornografico è punito ai sensi del presente articolo.", L("PODSA")),
    ("es", "Será castigado quien produjere, ofreciere, distribuyere o poseyere material de abuso sexual infantil, por cualquier medio.", L("PODS")),
    ("en", "Any person who publishes obscene material commits an offence, and where the material depicts a child the penalty is doubled.", L("M", OBS)),
    ("fr", "Quiconque aura fabriqué, détenu ou diffusé des images contraires aux bonnes mœurs est puni; la peine est doublée lorsque les images représentent des mineurs.", L("PSD", OBS)),
    # ===== hard negatives: definitions =====
    ("en", "In this Part, \"child sexual abuse material\" means any representation, by whatever means, of a person under 18 engaged in real or simulated sexual activity.", []),
    ("en", "\"Transmit\" includes send, forward, broadcast or stream by any means of electronic communication.", []),
    ("en", "For the purposes of this section, a person possesses material if it is in his or her custody or control, including on a remote server.", []),
    ("en", "\"Child\" means a person who has not attained the age of eighteen years.", []),
    ("en", "In this Act, \"grooming\" refers to the conduct described in section 14, and \"live streaming\" means the transmission of images in real time.", []),
    ("fr", "Au sens de la présente loi, on entend par « matériel d'abus sexuel sur enfant » toute représentation d'un mineur se livrant à une activité sexuellement explicite.", []),
    ("fr", "Pour l'application du présent chapitre, le terme « mineur » désigne toute personne âgée de moins de dix-huit ans.", []),
    ("nl", "In dit artikel wordt onder kind verstaan: iedere persoon die de leeftijd van achttien jaren nog niet heeft bereikt.", []),
    ("de", "Kinderpornographisch ist ein pornographischer Inhalt, wenn er sexuelle Handlungen von, an oder vor einer Person unter vierzehn Jahren zum Gegenstand hat.", []),
    # ===== hard negatives: penalties, procedure, defences =====
    ("en", "A person who commits an offence under section 12 is liable on conviction on indictment to imprisonment for a term not exceeding ten years.", []),
    ("en", "Where the offence under subsection (1) involves more than one child, the maximum penalty is increased to fifteen years.", []),
    ("en", "It is a defence to a charge of possessing child sexual abuse material that the accused received it unsolicited and deleted it promptly.", []),
    ("en", "A police officer may, under a warrant, seize any device reasonably believed to contain child sexual abuse material.", []),
    ("en", "Proceedings for an offence under this Part shall not be instituted except by or with the consent of the Director of Public Prosecutions.", []),
    ("en", "A court may exercise jurisdiction over an offence under this Act committed outside the territory by a national or habitual resident.", []),
    ("en", "Any material seized in connection with an offence under section 5 shall be forfeited and destroyed.", []),
    ("en", "An internet service provider shall report to the designated authority any address at which it becomes aware that child sexual abuse material is available.", []),
    ("en", "Section 9 (possession of indecent images of children) is repealed.", []),
    ("fr", "Les peines prévues à l'article 227-23 sont portées à dix ans lorsque les faits ont été commis en bande organisée.", []),
    ("fr", "Les dispositions du présent article ne sont pas applicables lorsque les images sont détenues par un service d'enquête dans le cadre de ses missions.", []),
    ("fr", "La tentative des délits prévus au présent article est punie des mêmes peines.", []),
    ("fr", "Le fournisseur d'accès informe sans délai les autorités compétentes de tout contenu pédopornographique qui lui est signalé.", []),
    ("nl", "De straf wordt met een derde verhoogd indien de schuldige van het plegen van het misdrijf een beroep of gewoonte maakt.", []),
    # ===== hard negatives: purpose / policy / titles =====
    ("en", "The purpose of this Act is to protect children from all forms of sexual abuse and exploitation, including online.", []),
    ("en", "An Act to provide for the prevention of online child sexual exploitation and for related matters.", []),
    ("en", "The State shall take all appropriate measures to prevent the exploitative use of children in pornographic performances and materials.", []),
    ("fr", "La présente loi a pour objet de renforcer la protection des mineurs contre l'exploitation sexuelle en ligne.", []),
    # ===== hard negatives: adult obscenity, exposure, other child offences =====
    ("en", "Any person who sells or exhibits obscene publications in a public place commits an offence.", []),
    ("en", "A person who distributes pornographic material depicting adults without the consent of the persons depicted commits an offence.", []),
    ("en", "Any person who shows pornographic material to a child under sixteen commits an offence.", []),
    ("en", "A person who procures a child for the purpose of prostitution commits an offence.", []),
    ("en", "Any person who recruits a child into prostitution or profits from the prostitution of a child commits an offence.", []),
    ("en", "A person who engages in sexual activity with a child under the age of sixteen commits an offence.", []),
    ("en", "Whoever sells, transfers or accepts a child for remuneration shall be punished for trafficking in children.", []),
    ("en", "It is an offence for any person to possess an item that contains advice about committing burglary.", []),
    ("en", "Any person who distributes computer programs designed to interfere with a computer system commits an offence.", []),
    ("en", "Material consisting only of images of persons aged eighteen years or over is not child sexual abuse material for the purposes of this section.", []),
    ("fr", "Le fait de proxénétisme à l'égard d'un mineur est puni de dix ans d'emprisonnement.", []),
    ("fr", "Le fait de diffuser un message à caractère pornographique susceptible d'être vu par un mineur est puni de trois ans d'emprisonnement.", []),
    ("fr", "Quiconque aura exposé ou vendu des écrits contraires aux bonnes mœurs sera puni d'une amende.", []),
    ("fr", "Le fait de transmettre un virus informatique à un système de traitement automatisé de données est puni de cinq ans d'emprisonnement.", []),
    ("fr", "Le fait d'avoir des relations sexuelles avec un mineur de quinze ans est puni de sept ans d'emprisonnement.", []),
    ("nl", "Hij die een afbeelding waarvan de vertoning schadelijk is voor personen beneden de zestien jaar aan een minderjarige vertoont, wordt gestraft.", []),
    ("de", "Wer pornographische Inhalte einer Person unter achtzehn Jahren anbietet oder zugänglich macht, wird bestraft.", []),
    ("it", "Chiunque induce alla prostituzione una persona di età inferiore agli anni diciotto è punito con la reclusione.", []),
    ("es", "El que distribuyere material pornográfico entre menores de edad será castigado con pena de multa.", []),
    ("pt", "Quem aliciar menor para a prática de prostituição é punido com pena de prisão.", []),
]


# List items whose chapeau (context) carries "commits an offence": the shape of most real
# gold units. (context, text, lang, labels)
ITEMS: list[tuple[str, str, str, list]] = [
    ("12. A person commits an offence who intentionally—", "(a) records or films a child in a sexual act;", "en", L("P")),
    ("12. A person commits an offence who intentionally—", "(b) sends or forwards such a recording to another person;", "en", L("T")),
    ("12. A person commits an offence who intentionally—", "(c) uploads such a recording to a service accessible to others;", "en", L("M")),
    ("12. A person commits an offence who intentionally—", "(d) keeps such a recording on any device or account;", "en", L("S")),
    ("12. A person commits an offence who intentionally—", "(e) watches such a recording online without downloading it.", "en", L("A")),
    ("Any person who, by means of a computer system—", "(i) sells, lends or exchanges child sexual abuse material;", "en", L("D", CS)),
    ("Any person who, by means of a computer system—", "(ii) buys or otherwise obtains child sexual abuse material for another person,", "en", L("R", CS)),
    ("Any person who, by means of a computer system—", "commits an offence and is liable to imprisonment for a term not exceeding five years.", "en", []),
    ("(1) It is an offence for an adult to—", "(a) communicate with a child for a sexual purpose;", "en", L("G")),
    ("(1) It is an offence for an adult to—", "(b) threaten a child with the disclosure of a sexual image of the child in order to obtain further images;", "en", L("X")),
    ("(1) It is an offence for an adult to—", "(c) view, by means of a live video transmission, the sexual abuse of a child.", "en", L("L", VIEWER)),
    ("(2) In subsection (1)—", "\"sexual image\" means an image that shows a person engaged in sexual activity or the genitals of a person;", "en", []),
    ("Article 15 — Est puni de cinq ans d'emprisonnement et de 75 000 euros d'amende le fait :", "1° de fixer ou de transmettre l'image d'un mineur présentant un caractère sexuel ;", "fr", L("PT")),
    ("Article 15 — Est puni de cinq ans d'emprisonnement et de 75 000 euros d'amende le fait :", "2° d'offrir, de rendre disponible ou de diffuser une telle image, par quelque moyen que ce soit ;", "fr", L("OMD")),
    ("Article 15 — Est puni de cinq ans d'emprisonnement et de 75 000 euros d'amende le fait :", "3° d'acquérir ou de détenir une telle image ;", "fr", L("RS")),
    ("Article 15 — Est puni de cinq ans d'emprisonnement et de 75 000 euros d'amende le fait :", "4° de consulter habituellement un service en ligne mettant à disposition une telle image.", "fr", L("A", HAB)),
    ("Article 15 — Est puni de cinq ans d'emprisonnement et de 75 000 euros d'amende le fait :", "Les peines sont portées à dix ans lorsque les faits sont commis en bande organisée.", "fr", []),
    ("Sont punis de trois ans d'emprisonnement, lorsqu'ils sont commis au moyen d'un système informatique :", "a) la production de matériel d'abus sexuel sur enfant en vue de sa diffusion ;", "fr", L("P", OFD, CS)),
    ("Sont punis de trois ans d'emprisonnement, lorsqu'ils sont commis au moyen d'un système informatique :", "b) le fait pour un majeur de faire des propositions sexuelles à un mineur de moins de seize ans.", "fr", L("G", U16, CS)),
    ("Pour l'application du présent article :", "a) le mot « enfant » désigne toute personne âgée de moins de dix-huit ans ;", "fr", []),
    ("Artikel 5. Met gevangenisstraf wordt gestraft hij die:", "a. een afbeelding van seksueel misbruik van een kind vervaardigt of verspreidt;", "nl", L("PD")),
    ("Artikel 5. Met gevangenisstraf wordt gestraft hij die:", "b. een dergelijke afbeelding in bezit heeft.", "nl", L("S")),
    ("§ 9 Mit Freiheitsstrafe wird bestraft, wer", "1. einen kinderpornographischen Inhalt einer anderen Person zugänglich macht,", "de", L("M")),
    ("§ 9 Mit Freiheitsstrafe wird bestraft, wer", "2. einen solchen Inhalt abruft oder besitzt.", "de", L("AS")),
]


def write(out: Path = Path(__file__).resolve().parents[1] / "synthetic" / "a1.jsonl") -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for lang, text, labels in S:
            fh.write(json.dumps({"text": text, "lang": lang, "labels": labels, "synthetic": True,
                                 "annotator": "A1"}, ensure_ascii=False) + "\n")
        for context, text, lang, labels in ITEMS:
            fh.write(json.dumps({"text": text, "context": context, "lang": lang, "labels": labels,
                                 "synthetic": True, "annotator": "A1"}, ensure_ascii=False) + "\n")
    return len(S) + len(ITEMS)


if __name__ == "__main__":
    print(write(), "synthetic sentences")
