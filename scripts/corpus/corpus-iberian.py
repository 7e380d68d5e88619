#!/usr/bin/env python3
"""corpus-iberian: re-derive corpora/acts/<jur>/* for Spanish/Portuguese-language statutes
from fetched public git snapshots (/work/.mirror/<owner>+<name>/repo, via `fetch`).

Usage: python3 scripts/corpus/corpus-iberian.py [--only SLUG ...]
Writes <slug>.md/.txt, <slug>.structure.json, gzip source copies, and
corpora/manifests/corpus-iberian.tsv.
"""
import csv
import gzip
import html
import json
from html.parser import HTMLParser
import io
import os
import plistlib
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import corpus_iberian_lib as L  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORP = os.path.join(ROOT, "corpora")
MANIFEST = os.path.join(CORP, "manifests", "corpus-iberian.tsv")
HEADER = ("path\tjurisdiction\tlanguage\ttitle\tcitation\tsource_url\tcompleteness\tnotes\tversion_date\t"
          "licence\trepo\trepo_path\tcommit\tstructure\ttradition\tkind")

UY_REPO = "legalize-dev/legalize-uy"
UY_LIC = "Licencia de Datos Abiertos - Uruguay (Decreto 54/017), attribution IMPO; via legalize-uy (data terms per repo LICENSE)"
PE_REPO = "crafter-research/legalize-pe"
PE_LIC = "Peruvian official legal text (public domain, Ley 26889 / D.S. 001-2003-JUS); via legalize-pe"
MXC_REPO = "IAcate/biblioteca-tdj-chihuahua"
MX_LIC = "Official Mexican legal text (no copyright in laws, Ley Federal del Derecho de Autor art. 14 VIII); via biblioteca-tdj-chihuahua"
BR_REPO = "carlosdelfino/leis-administracao-publica-pesquisa"
BR_LIC = "Brazilian official legal text (not protected, Lei 9.610/1998 art. 8 IV); via leis-administracao-publica-pesquisa (GitBook)"

S = []


def add(**kw):
    kw["slug"] = re.sub(r"-(es|pt)$", "", kw["slug"])
    S.append(kw)


# ---------------- Uruguay (IMPO via legalize-uy) ----------------
for n, slug, title, kind in [
    ("17815", "uy-ley-17815-violencia-sexual-contra-ninos-adolescentes-incapaces-2004-es",
     "Ley N° 17.815 - Violencia sexual comercial o no comercial cometida contra niños, adolescentes o incapaces", "act"),
    ("19580", "uy-ley-19580-violencia-hacia-las-mujeres-basada-en-genero-2017-es",
     "Ley N° 19.580 - Ley de violencia hacia las mujeres basada en género", "act"),
    ("19643", "uy-ley-19643-prevencion-y-combate-trata-de-personas-2018-es",
     "Ley N° 19.643 - Ley de prevención y combate de la trata de personas", "act"),
    ("18331", "uy-ley-18331-proteccion-de-datos-personales-2008-es",
     "Ley N° 18.331 - Ley de protección de datos personales", "act"),
    ("17514", "uy-ley-17514-erradicacion-violencia-domestica-2002-es",
     "Ley N° 17.514 - Ley de erradicación de la violencia doméstica", "act"),
    ("16707", "uy-ley-16707-seguridad-ciudadana-1995-es",
     "Ley N° 16.707 - Ley de seguridad ciudadana", "act"),
    ("19574", "uy-ley-19574-integral-contra-lavado-de-activos-2017-es",
     "Ley N° 19.574 - Ley integral contra el lavado de activos", "act"),
]:
    add(repo=UY_REPO, path=f"uy/UY-ley-{n}.md", jur="uy", slug=slug, lang="es", title=title,
        citation=f"Ley N° {n[:2]}.{n[2:]} (Uruguay)", url_from_fm=True, completeness="whole-act",
        notes="IMPO consolidated text via legalize-uy Markdown (YAML front matter removed); IMPO editorial notes not included upstream; '(*)' marks IMPO note anchors",
        licence=UY_LIC, tradition="civil-law-hispanic", kind=kind, trad="hisp", date_key="last_updated")

# ---------------- Peru (SPIJ / LP via legalize-pe) ----------------
add(repo=PE_REPO, path="pe/LEY-30096-2013.md", jur="pe", slug="pe-ley-30096-delitos-informaticos-2013-es",
    lang="es", title="Ley N° 30096 - Ley de Delitos Informáticos (texto actualizado)",
    citation="Ley N° 30096 (Perú), 22 Oct 2013, as amended to D.Leg. 1741 (2026)", url_from_fm=True,
    completeness="whole-act", start=r"^## \*\*LEY N", trad="hisp", kind="act",
    notes="legalize-pe copy of the LP Derecho consolidated text; web-page header lines before 'LEY N.° 30096' cut; amendment notes ('* Artículo modificado...') kept as printed",
    licence=PE_LIC, tradition="civil-law-hispanic", date_key="last_updated")
add(repo=PE_REPO, path="pe/LEY-30364-2015.md", jur="pe",
    slug="pe-ley-30364-violencia-contra-mujeres-grupo-familiar-2015-es", lang="es",
    title="Ley N° 30364 - Ley para prevenir, sancionar y erradicar la violencia contra las mujeres y los integrantes del grupo familiar",
    citation="Ley N° 30364 (Perú), 23 Nov 2015",
    source_url="https://www.defensoria.gob.pe/deunavezportodas/wp-content/uploads/2019/02/Ley3036_erradicarviolencia.pdf", completeness="whole-act", trad="hisp",
    kind="act", notes="legalize-pe Markdown (front matter removed)", licence=PE_LIC,
    tradition="civil-law-hispanic", date_key="last_updated")
add(repo=PE_REPO, path="pe/LEY-27337-2000.md", jur="pe",
    slug="pe-ley-27337-codigo-de-los-ninos-y-adolescentes-2000-es", lang="es",
    title="Ley N° 27337 - Código de los Niños y Adolescentes (texto actualizado)",
    citation="Ley N° 27337 (Perú), 7 Aug 2000, as amended", url_from_fm=True, completeness="whole-act",
    trad="hisp", kind="code", start=r"^## \*\*T[ÍI]TULO PRELIMINAR",
    notes="legalize-pe copy of LP Derecho consolidated text; the web page's header and index of Libros/Títulos/Capítulos before the code text are cut",
    licence=PE_LIC, tradition="civil-law-hispanic", date_key="last_updated")

add(repo=PE_REPO, path="pe/DLEG-635-1991.md", jur="pe", slug="pe-codigo-penal-dleg-635-libro-ii-titulo-iv-delitos-contra-la-libertad",
    lang="es", title="Código Penal (Decreto Legislativo N° 635), Libro Segundo, Título IV - Delitos contra la libertad",
    citation="Decreto Legislativo N° 635 (Perú), 8 Apr 1991, texto SPIJ actualizado", url_from_fm=True,
    completeness="whole-chapter", start=r"^## TITULO IV\s*$", start_nth=2, end=r"^## TITULO V\s*$", trad="hisp",
    kind="code-chapter",
    notes="SPIJ consolidated text via legalize-pe; SPIJ prints superseded wordings of amended articles followed by the current wording ('(*) Artículo modificado por ...'), so an article number can occur more than once; SPIJ cross-reference labels (e.g. 'PROCESOS CONSTITUCIONALES', 'CONCORDANCIAS') kept as in source; Capítulos IX-XI cover violación de la libertad sexual, proxenetismo and ofensas al pudor público",
    licence=PE_LIC, tradition="civil-law-hispanic", date_key="last_updated")


# ---------------- Mexico: Chihuahua + federal (biblioteca-tdj-chihuahua) ----------------
add(repo=MXC_REPO, path="CPECHIH_PENAL_2006_vigente.md", jur="mx-chh",
    slug="mx-chh-codigo-penal-del-estado-de-chihuahua-2006-es", lang="es",
    title="Código Penal del Estado de Chihuahua (2006), texto vigente",
    citation="Código Penal del Estado de Chihuahua, Decreto 252-2006 II P.O., P.O.E. 27 Dec 2006, reformas al 1 Feb 2025",
    source_url="https://www.congresochihuahua.gob.mx/biblioteca/codigos/", completeness="whole-act",
    start=r"^Texto actualizado", end=r"^LIBRO PRIMERO DISPOSICIONES GENERALES T[ÍI]TULO PRELIMINAR",
    trad="hisp", kind="code", inline_art_heading=True,
    notes="Historical edition: for reformed articles the original wording ('Texto original') and each reformed wording are printed one after another, so an article number can occur more than once; Markdown conversion by the Chihuahua judiciary library project; the converter's metadata table (before 'Texto actualizado...') and the trailing editorial index of articles are cut",
    licence=MX_LIC, tradition="civil-law-hispanic", version_date="2025-02-01")
