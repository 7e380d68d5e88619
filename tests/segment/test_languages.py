"""One statutory-style fixture per language of models/segmentation/headings.yaml (sentences written
for these tests, about theft and driving), in that language's drafting convention: the article or
section numbers and the containers the segmenter must find."""
from __future__ import annotations

import pytest

from pipeline.resources import load_yaml
from pipeline.segment.patterns import HEADINGS_PATH
from tests.segment.test_traditions import _tree

# language -> (text, sections in order, containers as (kind, num) in order)
FIXTURES: dict[str, tuple[str, list[str], list[tuple[str, str]]]] = {
    "en": ("PART 1\nPRELIMINARY\n1. Short title\nThis Act may be cited as the Road Traffic Act.\n2. Theft of vehicles\n"
           "A person who steals a vehicle commits an offence.\n", ["1", "2"], [("part", "1")]),
    "fr": ("TITRE PREMIER\nDispositions générales\nArticle premier\nLe vol est puni de trois ans d'emprisonnement.\n"
           "Article L. 39-1\nLe fait de conduire sans permis est puni d'une amende.\nArticle L. 39-2\n"
           "La tentative est punie des mêmes peines.\nArt. R. 20-2. - La contravention est punie de l'amende prévue.\n",
           ["premier", "L. 39-1", "L. 39-2", "R. 20-2"], [("title", "PREMIER")]),
    "es": ("TÍTULO PRIMERO\nDe los delitos\nARTÍCULO 1.- El que robare un vehículo será sancionado con prisión.\n"
           "ARTÍCULO 2 bis.- El que condujere sin licencia será multado.\nArtículo 211 bis 1.- Al que sin autorización "
           "condujere un vehículo ajeno se le impondrá prisión.\nArtículo 199 Septies.- La tentativa será sancionada.\n",
           ["1", "2 bis", "211 bis 1", "199 Septies"], [("title", "PRIMERO")]),
    "pt": ("CAPÍTULO I\nDisposições gerais\nArtigo 1.º\nFurto\nQuem subtrair coisa móvel alheia é punido com pena de "
           "prisão.\nArtigo 2.º-A\nCondução sem habilitação\nQuem conduzir sem carta é punido com multa.\n"
           "Art. 33 - A pena de multa é fixada pelo juiz.\nArt. 34-A. A tentativa é punível.\n",
           ["1", "2.º-A", "33", "34-A"], [("chapter", "I")]),
    "gl": ("CAPÍTULO I\nDisposicións xerais\nArtigo 1\nO furto será castigado con prisión.\nArtigo 2\n"
           "A condución sen permiso será castigada con multa.\n", ["1", "2"], [("chapter", "I")]),
    "ca": ("CAPÍTOL I\nDisposicions generals\nArticle 1\nEl furt es castiga amb presó.\nArticle 2\n"
           "La conducció sense permís es castiga amb multa.\n", ["1", "2"], [("chapter", "I")]),
    "eu": ("I. KAPITULUA\nXedapen orokorrak\n1. artikulua. Lapurreta\nLapurreta kartzela-zigorrarekin zigortuko da.\n"
           "2. artikulua. Gidatzea\nGidabaimenik gabe gidatzea isunarekin zigortuko da.\n", ["1", "2"], [("chapter", "I")]),
    "it": ("CAPO I\nDisposizioni generali\nArt. 1.\nIl furto è punito con la reclusione.\nArt. 2-bis.\n"
           "La guida senza patente è punita con la multa.\n", ["1", "2-bis"], [("chapter", "I")]),
    "ro": ("CAPITOLUL I\nDispoziții generale\nArticolul 1\nFurtul se pedepsește cu închisoare.\nArt. 2. - (1) Tentativa "
           "se pedepsește.\n(2) Acțiunea penală se pune în mișcare din oficiu.\nSECȚIUNEA a 2-a\nInfracțiuni rutiere\n"
           "Articolul 2^1\nConducerea fără permis se pedepsește cu amendă.\nCAPITOLUL al II-lea\nDispoziții finale\n"
           "Art. 3. - Prezenta lege intră în vigoare la data publicării.\n",
           ["1", "2", "2^1", "3"], [("chapter", "I"), ("section_group", "2"), ("chapter", "II")]),
    "mt": ("KAPITOLU I\nArtikolu 1\nIs-serq huwa punibbli bi priġunerija.\nArtikolu 2\n"
           "Is-sewqan mingħajr liċenzja huwa punibbli b'multa.\n", ["1", "2"], [("chapter", "I")]),
    "de": ("Erster Abschnitt\nAllgemeine Vorschriften\n§ 1 Diebstahl\nWer eine fremde Sache wegnimmt, wird bestraft.\n"
           "§ 2a Fahren ohne Fahrerlaubnis\nWer ohne Fahrerlaubnis fährt, wird mit Geldstrafe bestraft.\n",
           ["1", "2a"], [("division", "Erster")]),
    "nl": ("HOOFDSTUK 1\nAlgemene bepalingen\nArtikel 1\nDiefstal wordt gestraft met gevangenisstraf.\nArtikel 2a\n"
           "Rijden zonder rijbewijs wordt gestraft met een geldboete.\n", ["1", "2a"], [("chapter", "1")]),
    "af": ("HOOFSTUK 1\nAlgemene bepalings\nArtikel 1\nDiefstal word met gevangenisstraf gestraf.\nArtikel 2\n"
           "Bestuur sonder lisensie word met 'n boete gestraf.\n", ["1", "2"], [("chapter", "1")]),
    "da": ("Kapitel 1\nAlmindelige bestemmelser\n§ 1. Tyveri straffes med fængsel.\nStk. 2. Forsøg straffes.\n"
           "§ 2. Kørsel uden kørekort straffes med bøde.\n", ["1", "2"], [("chapter", "1")]),
    "sv": ("1 kap. Om brott\n\n1 § Stöld döms till fängelse.\n\n2 § Olovlig körning döms till böter.\n",
           ["1", "2"], [("chapter", "1")]),
    "no": ("Kapittel 1. Alminnelige bestemmelser\n§ 1. Tyveri straffes med fengsel.\n"
           "§ 2. Kjøring uten førerkort straffes med bot.\n", ["1", "2"], [("chapter", "1")]),
    "is": ("I. kafli\nAlmenn ákvæði\n1. gr.\nÞjófnaður varðar fangelsi.\n2. gr.\nAkstur án ökuréttinda varðar sektum.\n",
           ["1", "2"], [("chapter", "I")]),
    "fi": ("1 luku\nYleiset säännökset\n1 §\nVarkaus\nVarkaudesta tuomitaan vankeuteen.\n2 §\nKortiton ajo\n"
           "Kortittomasta ajosta tuomitaan sakkoon.\n", ["1", "2"], [("chapter", "1")]),
    "et": ("1. peatükk\nÜldsätted\n§ 1. Vargus\nVarguse eest karistatakse vangistusega.\n§ 2. Juhtimisõiguseta sõitmine\n"
           "Juhtimisõiguseta sõitmise eest karistatakse rahatrahviga.\n", ["1", "2"], [("chapter", "1")]),
    "lv": ("I nodaļa\nVispārīgie noteikumi\n1. pants. Zādzība\nPar zādzību soda ar brīvības atņemšanu.\n"
           "2. pants. Braukšana bez tiesībām\nPar braukšanu bez tiesībām soda ar naudas sodu.\n",
           ["1", "2"], [("chapter", "I")]),
    "lt": ("I SKYRIUS\nBENDROSIOS NUOSTATOS\n1 straipsnis. Vagystė\nUž vagystę baudžiama laisvės atėmimu.\n"
           "2 straipsnis. Vairavimas be teisės\nUž vairavimą be teisės baudžiama bauda.\n", ["1", "2"], [("chapter", "I")]),
    "pl": ("Rozdział I\nPrzepisy ogólne\nArt. 1. § 1. Kradzież podlega karze pozbawienia wolności.\n"
           "§ 2. Usiłowanie jest karalne.\nArt. 2. Prowadzenie pojazdu bez uprawnień podlega grzywnie.\n",
           ["1", "2"], [("chapter", "I")]),
    "cs": ("HLAVA I\nObecná ustanovení\n§ 1\nKrádež\nKdo si přisvojí cizí věc, bude potrestán odnětím svobody.\n§ 2\n"
           "Řízení bez oprávnění\nKdo řídí bez oprávnění, bude potrestán peněžitým trestem.\n", ["1", "2"], [("title", "I")]),
    "sk": ("PRVÁ ČASŤ\nVŠEOBECNÉ USTANOVENIA\nČl. 1\nKrádež sa trestá odňatím slobody.\nČl. 2\n"
           "Vedenie vozidla bez oprávnenia sa trestá pokutou.\n", ["1", "2"], [("part", "PRVÁ")]),
    "sl": ("Prvo poglavje\nSPLOŠNE DOLOČBE\n1. člen\n(tatvina)\nKdor vzame tujo stvar, se kaznuje z zaporom.\n2. člen\n"
           "(vožnja brez dovoljenja)\nKdor vozi brez dovoljenja, se kaznuje z globo.\n", ["1", "2"], [("chapter", "Prvo")]),
    "hr": ("GLAVA PRVA\nOPĆE ODREDBE\nČlanak 1.\nKrađa se kažnjava kaznom zatvora.\nČlanak 2.\n"
           "Vožnja bez dozvole kažnjava se novčanom kaznom.\n", ["1", "2"], [("title", "PRVA")]),
    "bs": ("POGLAVLJE I\nOPĆE ODREDBE\nČlan 1.\nKrađa se kažnjava kaznom zatvora.\nČlan 2.\n"
           "Vožnja bez dozvole kažnjava se novčanom kaznom.\n", ["1", "2"], [("chapter", "I")]),
    "sr": ("ДЕО ПРВИ\nОПШТИ ДЕО\nГЛАВА ПРВА\nОПШТЕ ОДРЕДБЕ\nЧлан 1.\nКрађа се кажњава казном затвора.\nЧлан 2.\n"
           "Вожња без дозволе кажњава се новчаном казном.\n", ["1", "2"], [("part", "ПРВИ"), ("chapter", "ПРВА")]),
    "mk": ("ГЛАВА I\nОПШТИ ОДРЕДБИ\nЧлен 1\nКражбата се казнува со затвор.\nЧлен 2\n"
           "Управувањето без дозвола се казнува со парична казна.\n", ["1", "2"], [("chapter", "I")]),
    "bg": ("Глава първа\nОБЩИ ПОЛОЖЕНИЯ\nЧл. 1. Кражбата се наказва с лишаване от свобода.\n"
           "Чл. 2. Управлението без свидетелство се наказва с глоба.\n", ["1", "2"], [("chapter", "първа")]),
    "ru": ("Глава 1. Общие положения\nСтатья 1. Кража\nКража наказывается лишением свободы.\n"
           "Статья 2. Управление без прав\nУправление без прав наказывается штрафом.\n", ["1", "2"], [("chapter", "1")]),
    "uk": ("Розділ I\nЗАГАЛЬНІ ПОЛОЖЕННЯ\nСтаття 1. Крадіжка\nКрадіжка карається позбавленням волі.\n"
           "Стаття 2. Керування без посвідчення\n1. Керування без посвідчення карається штрафом.\n"
           "2. Повторне керування карається арештом.\nСтаття 2-1. Замах\nЗамах карається штрафом.\n",
           ["1", "2", "2-1"], [("title", "I")]),
    "be": ("Глава 1\nАгульныя палажэнні\nАртыкул 1. Крадзеж\nКрадзеж караецца пазбаўленнем волі.\n"
           "Артыкул 2. Кіраванне без правоў\nКіраванне без правоў караецца штрафам.\n", ["1", "2"], [("chapter", "1")]),
    "kk": ("1-тарау. Жалпы ережелер\n1-бап. Ұрлық\nҰрлық бас бостандығынан айыруға жазаланады.\n"
           "2-бап. Куәліксіз басқару\nКуәліксіз басқару айыппұлмен жазаланады.\n", ["1", "2"], [("chapter", "1")]),
    "uz": ("1-bob. Umumiy qoidalar\n1-modda. O‘g‘rilik\nO‘g‘rilik ozodlikdan mahrum qilish bilan jazolanadi.\n"
           "2-modda. Guvohnomasiz boshqarish\nGuvohnomasiz boshqarish jarima bilan jazolanadi.\n",
           ["1", "2"], [("chapter", "1")]),
    "el": ("ΚΕΦΑΛΑΙΟ Α΄\nΓενικές διατάξεις\nΆρθρο 1\nΚλοπή\nΗ κλοπή τιμωρείται με φυλάκιση.\nΆρθρο 2\n"
           "Οδήγηση χωρίς άδεια\nΗ οδήγηση χωρίς άδεια τιμωρείται με πρόστιμο.\n", ["1", "2"], [("chapter", "Α΄")]),
    "hu": ("I. Fejezet\nÁltalános rendelkezések\n1. § Aki idegen dolgot elvesz, lopást követ el.\n"
           "2. § Aki vezetői engedély nélkül vezet, szabálysértést követ el.\n", ["1", "2"], [("chapter", "I")]),
    "sq": ("KREU I\nDISPOZITA TË PËRGJITHSHME\nNeni 1\nVjedhja\nVjedhja dënohet me burgim.\nNeni 2\nDrejtimi pa leje\n"
           "Drejtimi pa leje dënohet me gjobë.\n", ["1", "2"], [("chapter", "I")]),
    "tr": ("BİRİNCİ BÖLÜM\nGenel Hükümler\nMadde 1 – Hırsızlık hapis cezası ile cezalandırılır.\n"
           "Madde 2 – Ehliyetsiz araç kullanmak idari para cezası ile cezalandırılır.\n", ["1", "2"],
           [("chapter", "BİRİNCİ")]),
    "az": ("Fəsil 1\nÜmumi müddəalar\nMaddə 1. Oğurluq\nOğurluq azadlıqdan məhrum etmə ilə cəzalandırılır.\n"
           "Maddə 2. Vəsiqəsiz idarəetmə\nVəsiqəsiz idarəetmə cərimə ilə cəzalandırılır.\n", ["1", "2"], [("chapter", "1")]),
    "ka": ("თავი I\nზოგადი დებულებანი\nმუხლი 1. ქურდობა\nქურდობა ისჯება თავისუფლების აღკვეთით.\n"
           "მუხლი 2. მართვა მოწმობის გარეშე\nმართვა მოწმობის გარეშე ისჯება ჯარიმით.\n", ["1", "2"], [("chapter", "I")]),
    "hy": ("ԳԼՈՒԽ 1\nԸՆԴՀԱՆՈՒՐ ԴՐՈՒՅԹՆԵՐ\nՀոդված 1. Գողություն\nԳողությունը պատժվում է ազատազրկմամբ։\n"
           "Հոդված 2. Վարում առանց իրավունքի\nԱռանց իրավունքի վարումը պատժվում է տուգանքով։\n",
           ["1", "2"], [("chapter", "1")]),
    "ar": ("المادة 1\nيعاقب على السرقة بالحبس.\nالمادة 2\nيعاقب على القيادة دون رخصة بغرامة.\n", ["1", "2"], []),
    "fa": ("ماده ۱ - سرقت به حبس محکوم می‌شود.\nماده ۲ - رانندگی بدون گواهینامه به جزای نقدی محکوم می‌شود.\n",
           ["۱", "۲"], []),
    "id": ("BAB I\nKETENTUAN UMUM\nPasal 1\nPencurian dipidana dengan pidana penjara.\nPasal 2\n"
           "Mengemudi tanpa surat izin dipidana dengan denda.\n", ["1", "2"], [("chapter", "I")]),
    "ms": ("BAHAGIAN I\nPERMULAAN\nSeksyen 1. Kecurian\nKecurian boleh dihukum dengan penjara.\n"
           "Seksyen 2. Memandu tanpa lesen\nMemandu tanpa lesen boleh dihukum dengan denda.\n", ["1", "2"], [("part", "I")]),
    "tl": ("Seksyon 1. Ang pagnanakaw ay parurusahan ng pagkakakulong.\n"
           "Seksyon 2. Ang pagmamaneho nang walang lisensya ay parurusahan ng multa.\n", ["1", "2"], []),
    "vi": ("Chương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Tội trộm cắp\nNgười nào trộm cắp tài sản thì bị phạt tù.\n"
           "Điều 2. Lái xe không có giấy phép\nNgười nào lái xe không có giấy phép thì bị phạt tiền.\n",
           ["1", "2"], [("chapter", "I")]),
    "th": ("หมวด 1\nบททั่วไป\nมาตรา ๑ ผู้ใดลักทรัพย์ต้องระวางโทษจำคุก\nมาตรา ๒ ผู้ใดขับรถโดยไม่มีใบอนุญาตต้องระวางโทษปรับ\n",
           ["๑", "๒"], [("chapter", "1")]),
    "ne": ("भाग १\nप्रारम्भिक\nदफा १. चोरी गर्नेलाई कैद सजाय हुनेछ।\nदफा २. अनुमतिपत्र बिना सवारी चलाउनेलाई जरिवाना हुनेछ।\n",
           ["१", "२"], [("part", "१")]),
    "bn": ("প্রথম অধ্যায়: প্রারম্ভিক\nসংজ্ঞা\n১। এই আইনে শিশু অর্থ আঠারো বৎসরের কম বয়সী ব্যক্তি।\n"
           "দ্বিতীয় অধ্যায়: অপরাধ\n২। (১) কোন ব্যক্তি শিশুর অশ্লীল চিত্র ধারণ করিলে অপরাধ করিবেন।\n"
           "(২) এই অপরাধের দণ্ড দশ বৎসর কারাদণ্ড।\n",
           ["১", "২"], [("chapter", "প্রথম"), ("chapter", "দ্বিতীয়")]),
}