add(repo=MXC_REPO, path="LEDMVLV_2024_vigente.md", jur="mx-chh",
    slug="mx-chh-ley-estatal-derecho-mujeres-vida-libre-de-violencia-es", lang="es",
    title="Ley Estatal del Derecho de las Mujeres a una Vida Libre de Violencia (Chihuahua)",
    citation="Ley Estatal del Derecho de las Mujeres a una Vida Libre de Violencia, Chihuahua (texto vigente 2024)",
    source_url="https://www.congresochihuahua.gob.mx/biblioteca/leyes/", completeness="whole-act",
    trad="hisp", kind="act", start=r"^(Texto actualizado|Nueva Ley)",
    notes="Markdown conversion by the Chihuahua judiciary library project; the converter's metadata table before the edition header is cut; edition prints original and reformed wordings of reformed articles one after another",
    licence=MX_LIC, tradition="civil-law-hispanic", version_date="2024")
add(repo=MXC_REPO, path="LPDPCHIH_2017_vigente.md", jur="mx-chh",
    slug="mx-chh-ley-proteccion-datos-personales-2017-es", lang="es",
    title="Ley de Protección de Datos Personales del Estado de Chihuahua",
    citation="Ley de Protección de Datos Personales del Estado de Chihuahua (2017)",
    source_url="https://www.congresochihuahua.gob.mx/biblioteca/leyes/", completeness="whole-act",
    trad="hisp", kind="act", start=r"^(Texto actualizado|Nueva Ley)",
    notes="Markdown conversion by the Chihuahua judiciary library project; the converter's metadata table before the edition header is cut; edition prints original and reformed wordings of reformed articles one after another",
    licence=MX_LIC, tradition="civil-law-hispanic", version_date="2017")
add(repo=MXC_REPO, path="CNPP_2025_vigente.md", jur="mx",
    slug="mx-codigo-nacional-de-procedimientos-penales-es", lang="es",
    title="Código Nacional de Procedimientos Penales (México)",
    citation="Código Nacional de Procedimientos Penales, DOF 5 Mar 2014, texto vigente 2025",
    source_url="https://www.diputados.gob.mx/LeyesBiblio/pdf/CNPP.pdf", completeness="whole-act",
    trad="hisp", kind="code", start=r"^Texto actualizado", inline_art_heading=True,
    notes="Markdown conversion (Chihuahua judiciary library project) of the federal code; the converter's metadata table before the edition header is cut",
    licence=MX_LIC, tradition="civil-law-hispanic", version_date="2025")

# ---------------- Brazil: ECA (Lei 8.069/1990), split as in source ----------------
ECA = [
    ("titulo-i.md", "livro-i-titulo-i", "Livro I, Título I - Das Disposições Preliminares"),
    ("titulo-ii-capitulo-i.md", "livro-i-titulo-ii-cap-i", "Livro I, Título II, Capítulo I - Do Direito à Vida e à Saúde"),
    ("titulo-ii-capitulo-ii.md", "livro-i-titulo-ii-cap-ii", "Livro I, Título II, Capítulo II - Do Direito à Liberdade, ao Respeito e à Dignidade"),
    ("titulo-ii-capitulo-iii-secao-i.md", "livro-i-titulo-ii-cap-iii-secao-i", "Livro I, Título II, Capítulo III, Seção I - Do Direito à Convivência Familiar (Disposições Gerais)"),
    ("titulo-ii-capitulo-iii-secao-iii.md", "livro-i-titulo-ii-cap-iii-secao-iii", "Livro I, Título II, Capítulo III, Seção III - Da Família Substituta"),
    ("titulo-ii-capitulo-iv.md", "livro-i-titulo-ii-cap-iv", "Livro I, Título II, Capítulo IV - Do Direito à Educação, à Cultura, ao Esporte e ao Lazer"),
    ("titulo-iii.md", "livro-i-titulo-iii", "Livro I, Título III - Da Prevenção"),
    ("parte-especial/titulo-i.md", "livro-ii-titulo-i", "Livro II, Título I - Da Política de Atendimento"),
    ("parte-especial/titulo-ii.md", "livro-ii-titulo-ii", "Livro II, Título II - Das Medidas de Proteção"),
    ("parte-especial/titulo-iii.md", "livro-ii-titulo-iii", "Livro II, Título III - Da Prática de Ato Infracional"),
    ("parte-especial/titulo-vi.md", "livro-ii-titulo-vi", "Livro II, Título VI - Do Acesso à Justiça"),
    ("parte-especial/titulo-vii.md", "livro-ii-titulo-vii", "Livro II, Título VII - Dos Crimes e das Infrações Administrativas"),
]
for p, part, t in ECA:
    add(repo=BR_REPO, path=f"estatuto-da-crianca-e-do-adolescente/{p}", jur="br",
        slug=f"br-lei-8069-1990-eca-{part}-pt", lang="pt",
        title=f"Estatuto da Criança e do Adolescente (Lei nº 8.069/1990), {t}",
        citation="Lei nº 8.069, de 13 de julho de 1990 (ECA)", source_url="https://www.planalto.gov.br/ccivil_03/leis/l8069.htm",
        completeness="whole-chapter", trad="br", kind="code-chapter",
        notes="Planalto compiled text as converted to Markdown (GitBook) in 2019; amendment notes '(Redação dada pela Lei ...)' and superseded wordings kept inline as on planalto.gov.br",
        licence=BR_LIC, tradition="civil-law-lusophone", version_date="2019-06-05 (snapshot of compiled text)")



# ---------------- split labelers ----------------
ORD = {"PRIMERO": 1, "PRIMERA": 1, "SEGUNDO": 2, "TERCERO": 3, "CUARTO": 4, "CUART0": 4, "QUINTO": 5, "SEXTO": 6,
       "SÉPTIMO": 7, "SEPTIMO": 7, "OCTAVO": 8, "NOVENO": 9, "DÉCIMO": 10, "DECIMO": 10, "UNDÉCIMO": 11,
       "DUODÉCIMO": 12, "FINAL": "final", "PRELIMINAR": "preliminar", "UNICO": "unico", "ÚNICO": "unico"}
ROM = {1: "i", 2: "ii", 3: "iii", 4: "iv", 5: "v", 6: "vi", 7: "vii", 8: "viii", 9: "ix", 10: "x", 11: "xi", 12: "xii"}


def _numslug(tok):
    tok = tok.strip(" .:").upper()
    if tok in ORD:
        v = ORD[tok]
        return ROM.get(v, v) if isinstance(v, int) else v
    return tok.lower().replace(" ", "-")


def _ascii(x):
    import unicodedata
    return unicodedata.normalize("NFKD", x).encode("ascii", "ignore").decode("ascii")


def make_labeler(book_re, title_re):
    state = {"book": None}

    def label(part, n):
        first = next((x for x in part if x.strip()), "")
        if re.match(r"^ART[IÍ]CULOS TRANSITORIOS", first):
            return {"slug": "transitorios", "title": "Artículos transitorios (incl. transitorios de decretos de reforma)"}
        for ln in part:
            m = re.search(book_re, ln)
            if m:
                state["book"] = _numslug(m.group(1))
                break
        for ln in part:
            m = re.search(title_re, ln)
            if m:
                t = _numslug(m.group(1))
                head = L.clean(ln)
                b = state["book"]
                return {"slug": _ascii((f"libro-{b}-" if b else "") + f"titulo-{t}"),
                        "title": (f"Libro {b.upper()}, " if b else "") + head}
        return None
    return label


# ---------------- Colombia (SUIN-Juriscol via renzorico/legalize-co) ----------------
CO_REPO = "renzorico/legalize-co"
CO_LIC = "Colombian official legal text (public, SUIN-Juriscol, Ministerio de Justicia); via legalize-co"
CO_NOTE = "SUIN-Juriscol text as Markdown (legalize-co; YAML front matter removed); SUIN editorial markers such as 'JURISPRUDENCIA []' and notes on amended/derogated text kept as in source"
add(repo=CO_REPO, path="laws/co/LEY-599-2000.md", jur="co", slug="co-ley-599-2000-codigo-penal", lang="es",
    title="Ley 599 de 2000, Código Penal (Colombia)", citation="Ley 599 de 2000 (24 Jul 2000), Código Penal",
    url_from_fm=True, completeness="whole-chapter", trad="hisp", kind="code",
    split=r"^###\s+T[IÍ]TULO\s", lead=r"^###\s+LIBRO\s",
    part_label=make_labeler(r"^###\s+LIBRO\s+(\S+)", r"^###\s+T[IÍ]TULO\s+([IVXL]+(?:-A|\s+BIS)?)"),
    notes=CO_NOTE, licence=CO_LIC, tradition="civil-law-hispanic", date_key="ultima_actualizacion")
for f, slug, title, cit, kind in [
    ("LEY-1273-2009", "co-ley-1273-2009-delitos-informaticos", "Ley 1273 de 2009 (delitos informáticos: protección de la información y de los datos)", "Ley 1273 de 2009 (5 Jan 2009)", "act"),
    ("LEY-1098-2006", "co-ley-1098-2006-codigo-infancia-adolescencia", "Ley 1098 de 2006, Código de la Infancia y la Adolescencia", "Ley 1098 de 2006 (8 Nov 2006)", "code"),
    ("LEY-679-2001", "co-ley-679-2001-explotacion-pornografia-turismo-sexual-menores", "Ley 679 de 2001, estatuto para prevenir y contrarrestar la explotación, la pornografía y el turismo sexual con menores", "Ley 679 de 2001 (3 Aug 2001)", "act"),
    ("LEY-1336-2009", "co-ley-1336-2009-robustece-ley-679-explotacion-sexual-menores", "Ley 1336 de 2009, adiciona y robustece la Ley 679 de 2001 (explotación, pornografía y turismo sexual con niños, niñas y adolescentes)", "Ley 1336 de 2009 (21 Jul 2009)", "act"),
    ("LEY-985-2005", "co-ley-985-2005-trata-de-personas", "Ley 985 de 2005, medidas contra la trata de personas", "Ley 985 de 2005 (26 Aug 2005)", "act"),
    ("LEY-1146-2007", "co-ley-1146-2007-prevencion-violencia-sexual-ninos", "Ley 1146 de 2007, prevención de la violencia sexual y atención integral de niños, niñas y adolescentes abusados sexualmente", "Ley 1146 de 2007 (10 Jul 2007)", "act"),
    ("LEY-1257-2008", "co-ley-1257-2008-violencia-contra-mujeres", "Ley 1257 de 2008, sensibilización, prevención y sanción de formas de violencia y discriminación contra las mujeres", "Ley 1257 de 2008 (4 Dec 2008)", "act"),
]:
    add(repo=CO_REPO, path=f"laws/co/{f}.md", jur="co", slug=slug, lang="es", title=title, citation=cit,
        url_from_fm=True, completeness="whole-act", trad="hisp", kind=kind, notes=CO_NOTE, licence=CO_LIC,
        tradition="civil-law-hispanic", date_key="ultima_actualizacion")

# ---------------- Chile (BCN LeyChile via legalize-cl mirrors) ----------------
CL_LIC = "Chilean official legal text (BCN LeyChile; laws not protected, Ley 17.336 art. 11); via legalize-cl"
add(repo="fgreve/legalize-cl", path="cl/BCN-1984.md", jur="cl", slug="cl-codigo-penal-1874", lang="es",
    title="Código Penal de Chile (1874, texto actualizado)", citation="Código Penal (12 Nov 1874), texto vigente BCN",
    url_from_fm=True, completeness="whole-chapter", trad="hisp", kind="code",
    split=r"^###\s+T[IÍ]TULO\s", lead=r"^##\s+LIBRO\s",
    part_label=make_labeler(r"^##\s+LIBRO\s+([A-ZÉÍ0]+)", r"^###\s+T[IÍ]TULO\s+([A-ZÉÍÚ0]+)"),
    notes="BCN LeyChile consolidated text as Markdown (legalize-cl); converter adds '#### Artículo N' headings above the printed 'ART. N.' / 'Art. N.' lines (the repeated printed number is not a second unit); hard line-wrapping of the BCN plain text kept",
    licence=CL_LIC, tradition="civil-law-hispanic", version_date="BCN consolidated text (snapshot 2026-04-19)")
CLH = "Clemente-H/legalize-cl"
for n, num, slug, title, date in [
    ("1177743", "21.459", "cl-ley-21459-delitos-informaticos-2022", "Ley N° 21.459, establece normas sobre delitos informáticos, deroga la Ley N° 19.223 (Convenio de Budapest)", "2022-06-20"),
    ("1028636", "20.526", "cl-ley-20526-acoso-sexual-menores-pornografia-infantil-virtual-2011", "Ley N° 20.526, sanciona el acoso sexual de menores, la pornografía infantil virtual y la posesión de material pornográfico infantil", "2011-08-13"),
    ("1187183", "21.522", "cl-ley-21522-explotacion-sexual-comercial-material-pornografico-ninos-2022", "Ley N° 21.522, introduce un nuevo párrafo en el Título VII del Libro II del Código Penal, relativo a la explotación sexual comercial y material pornográfico de niños, niñas y adolescentes", "2022-12-30"),
    ("1024319", "20.507", "cl-ley-20507-trafico-migrantes-trata-de-personas-2011", "Ley N° 20.507, tipifica los delitos de tráfico ilícito de migrantes y trata de personas", "2011-04-08"),
    ("1173643", "21.430", "cl-ley-21430-garantias-proteccion-integral-ninez-adolescencia-2022", "Ley N° 21.430, sobre garantías y protección integral de los derechos de la niñez y adolescencia", "2022-03-15"),
    ("1113932", "21.057", "cl-ley-21057-entrevistas-videograbadas-menores-victimas-delitos-sexuales-2018", "Ley N° 21.057, regula entrevistas grabadas en video y otras medidas de resguardo a menores de edad víctimas de delitos sexuales", "2018-01-20"),
    ("1041136", "20.594", "cl-ley-20594-inhabilidades-condenados-delitos-sexuales-contra-menores-2012", "Ley N° 20.594, crea inhabilidades para condenados por delitos sexuales contra menores y establece registro de dichas inhabilidades", "2012-06-19"),
    ("1180363", "21.483", "cl-ley-21483-proteccion-penal-infancia-2022", "Ley N° 21.483, modifica el Código Penal para reforzar la protección penal a la infancia y a otras personas que indica", "2022-08-24"),
]:
    add(repo=CLH, path=f"cl/CL-{n}.md", jur="cl", slug=slug, lang="es", title=title,
        citation=f"Ley N° {num} (Chile), D.O. {date}", url_from_fm=True, completeness="whole-act", trad="hisp",
        kind="act", notes="BCN LeyChile text as Markdown (legalize-cl; YAML front matter removed); amending provisions quote inserted Código Penal articles inside quotation marks (quoted articles are not units of this Act)",
        licence=CL_LIC, tradition="civil-law-hispanic", version_date=date)
add(repo="fgreve/legalize-cl", path="cl/BCN-141599.md", jur="cl", slug="cl-ley-19628-proteccion-vida-privada-1999", lang="es",
    title="Ley N° 19.628, sobre protección de la vida privada", citation="Ley N° 19.628 (Chile), D.O. 28 Aug 1999",
    url_from_fm=True, completeness="whole-act", trad="hisp", kind="act",
    notes="BCN LeyChile consolidated text as Markdown (legalize-cl); converter '#### Artículo N' headings above printed article lines",
    licence=CL_LIC, tradition="civil-law-hispanic", date_key="ultima_actualizacion")

# ---------------- Puerto Rico (axelrivera/puerto-rico-law app data) ----------------
PR_REPO = "axelrivera/puerto-rico-law"
PR_LIC = "Puerto Rico statutes (public law texts); compiled in the MIT-licensed Puerto Rico Law iOS app data"
for b, slug, title, cit, url, kind, vd in [
    ("CodigoPenal2004", "pr-codigo-penal-2004", "Código Penal del Estado Libre Asociado de Puerto Rico de 2004 (Ley Núm. 149 de 18 de junio de 2004, según enmendada)", "Ley Núm. 149 de 18 de junio de 2004 (33 L.P.R.A. § 4625 et seq.)", "https://bvirtualogp.pr.gov/ogp/Bvirtual/leyesreferencia/PDF/Penal/149-2004.pdf", "code", "enmiendas hasta el 11 de noviembre de 2011 (Código de 2004, sustituido por el Código Penal de 2012)"),
    ("ViolenciaDomestica", "pr-ley-54-1989-violencia-domestica", "Ley Núm. 54 de 15 de agosto de 1989, Ley para la Prevención e Intervención con la Violencia Doméstica", "Ley Núm. 54 de 15 de agosto de 1989 (8 L.P.R.A. § 601 et seq.)", "https://bvirtualogp.pr.gov/ogp/Bvirtual/leyesreferencia/PDF/2-ingles/54-1989.pdf", "act", "enmiendas hasta el 29 de agosto de 2011"),
    ("ReglasProcedimientoCriminal", "pr-reglas-procedimiento-criminal", "Reglas de Procedimiento Criminal de Puerto Rico", "Reglas de Procedimiento Criminal (34 L.P.R.A. Ap. II)", "https://www.poderjudicial.pr/", "regulation", "enmiendas hasta el 27 de diciembre de 2011"),
    ("ConstitucionPR", "pr-constitucion-1952", "Constitución del Estado Libre Asociado de Puerto Rico (1952)", "Constitución del E.L.A. de Puerto Rico (25 Jul 1952)", "https://www.lexjuris.com/lexprcont.htm", "act", "1952"),
]:
    add(repo=PR_REPO, path=f"PuertoRicoLaw/Books/{b}.plist", fmt="plist", jur="pr", slug=slug, lang="es",
        title=title, citation=cit, source_url=url, completeness="whole-act", trad="paren", kind=kind,
        notes="Text rendered from the app's plist: for each node the label ('Libro Primero', 'Artículo 12') and title are printed, articles as 'Artículo N.- Title.' followed by the content paragraphs; L.P.R.A. sublabels printed in parentheses; units = the plist tree (+ (a)/(1) subdivisions found at paragraph starts)",
        licence=PR_LIC, tradition="mixed", version_date=vd)