# Scripts whose articles carry no word before the number (patterns.yaml article_regexes).
CJK = {
    "ja": ("第一章 総則\n第一条 窃盗は、懲役に処する。\n第二条 無免許運転は、罰金に処する。\n", ["一", "二"], [("chapter", "一")]),
    "zh": ("第一章 总则\n第一条 盗窃的，处有期徒刑。\n第二条 无证驾驶的，处罚金。\n", ["一", "二"], [("chapter", "一")]),
    "zh-Hant": ("第一章 總則\n第一條 竊盜者，處有期徒刑。\n第二條 無照駕駛者，處罰金。\n", ["一", "二"], [("chapter", "一")]),
    "ko": ("제1장 총칙\n제1조(절도) 절도는 징역에 처한다.\n제2조(무면허운전) 무면허운전은 벌금에 처한다.\n", ["1", "2"],
           [("chapter", "1")]),
}


def test_every_language_of_the_data_file_has_a_fixture():
    langs = set(load_yaml(HEADINGS_PATH)["languages"])
    assert langs - set(FIXTURES) == set()
    assert set(FIXTURES) - langs == set()  # a fixture without vocabulary tests nothing new


@pytest.mark.parametrize("lang", sorted(FIXTURES) + sorted(CJK))
def test_sections_and_containers_per_language(lang):
    text, sections, containers = FIXTURES.get(lang) or CJK[lang]
    p = _tree(text)
    assert [x.num for x in p.values() if x.kind in ("section", "article")] == sections
    kinds = {"book", "part", "title", "chapter", "subchapter", "division", "subdivision", "section_group"}
    assert [(x.kind, x.num) for x in p.values() if x.kind in kinds] == containers
    # every article sits under the last container printed above it
    if containers:
        assert all(x.parent is not None for x in p.values() if x.kind in ("section", "article"))