# ---------------- Paraguay (BACN via oscarnortiz/legislacionParaguaya, article-level CSV) ----------------
PY_REPO = "oscarnortiz/legislacionParaguaya"
PY_LIC = "Paraguayan official legal text (BACN); via legislacionParaguaya data/articulos.csv"
for ley, slug, title, url, kind in [
    ("1160", "py-ley-1160-1997-codigo-penal", "Ley N° 1160/97, Código Penal (Paraguay)", "https://www.bacn.gov.py/leyes-paraguayas/3497/codigo-penal", "code"),
    ("1680", "py-ley-1680-2001-codigo-de-la-ninez-y-la-adolescencia", "Ley N° 1680/01, Código de la Niñez y la Adolescencia (Paraguay)", "https://www.bacn.gov.py/leyes-paraguayas/5261/codigo-de-la-ninez-y-la-adolescencia", "code"),
    ("577", "py-ley-5777-2016-proteccion-integral-mujeres-violencia", "Ley N° 5777/16, de protección integral a las mujeres contra toda forma de violencia (Paraguay)", "https://www.bacn.gov.py/leyes-paraguayas/8356/ley-n-5777-de-proteccion-integral-a-las-mujeres-contra-toda-forma-de-violencia", "act"),
]:
    add(repo=PY_REPO, path="data/articulos.csv", fmt="csv", ley=ley, jur="py", slug=slug, lang="es", title=title,
        citation=title.split(",")[0], source_url=url, completeness="partial", trad="hisp", kind=kind,
        notes="articles only (all articles scraped from BACN, but Libro/Título/Capítulo headings and paragraph breaks were not kept upstream)",
        licence=PY_LIC, tradition="civil-law-hispanic", version_date="scraped 2025 (BACN)")

# ---------------- Guatemala (official Congreso PDFs, legalize-gt fixtures) ----------------
GT_REPO = "aleg001/legalize-gt"
GT_LIC = "Guatemalan official legal text (Congreso de la República); PDF fixtures of legalize-gt"
for pdf, slug, title, cit, url, kind in [
    ("sample-constitution", "gt-constitucion-politica-1985", "Constitución Política de la República de Guatemala (1985)", "Constitución Política de la República de Guatemala, 31 May 1985", "https://www.congreso.gob.gt/assets/uploads/secciones/pdf/16e67-constitucion-politica-de-la-republica-de-guatemala.pdf", "act"),
    ("sample-code-codigo-municipal", "gt-decreto-12-2002-codigo-municipal", "Decreto 12-2002, Código Municipal (Guatemala)", "Decreto Número 12-2002 del Congreso de la República", "https://www.congreso.gob.gt/assets/uploads/info_legislativo/decretos/2002/gtdcx12-2002.pdf", "code"),
    ("sample-budget-law", "gt-decreto-101-97-ley-organica-del-presupuesto", "Decreto 101-97, Ley Orgánica del Presupuesto (Guatemala)", "Decreto Número 101-97 del Congreso de la República", "https://www.congreso.gob.gt/assets/uploads/info_legislativo/decretos/1997/gtdcx101-1997.pdf", "act"),
    ("sample-civic-service", "gt-decreto-20-2003-ley-del-servicio-civico", "Decreto 20-2003, Ley del Servicio Cívico (Guatemala)", "Decreto Número 20-2003 del Congreso de la República", "https://www.congreso.gob.gt/assets/uploads/info_legislativo/decretos/2003/gtdcx20-2003.pdf", "act"),
]:
    add(repo=GT_REPO, path=f"engine/tests/fixtures/gt/{pdf}.pdf", txt_path=f"tmp/extracted/gt/{pdf}.txt", fmt="pdf",
        jur="gt", slug=slug, lang="es", title=title, citation=cit, source_url=url, completeness="whole-act",
        trad="hisp", kind=kind, notes="public-law filler (no criminal-law PDF in the source)", licence=GT_LIC,
        tradition="civil-law-hispanic", version_date="")


# ---------------- Brazil: Planalto texts (kewbson/direito-organizado-pnpm scrape, 2025-07-18) ----------------
BRK = "kewbson/direito-organizado-pnpm"
BRK_LIC = "Brazilian official legal text (not protected, Lei 9.610/1998 art. 8 IV); planalto.gov.br via direito-organizado scrape"


def make_parte_labeler():
    state = {"parte": None}

    def label(part, n):
        for ln in part:
            m = re.match(r"^PARTE\s+(GERAL|ESPECIAL)", ln)
            if m:
                state["parte"] = m.group(1).lower()
                break
        for i, ln in enumerate(part):
            m = re.match(r"^T[ÍI]TULO\s+([IVXL]+(?:-[A-Z])?)\b", ln)
            if m:
                nxt = next((x for x in part[i + 1:] if x.strip()), "")
                pt = state["parte"] or "geral"
                return {"slug": f"parte-{pt}-titulo-{m.group(1).lower()}",
                        "title": f"Parte {pt.capitalize()}, Título {m.group(1)} - {nxt}"}
        return None
    return label


add(repo=BRK, path="public/data/leis/converted-json/cp.json", fmt="planalto", jur="br",
    slug="br-decreto-lei-2848-1940-codigo-penal", lang="pt", title="Código Penal (Decreto-Lei nº 2.848/1940)",
    citation="Decreto-Lei nº 2.848, de 7 de dezembro de 1940 (Código Penal)", completeness="whole-chapter",
    trad="br", kind="code", split=r"^T[ÍI]TULO\s+[IVXL]+(?:-[A-Z])?\s*$|^T[ÍI]TULO\s+[IVXL]+(?:-[A-Z])?\s+[-–]?\s*D",
    lead=r"^PARTE\s+(GERAL|ESPECIAL)", part_label=make_parte_labeler(),
    notes="", licence=BRK_LIC, tradition="civil-law-lusophone", version_date="2025-07-18 (scrape of compiled text)")
for key, slug, title, cit, kind in [
    ("mariapenha", "br-lei-11340-2006-maria-da-penha", "Lei nº 11.340/2006 (Lei Maria da Penha)", "Lei nº 11.340, de 7 de agosto de 2006", "act"),
    ("internet", "br-lei-12965-2014-marco-civil-da-internet", "Lei nº 12.965/2014 (Marco Civil da Internet)", "Lei nº 12.965, de 23 de abril de 2014", "act"),
    ("lgpd", "br-lei-13709-2018-lgpd", "Lei nº 13.709/2018 (Lei Geral de Proteção de Dados Pessoais)", "Lei nº 13.709, de 14 de agosto de 2018", "act"),
    ("hediondos", "br-lei-8072-1990-crimes-hediondos", "Lei nº 8.072/1990 (Lei dos Crimes Hediondos)", "Lei nº 8.072, de 25 de julho de 1990", "act"),
    ("orgcrim", "br-lei-12850-2013-organizacao-criminosa", "Lei nº 12.850/2013 (organizações criminosas; infiltração de agentes)", "Lei nº 12.850, de 2 de agosto de 2013", "act"),
    ("lcp", "br-decreto-lei-3688-1941-contravencoes-penais", "Decreto-Lei nº 3.688/1941 (Lei das Contravenções Penais)", "Decreto-Lei nº 3.688, de 3 de outubro de 1941", "act"),
    ("tortura", "br-lei-9455-1997-tortura", "Lei nº 9.455/1997 (crimes de tortura)", "Lei nº 9.455, de 7 de abril de 1997", "act"),
    ("antiterror", "br-lei-13260-2016-antiterrorismo", "Lei nº 13.260/2016 (Lei Antiterrorismo)", "Lei nº 13.260, de 16 de março de 2016", "act"),
    ("racismo", "br-lei-7716-1989-crimes-de-racismo", "Lei nº 7.716/1989 (crimes resultantes de preconceito de raça ou de cor)", "Lei nº 7.716, de 5 de janeiro de 1989", "act"),
    ("lavagemdin", "br-lei-9613-1998-lavagem-de-dinheiro", "Lei nº 9.613/1998 (lavagem de dinheiro)", "Lei nº 9.613, de 3 de março de 1998", "act"),
    ("eca", "br-lei-8069-1990-eca-texto-compilado-2025", "Lei nº 8.069/1990 (Estatuto da Criança e do Adolescente), texto compilado 2025", "Lei nº 8.069, de 13 de julho de 1990", "act"),
    ("drogas", "br-lei-11343-2006-drogas", "Lei nº 11.343/2006 (Lei de Drogas)", "Lei nº 11.343, de 23 de agosto de 2006", "act"),
    ("desarm", "br-lei-10826-2003-estatuto-do-desarmamento", "Lei nº 10.826/2003 (Estatuto do Desarmamento)", "Lei nº 10.826, de 22 de dezembro de 2003", "act"),
    ("estidoso", "br-lei-10741-2003-estatuto-da-pessoa-idosa", "Lei nº 10.741/2003 (Estatuto da Pessoa Idosa)", "Lei nº 10.741, de 1º de outubro de 2003", "act"),
    ("software", "br-lei-9609-1998-software", "Lei nº 9.609/1998 (proteção da propriedade intelectual de programa de computador)", "Lei nº 9.609, de 19 de fevereiro de 1998", "act"),
    ("abusoautoridade", "br-lei-13869-2019-abuso-de-autoridade", "Lei nº 13.869/2019 (abuso de autoridade)", "Lei nº 13.869, de 5 de setembro de 2019", "act"),
]:
    add(repo=BRK, path=f"public/data/leis/converted-json/{key}.json", fmt="planalto", jur="br", slug=slug, lang="pt",
        title=title, citation=cit, completeness="whole-act", trad="br", kind=kind, notes="", licence=BRK_LIC,
        tradition="civil-law-lusophone", version_date="2025-07-18 (scrape of compiled text)")


# ---------------- Spain: BOE consolidated HTML (Ansvar-Systems/spanish-law-mcp, data/source at c2a47bea) ----------------
ES_REPO = "Ansvar-Systems/spanish-law-mcp"
ES_COMMIT = "c2a47beaa6a248bdf7c72acc87f2c98ccaa3f7dc"
ES_LIC = "Spanish official legal text (BOE; laws excluded from copyright, TRLPI art. 13); BOE page HTML as stored by spanish-law-mcp"
add(repo=ES_REPO, commit=ES_COMMIT, path="data/source/BOE-A-1995-25444.html", fmt="boe", jur="es",
    slug="es-lo-10-1995-codigo-penal", lang="es", title="Ley Orgánica 10/1995, de 23 de noviembre, del Código Penal",
    citation="Ley Orgánica 10/1995, de 23 de noviembre (BOE núm. 281, de 24/11/1995), texto consolidado",
    source_url="https://www.boe.es/buscar/act.php?id=BOE-A-1995-25444", completeness="whole-chapter", split_title=True,
    kind="code", notes="", licence=ES_LIC, tradition="civil-law-hispanic", version_date="BOE consolidated text as fetched by spanish-law-mcp (2026)")
for boe, slug, title, cit, kind in [
    ("BOE-A-2018-16673", "es-lo-3-2018-proteccion-datos-garantia-derechos-digitales", "Ley Orgánica 3/2018, de 5 de diciembre, de Protección de Datos Personales y garantía de los derechos digitales", "Ley Orgánica 3/2018 (BOE núm. 294, de 06/12/2018)", "act"),
    ("BOE-A-2002-13758", "es-ley-34-2002-servicios-sociedad-informacion-comercio-electronico", "Ley 34/2002, de 11 de julio, de servicios de la sociedad de la información y de comercio electrónico", "Ley 34/2002 (BOE núm. 166, de 12/07/2002)", "act"),
    ("BOE-A-2007-18243", "es-ley-25-2007-conservacion-datos-comunicaciones-electronicas", "Ley 25/2007, de 18 de octubre, de conservación de datos relativos a las comunicaciones electrónicas y a las redes públicas de comunicaciones", "Ley 25/2007 (BOE núm. 251, de 19/10/2007)", "act"),
    ("BOE-A-1978-31229", "es-constitucion-1978", "Constitución Española (1978)", "Constitución Española (BOE núm. 311, de 29/12/1978)", "act"),
    ("BOE-A-2020-14046", "es-ley-6-2020-servicios-electronicos-de-confianza", "Ley 6/2020, de 11 de noviembre, reguladora de determinados aspectos de los servicios electrónicos de confianza", "Ley 6/2020 (BOE núm. 298, de 12/11/2020)", "act"),
]:
    add(repo=ES_REPO, commit=ES_COMMIT, path=f"data/source/{boe}.html", fmt="boe", jur="es", slug=slug, lang="es",
        title=title, citation=cit, source_url=f"https://www.boe.es/buscar/act.php?id={boe}", completeness="whole-act",
        kind=kind, notes="", licence=ES_LIC, tradition="civil-law-hispanic",
        version_date="BOE consolidated text as fetched by spanish-law-mcp (2026)")


# ---------------- Portugal ----------------
add(repo="korreio/fotopt", path="src/legislacao_direitos_autor.asp", fmt="oldhtml", encoding="latin-1",
    fffd_fix=True, start=r"^C[ÓO]DIGO DO DIREITO DE AUTOR", jur="pt",
    slug="pt-codigo-direito-de-autor-direitos-conexos", lang="pt",
    title="Código do Direito de Autor e dos Direitos Conexos (Decreto-Lei n.º 63/85, redacção anterior a 2008)",
    citation="Decreto-Lei n.º 63/85, de 14 de Março, com as alterações das Leis n.º 45/85 e 114/91 e DL 332/97 e 334/97 (versão em escudos)",
    source_url="https://diariodarepublica.pt/dr/legislacao-consolidada/decreto-lei/1985-34475475",
    completeness="whole-act", trad="pt", kind="code",
    notes="Older consolidated version (fees in escudos) published on the fotopt site; the repository file lost the ordinal sign: U+FFFD restored as 'º' after digits and in 'nº' (editorial), other U+FFFD left as is; includes the crimes of usurpação/contrafacção (arts. 195-199)",
    licence="Portuguese official legal text (not protected, CDADC art. 7); page from the GPL-3.0 fotopt site",
    tradition="civil-law-lusophone", version_date="pre-2004 consolidation (date not stated)")


# ---------------- Mexico federal: Cámara de Diputados texts/PDFs (madfam-org/leyes-como-codigo-mx data/raw) ----------------
MXF = "madfam-org/leyes-como-codigo-mx"
MXF_LIC = "Official Mexican federal legal text (Cámara de Diputados, LeyesBiblio; laws not protected, LFDA art. 14 VIII)"
add(repo=MXF, path="data/raw/cpf_extracted.txt", jur="mx", slug="mx-codigo-penal-federal", lang="es",
    title="Código Penal Federal (México)", citation="Código Penal Federal, DOF 14-08-1931, última reforma DOF 28-11-2025",
    source_url="https://www.diputados.gob.mx/LeyesBiblio/pdf/CPF.pdf", completeness="whole-chapter", trad="hisp",
    kind="code", split=r"^T[IÍ]TULO\s+(?:PRELIMINAR|[A-ZÉÍÓÚ]+(?:\s+[A-ZÉÍÓÚ]+)?)\s*$|^ARTICULOS TRANSITORIOS:\s*$", lead=r"^LIBRO\s+[A-Z]+\s*$",
    part_label=make_labeler(r"^LIBRO\s+([A-Z]+)\s*$", r"^T[IÍ]TULO\s+((?:PRELIMINAR|[A-ZÉÍÓÚ]+)(?:\s+[A-ZÉÍÓÚ]+)?)\s*$"),
    notes="text extracted (by the source project) from the official Cámara de Diputados PDF: running page headers/footers ('CÁMARA DE DIPUTADOS...', 'N de 351') and the PDF line breaks are kept; reform notes ('Artículo reformado DOF ...') printed under the provisions as in the PDF",
    licence=MXF_LIC, tradition="civil-law-hispanic", version_date="2025-11-28 (última reforma DOF)")