def test_french_code_articles_are_siblings_in_sequence_under_section_groups():
    """227-22, 227-23, 227-24 follow each other as 11, 12, 13 do: the text is one of articles, so
    "Section 5" groups them (it is no common-law section)."""
    text = ("Chapitre VII\nDes atteintes aux mineurs\nSection 5\nDe la mise en péril des mineurs\nArticle 227-22\n"
            "Le fait de favoriser la corruption d'un mineur est puni de cinq ans d'emprisonnement.\nArticle 227-23\n"
            "Le fait de diffuser l'image d'un mineur est puni de cinq ans d'emprisonnement.\nArticle 227-24\n"
            "Le fait de diffuser un message violent est puni de trois ans d'emprisonnement.\nSection 6\n"
            "Dispositions communes\nArt. 227-25\nLa tentative est punie des mêmes peines.\n")
    p = _tree(text)
    assert [x.eid for x in p.values() if x.kind == "article"] == [
        "chp_VII__sec_5__art_227-22", "chp_VII__sec_5__art_227-23", "chp_VII__sec_5__art_227-24",
        "chp_VII__sec_6__art_227-25"]
    assert [x.kind for x in p.values() if x.num in ("5", "6")] == ["section_group", "section_group"]


def test_code_book_letters_keep_their_number_in_the_eid():
    p = _tree("Article L. 39-1\nLe fait de conduire sans permis est puni.\nArticle L. 39-2\nLa tentative est punie.\n")
    assert list(p) == ["art_L.39-1", "art_L.39-2"]


def test_bengali_numbers_end_in_a_danda_and_ids_use_ascii_digits():
    """"২। (১) ...": a danda after the number is its full stop; the number keeps its print, the eId
    its value in ASCII digits, and every offset points into the unchanged text."""
    text = ("১। কোন ব্যক্তি শিশুর অশ্লীল চিত্র ধারণ করিলে অপরাধ করিবেন।\n"
            "২। (১) কোন ব্যক্তি শিশুকে প্রলুব্ধ করিলে অপরাধ করিবেন।\n(২) এই অপরাধের দণ্ড সাত বৎসর কারাদণ্ড।\n")
    p = _tree(text)
    assert [(x.eid, x.num) for x in p.values()] == [
        ("sec_1", "১"), ("sec_2", "২"), ("sec_2__subsec_1", "(১)"), ("sec_2__subsec_2", "(২)")]
    assert text[p["sec_2"].start:p["sec_2"].start + 2] == "২।"