for key, slug, title, cit in [
    ("lgpsedmtp", "mx-ley-general-trata-de-personas-2012", "Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas y para la Protección y Asistencia a las Víctimas de estos Delitos", "DOF 14-06-2012, última reforma DOF 14-11-2025"),
    ("lgdnna", "mx-ley-general-derechos-ninas-ninos-adolescentes-2014", "Ley General de los Derechos de Niñas, Niños y Adolescentes", "DOF 04-12-2014 (texto vigente)"),
    ("lgamvlv", "mx-ley-general-acceso-mujeres-vida-libre-de-violencia-2007", "Ley General de Acceso de las Mujeres a una Vida Libre de Violencia", "DOF 01-02-2007 (texto vigente)"),
    ("lfcdo", "mx-ley-federal-contra-delincuencia-organizada-1996", "Ley Federal contra la Delincuencia Organizada", "DOF 07-11-1996 (texto vigente)"),
    ("lfpdppp", "mx-ley-federal-proteccion-datos-personales-particulares-2025", "Ley Federal de Protección de Datos Personales en Posesión de los Particulares", "DOF 20-03-2025"),
]:
    add(repo=MXF, path=f"data/raw/pdfs/{key}.pdf", txt_path=f"data/raw/{key}_extracted.txt", fmt="pdf", jur="mx",
        slug=slug, lang="es", title=title, citation=cit,
        source_url=f"https://www.diputados.gob.mx/LeyesBiblio/pdf/{key.upper()}.pdf", completeness="whole-act",
        trad="hisp", kind="act", notes="official Cámara de Diputados PDF (texto vigente)", licence=MXF_LIC,
        tradition="civil-law-hispanic", version_date="texto vigente as downloaded by the source project (2026)")


def extract(src):
    commit = src.get("commit") or L.head_commit(src["repo"])
    rawb = L.git_show(src["repo"], commit, src["path"])
    if src.get("fmt") in ("plist", "pdf", "csv", "planalto", "boe", "oldhtml"):
        return commit, rawb, {}, None
    raw = rawb.decode("utf-8")
    text, fm = L.strip_front_matter(raw)
    fmd = {}
    for ln in fm.splitlines():
        m = re.match(r"^(\w+):\s*['\"]?(.*?)['\"]?\s*$", ln)
        if m:
            fmd[m.group(1)] = m.group(2)
    lines = text.splitlines()  # normalises \r, \u2028 etc. to one line per printed line
    if src.get("start"):
        hits = [i for i, ln in enumerate(lines) if re.search(src["start"], ln)]
        nth = src.get("start_nth", 1)
        if len(hits) < nth:
            raise SystemExit(f"start not found {src['slug']}")
        lines = lines[hits[nth - 1]:]
    if src.get("end"):
        for i, ln in enumerate(lines):
            if i > 0 and re.search(src["end"], ln):
                lines = lines[:i]
                break
    while lines and not lines[-1].strip():
        lines.pop()
    return commit, rawb, fmd, lines


def split_parts(lines, split_re, lead_re):
    """Split at lines matching split_re. A contiguous header block just before a split point
    (blank lines and heading lines) that contains a lead_re line (e.g. LIBRO) goes with the next part."""
    starts = [i for i, ln in enumerate(lines) if re.search(split_re, ln)]
    if not starts:
        return [lines]
    cuts = []
    for st in starts:
        j, k = st, st - 1
        while k >= 0 and (not lines[k].strip() or lines[k].lstrip().startswith("#") or re.search(lead_re, lines[k])
                          or (lines[k].lstrip().startswith("(") and len(lines[k]) < 120)):
            if re.search(lead_re, lines[k]):
                j = k
            k -= 1
        cuts.append(j)
    bounds = [0] + cuts[1:] if cuts[0] > 0 else cuts
    parts = []
    for a, b in zip(bounds, bounds[1:] + [len(lines)]):
        part = lines[a:b]
        while part and not part[-1].strip():
            part.pop()
        parts.append(part)
    return parts


def merge_empty_parts(parts, trad):
    """a part without any article (e.g. a repeated Título heading) joins the next part"""
    merged, carry = [], []
    for part in parts:
        part = carry + ([""] if carry else []) + part
        if not any(u["kind"] == "article" for u in L.structure(part, tradition=trad)):
            carry = part
            continue
        carry = []
        merged.append(part)
    if carry:
        merged[-1] = merged[-1] + [""] + carry
    return merged


def html_to_lines(h):
    h = re.sub(r"(?i)<br\s*/?>", "\n", h)
    h = re.sub(r"(?i)</p\s*>", "\n\n", h)
    h = re.sub(r"(?i)<p[^>]*>", "", h)
    h = re.sub(r"<[^>]+>", "", h)
    h = html.unescape(h).replace("\u00a0", " ")
    out = []
    for ln in h.split("\n"):
        ln = ln.rstrip()
        if ln.strip() or (out and out[-1] != ""):
            out.append(ln.strip() if ln.strip() else "")
    while out and out[-1] == "":
        out.pop()
    return out


PLIST_KIND = {"Libro": "book", "Título": "title", "Capítulo": "chapter", "Sección": "section",
              "Subcapítulo": "subchapter", "Artículo": "article", "Regla": "rule", "Reglas": "rule",
              "Parte": "part"}


def render_plist(rawb):
    d = plistlib.loads(rawb)
    lines, units = [], []
    book = d.get("Book", {})
    lines.extend([book.get("bookTitle", ""), ""])
    if book.get("bookNotes"):
        lines.extend([x.rstrip() for x in book["bookNotes"].strip().splitlines()] + [""])

    def walk(nodes, parent):
        for n in nodes:
            lab = (n.get("sectionLabel") or "").strip()
            sub = (n.get("sectionSublabel") or "").strip()
            title = (n.get("sectionTitle") or "").strip()
            content = n.get("sectionContent") or ""
            kids = n.get("sectionChildren") or []
            word = lab.split(" ")[0] if lab else ""
            kind = PLIST_KIND.get(word)
            num = lab[len(word):].strip() if kind else None
            idx = None
            if kind == "rule" and word == "Reglas":
                kind = None
            if kids and not content:
                # grouping node: label line, then title line
                if lab:
                    if kind:
                        units.append({"kind": kind, "num": num, "heading": title or None, "parent": parent,
                                      "line": len(lines) + 1})
                        idx = len(units) - 1
                    lines.append(lab + (f" ({sub})" if sub else ""))
                if title:
                    lines.append(title)
                lines.append("")
                walk(kids, idx if idx is not None else parent)
                continue
            head = lab
            if title:
                head += (".- " if lab else "") + title + ("" if title.endswith(".") else ".")
            elif lab:
                head += ".-"
            if sub:
                head += f" ({sub})"
            if kind and num:
                units.append({"kind": kind, "num": num, "heading": title or None, "parent": parent,
                              "line": len(lines) + 1})
                idx = len(units) - 1
            lines.append(head)
            body = html_to_lines(content)
            start = len(lines)
            lines.extend(body)
            if idx is not None:
                sub_units = L.structure([""] * start + body, tradition="paren", groups=False,
                                        force_in_article=True)
                for u in sub_units:
                    u["parent"] = idx if u["parent"] is None else u["parent"] + len(units)
                units.extend(sub_units)
            lines.append("")
            if kids:
                walk(kids, idx if idx is not None else parent)
    walk(d.get("Sections", []), None)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines, units, book


class _PlanaltoText(HTMLParser):
    """Planalto (planalto.gov.br) page HTML -> text lines; struck-through (revoked) text is dropped."""
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "center",
             "dl", "ul", "ol", "tbody"}
    SKIP = {"del", "strike", "s", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.buf, self.lines, self.skip, self.sup = [], [], 0, False

    def _flush(self):
        t = re.sub(r"\s+", " ", "".join(self.buf).replace("\u00a0", " ")).strip()
        self.buf = []
        if t:
            self.lines.append(t)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK or tag == "td":
            self._flush()
        if tag == "sup":
            self.sup = True

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self._flush()
        if tag == "sup":
            self.sup = False

    def handle_data(self, data):
        if self.skip:
            return
        if self.sup and data.strip() in ("o", "a") and self.buf and re.search(r"\d\s*$", "".join(self.buf)):
            prev = "".join(self.buf).rstrip()
            self.buf = [prev, "º" if data.strip() == "o" else "ª"]
            return
        self.buf.append(data)


def render_planalto(rawb, start_re):
    d = json.loads(rawb)
    p = _PlanaltoText()
    p.feed(d["conteudo"])
    p.close()
    p._flush()
    lines = p.lines
    for i, ln in enumerate(lines):
        if re.search(start_re, ln):
            lines = lines[i:]
            break
    out = []
    for ln in lines:
        out += [ln, ""]
    while out and not out[-1]:
        out.pop()
    return out, d


class _BOEText(HTMLParser):
    """BOE consolidated-text page (www.boe.es/buscar/act.php) -> [(css class, text)] for the text blocks;
    version forms, block markers and editorial notes (blockquote/nota_pie) are left out."""
    KEEP_H = {"h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items, self.cur, self.cls, self.depth_bloque, self.skip = [], None, None, 0, 0
        self.div_stack = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        c = a.get("class") or ""
        if tag == "div":
            self.div_stack.append("bloque" if c == "bloque" else "")
            return
        if not any(x == "bloque" for x in self.div_stack):
            return
        if tag in ("form", "blockquote", "fieldset", "script"):
            self.skip += 1
            return
        if self.skip:
            return
        if tag in self.KEEP_H or tag == "p":
            if c in ("bloque", "linkSubir") or c.startswith("nota_pie") or c == "pie_unico":
                self.skip += 1
                self.cur = "SKIPP"
                return
            self.cur, self.cls = [], c or tag
        elif tag == "br" and isinstance(self.cur, list):
            self.cur.append("\n")

    def handle_endtag(self, tag):
        if tag == "div":
            if self.div_stack:
                self.div_stack.pop()
            return
        if tag in ("form", "blockquote", "fieldset", "script"):
            if self.skip:
                self.skip -= 1
            return
        if tag in self.KEEP_H or tag == "p":
            if self.cur == "SKIPP":
                self.skip = max(0, self.skip - 1)
                self.cur = None
                return
            if isinstance(self.cur, list):
                t = "".join(self.cur).replace("\u00a0", " ")
                t = "\n".join(re.sub(r"[ \t\r\n]+", " ", x).strip() for x in t.split("\n"))
                if t.strip():
                    self.items.append((self.cls, t.strip()))
            self.cur = None

    def handle_data(self, data):
        if isinstance(self.cur, list) and not self.skip:
            self.cur.append(data)


BOE_RANK = {"libro_num": ("book", 1), "titulo_num": ("title", 3), "capitulo_num": ("chapter", 4),
            "seccion": ("section", 5), "subseccion": ("subsection", 6)}


def render_boe(rawb):
    p = _BOEText()
    p.feed(rawb.decode("utf-8", "replace"))
    items = p.items
    lines, units, stack = [], [], []
    art_body = None

    def close_article():
        nonlocal art_body
        if art_body:
            idx, start = art_body
            body = lines[start:]
            subs = L.structure([""] * start + body, tradition="hisp", groups=False, force_in_article=True)
            base = len(units)
            for u in subs:
                u["parent"] = idx if u["parent"] is None else u["parent"] + base
            units.extend(subs)
        art_body = None

    for n, (cls, text) in enumerate(items):
        kind = None
        if cls in BOE_RANK or cls == "articulo":
            close_article()
        if cls in BOE_RANK:
            k, rank = BOE_RANK[cls]
            m = re.match(r"^(?:LIBRO|T[ÍI]TULO|CAP[ÍI]TULO|Secci[óo]n|SECCI[ÓO]N|Subsecci[óo]n|SUBSECCI[ÓO]N)\s+"
                         r"([^\s.]+(?:\s+bis)?)\.?\s*(.*)$", text)
            if m:
                while stack and stack[-1][0] >= rank:
                    stack.pop()
                heading = m.group(2).strip() or None
                if heading is None and n + 1 < len(items) and items[n + 1][0].endswith("_tit"):
                    heading = items[n + 1][1]
                units.append({"kind": k, "num": m.group(1), "heading": heading,
                              "parent": stack[-1][1] if stack else None, "line": len(lines) + 1})
                stack.append((rank, len(units) - 1))
        elif cls == "articulo":
            m = re.match(r"^(?:Art[íi]culo|Disposici[óo]n)\s+(.+?)\.?\s*$", text)
            if m:
                while stack and stack[-1][0] >= 10:
                    stack.pop()
                num = m.group(1)
                hm = re.match(r"^(\d+(?:\s(?:bis|ter|quater|quinquies|sexies|septies|octies))?)\.\s+(.+)$", num)
                heading = None
                if hm:
                    num, heading = hm.group(1), hm.group(2).rstrip(".")
                units.append({"kind": "article", "num": num, "heading": heading,
                              "parent": stack[-1][1] if stack else None, "line": len(lines) + 1})
                stack.append((10, len(units) - 1))
                lines.extend(text.split("\n"))
                lines.append("")
                art_body = (len(units) - 1, len(lines))
                continue
        lines.extend(text.split("\n"))
        lines.append("")
    close_article()
    # remove trailing blank lines and the blank separator lines inside article bodies stay
    while lines and not lines[-1]:
        lines.pop()
    return lines, units


def split_units(lines, units, kind="title", lead_kind="book"):
    """split rendered lines at units of `kind`; a `lead_kind` unit right before (only its heading between)
    goes with the next part. Returns [(lines, units)] with re-based line numbers and parents."""
    starts = []
    for i, u in enumerate(units):
        if u["kind"] == kind:
            st = u["line"] - 1
            if i > 0 and units[i - 1]["kind"] == lead_kind and u["line"] - units[i - 1]["line"] <= 4:
                st = units[i - 1]["line"] - 1
            starts.append(st)
    if not starts:
        return [(lines, units)]
    bounds = ([0] if starts[0] > 0 else []) + starts
    keep = []   # a segment without any article (e.g. only a derogated Título heading) joins the next one
    for j, a in enumerate(bounds):
        b = bounds[j + 1] if j + 1 < len(bounds) else len(lines)
        has_art = any(a < u["line"] <= b and u["kind"] == "article" for u in units)
        if has_art or j == len(bounds) - 1:
            keep.append(a)
        elif j + 1 < len(bounds):
            bounds[j + 1] = a
    bounds = keep
    out = []
    for a, b in zip(bounds, bounds[1:] + [len(lines)]):
        idx = [i for i, u in enumerate(units) if a < u["line"] <= b]
        remap = {old: new for new, old in enumerate(idx)}
        pu = []
        for i in idx:
            u = dict(units[i])
            u["line"] -= a
            u["parent"] = remap.get(u["parent"]) if u["parent"] is not None else None
            pu.append(u)
        part = lines[a:b]
        while part and not part[-1].strip():
            part.pop()
        out.append((part, pu))
    return out


class _SimpleHTMLText(HTMLParser):
    """old-style HTML page -> one line per block element (P, DIV, LI, H*, BR)"""
    BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "dir", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.buf, self.lines = [], []

    def _flush(self):
        t = re.sub(r"\s+", " ", "".join(self.buf).replace("\u00a0", " ")).strip()
        self.buf = []
        if t:
            self.lines.append(t)

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self._flush()

    def handle_data(self, data):
        self.buf.append(data)


def render_old_html(rawb, encoding, start_re, fffd_fix=False):
    t = rawb.decode(encoding)
    if fffd_fix:
        # the repository file carries U+FFFD (as UTF-8 bytes inside a Latin-1 file) where the ordinal
        # indicator was; restore "º" after digits and in "nº", leave any other occurrence as U+FFFD
        t = t.replace("\u00ef\u00bf\u00bd", "\ufffd")
        t = re.sub(r"(?<=\d)\ufffd", "º", t)
        t = re.sub(r"(?<=\bn)\ufffd", "º", t)
    t = re.sub(r"<%.*?%>", "", t, flags=re.S)
    p = _SimpleHTMLText()
    p.feed(t)
    p.close()
    p._flush()
    lines = p.lines
    for i, ln in enumerate(lines):
        if re.search(start_re, ln):
            lines = lines[i:]
            break
    out = []
    for ln in lines:
        out += [ln, ""]
    while out and not out[-1]:
        out.pop()
    return out


def render_csv_articles(rawb, ley):
    rows = [r for r in csv.DictReader(io.StringIO(rawb.decode("utf-8"))) if r["ley"] == ley]
    lines, units = [], []
    for r in rows:
        m = re.match(r"^Art[ií]culo\s+(.+)$", r["articulo"].strip())
        units.append({"kind": "article", "num": m.group(1).strip() if m else r["articulo"], "heading": None,
                      "parent": None, "line": len(lines) + 1})
        lines += [r["articulo"].strip(), r["texto"].strip(), ""]
    while lines and not lines[-1]:
        lines.pop()
    return lines, units


def gz_write(path, data):
    with open(path, "wb") as fo:
        with gzip.GzipFile(fileobj=fo, mode="wb", mtime=0) as g:
            g.write(data)


def main():
    only = set(sys.argv[sys.argv.index("--only") + 1:]) if "--only" in sys.argv else None
    rows = []
    if not only and os.path.exists(MANIFEST):   # full run: remove this helper's previous outputs (per manifest)
        with open(MANIFEST, encoding="utf-8") as f:
            for r in f.read().splitlines()[1:]:
                c = r.split("\t")
                for rel in (c[0], c[13] if len(c) > 13 else ""):
                    if rel and os.path.exists(os.path.join(CORP, rel)):
                        os.remove(os.path.join(CORP, rel))
    for src in S:
        if only and src["slug"] not in only:
            continue
        commit, rawb, fmd, lines = extract(src)
        d = os.path.join(CORP, "acts", src["jur"])
        os.makedirs(d, exist_ok=True)
        fmt = src.get("fmt", "md")
        url = src.get("source_url") or fmd.get("source", "") or fmd.get("fuente", "")
        vdate = src.get("version_date") or fmd.get(src.get("date_key", ""), "")
        outs = []   # (slug, title, lines or None, units, source_format, ext, completeness, extra_note)
        if fmt == "md":
            ext = ".md" if src["path"].endswith(".md") else ".txt"
            if src.get("split"):
                parts = split_parts(lines, src["split"], src.get("lead", r"^\s*#*\s*\**\s*(LIBRO|Libro|LIVRO)\b"))
                parts = merge_empty_parts(parts, src["trad"])
                for n, part in enumerate(parts):
                    label = src["part_label"](part, n)
                    if label is None:
                        continue
                    units = L.structure(part, tradition=src["trad"], inline_art_heading=src.get("inline_art_heading", False))
                    outs.append((f"{src['slug']}-{label['slug']}-{src['lang']}", f"{src['title']}, {label['title']}",
                                 part, units, "markdown", ext, "whole-chapter",
                                 "one file per Título (split at Título headings; Libro heading kept with its first Título)"))
            else:
                units = L.structure(lines, tradition=src["trad"], inline_art_heading=src.get("inline_art_heading", False))
                outs.append((f"{src['slug']}-{src['lang']}", src["title"], lines, units, "markdown", ext,
                             src["completeness"], ""))
            gz_write(os.path.join(d, src["slug"] + "-" + src["lang"] + ".src" + ext + ".gz"), rawb)
        elif fmt == "plist":
            lines, units, book = render_plist(rawb)
            outs.append((f"{src['slug']}-{src['lang']}", src["title"], lines, units, "other", ".txt",
                         src["completeness"], "rendered from the app's plist (Libro/Título/Capítulo/Sección/Artículo tree; HTML content paragraphs)"))
            gz_write(os.path.join(d, src["slug"] + "-" + src["lang"] + ".src.plist.gz"), rawb)
        elif fmt == "planalto":
            lines, meta = render_planalto(rawb, src.get("start", r"^(LEI|DECRETO-LEI|DECRETO|LEI COMPLEMENTAR)\s+N"))
            url = url or meta.get("fonte", "")
            base_note = ("planalto.gov.br page HTML as scraped (JSON 'conteudo') rendered to text: one paragraph per "
                         "HTML block, struck-through (revoked) text dropped, superscript o/a after digits as º/ª; "
                         "page header before the Act's title cut")
            if src.get("split"):
                parts = merge_empty_parts(split_parts(lines, src["split"], src["lead"]), src["trad"])
                for n, part in enumerate(parts):
                    label = src["part_label"](part, n)
                    if label is None:
                        continue
                    units = L.structure(part, tradition=src["trad"])
                    outs.append((f"{src['slug']}-{label['slug']}-{src['lang']}", f"{src['title']}, {label['title']}",
                                 part, units, "html", ".txt", "whole-chapter",
                                 base_note + "; one file per Título (split at Título headings; Parte heading kept with its first Título)"))
            else:
                units = L.structure(lines, tradition=src["trad"])
                outs.append((f"{src['slug']}-{src['lang']}", src["title"], lines, units, "html", ".txt",
                             src["completeness"], base_note))
            gz_write(os.path.join(d, src["slug"] + "-" + src["lang"] + ".src.html.gz"),
                     json.loads(rawb)["conteudo"].encode("utf-8"))
        elif fmt == "boe":
            lines, units = render_boe(rawb)
            base_note = ("BOE consolidated text page (act.php) rendered to text: one line per heading/paragraph element of "
                         "the text blocks; BOE editorial notes ('Se modifica por...'), version forms and block markers left "
                         "out; units from the page's element classes (libro/titulo/capitulo/seccion/articulo) plus "
                         "apartados/letras found at paragraph starts")
            if src.get("split_title"):
                parts = split_units(lines, units)
                for pl, pu in parts:
                    t = next((u for u in pu if u["kind"] == "title"), None)
                    b = next((u for u in pu if u["kind"] == "book"), None)
                    if t is None:
                        slug_part, tt = "preambulo", "Preámbulo"
                        if not any(u["kind"] == "article" for u in pu):
                            continue
                    else:
                        bnum = src.get("_book")
                        if b is not None:
                            src["_book"] = bnum = b["num"]
                        slug_part = ((f"libro-{bnum.lower()}-" if bnum else "") + f"titulo-{t['num'].lower()}").replace(" ", "-")
                        tt = (f"Libro {bnum}, " if bnum else "") + f"Título {t['num']}" + (f" - {t['heading']}" if t["heading"] else "")
                    outs.append((f"{src['slug']}-{slug_part}-{src['lang']}", f"{src['title']}, {tt}", pl, pu, "html",
                                 ".txt", "whole-chapter", base_note + "; one file per Título"))
            else:
                outs.append((f"{src['slug']}-{src['lang']}", src["title"], lines, units, "html", ".txt",
                             src["completeness"], base_note))
            gz_write(os.path.join(d, src["slug"] + "-" + src["lang"] + ".src.html.gz"), rawb)
        elif fmt == "oldhtml":
            lines = render_old_html(rawb, src["encoding"], src["start"], src.get("fffd_fix", False))
            units = L.structure(lines, tradition=src["trad"])
            outs.append((f"{src['slug']}-{src['lang']}", src["title"], lines, units, "html", ".txt",
                         src["completeness"], "HTML page rendered to text, one line per paragraph element"))
            gz_write(os.path.join(d, src["slug"] + "-" + src["lang"] + ".src.html.gz"), rawb)
        elif fmt == "csv":
            lines, units = render_csv_articles(rawb, src["ley"])
            outs.append((f"{src['slug']}-{src['lang']}", src["title"], lines, units, "other", ".txt",
                         src["completeness"], "rendered from an article-level CSV: 'Artículo N' line + article text; upstream flattened each article to one line and dropped Libro/Título/Capítulo headings"))
            gz_write(os.path.join(d, src["slug"] + "-" + src["lang"] + ".src.csv.gz"),
                     "\n".join([ln for ln in rawb.decode("utf-8").splitlines()
                                if ln.startswith(src["ley"] + ",") or ln.startswith("ley,")]).encode("utf-8"))
        elif fmt == "pdf":
            txt = L.git_show(src["repo"], commit, src["txt_path"]).decode("utf-8").splitlines()
            units = L.structure(txt, tradition=src["trad"])
            for u in units:
                u["line"] = None
            outs.append((f"{src['slug']}-{src['lang']}", src["title"], None, units, "other", ".pdf",
                         src["completeness"], "official PDF; structure derived from the repository's text extraction of this PDF (" + src["txt_path"] + "), line = null"))
        for slug, title, olines, units, sfmt, ext, compl, extra in outs:
            name = slug + ext
            if olines is None:
                with open(os.path.join(d, name), "wb") as f:
                    f.write(rawb)
            else:
                with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                    f.write("\n".join(olines) + "\n")
            L.write_structure(os.path.join(d, slug + ".structure.json"), name, sfmt, units)
            rel = f"acts/{src['jur']}/{name}"
            notes = "; ".join(x for x in [src["notes"], extra,
                              f"structure derived from headings/markers ({len(units)} units)"] if x)
            row = [rel, src["jur"].upper(), src["lang"], title, src["citation"], url, compl, notes, vdate,
                   src["licence"], src["repo"], src["path"], commit, f"acts/{src['jur']}/{slug}.structure.json",
                   src["tradition"], src["kind"] if compl != "whole-chapter" or src["kind"] != "code" else "code-chapter"]
            row = [str(x).replace("\t", " ").replace("\n", " ") for x in row]
            rows.append("\t".join(row))
            print(f"{rel}: {len(olines) if olines else 0} lines, {len(units)} units "
                  f"({sum(1 for u in units if u['kind'] in ('article', 'rule'))} articles)")
    if only:
        return
    os.makedirs(os.path.dirname(MANIFEST), exist_ok=True)
    with open(MANIFEST, "w", encoding="utf-8") as f:
        f.write(HEADER + "\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
