#!/usr/bin/env python3
"""corpus-iberian: re-derive corpora/acts/<jur>/* for Spanish/Portuguese-language statutes
from fetched public git snapshots (/work/.mirror/<owner>+<name>/repo, via `fetch`).

Usage: python3 scripts/corpus/corpus-iberian.py [--only SLUG ...]
Writes <slug>.md/.txt, <slug>.structure.json, gzip source copies, and
corpora/manifests/corpus-iberian.tsv.
"""
import gzip
import os
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
    citation="Ley N° 30364 (Perú), 23 Nov 2015", url_from_fm=True, completeness="whole-act", trad="hisp",
    kind="act", notes="legalize-pe Markdown (front matter removed)", licence=PE_LIC,
    tradition="civil-law-hispanic", date_key="last_updated")
add(repo=PE_REPO, path="pe/LEY-27337-2000.md", jur="pe",
    slug="pe-ley-27337-codigo-de-los-ninos-y-adolescentes-2000-es", lang="es",
    title="Ley N° 27337 - Código de los Niños y Adolescentes (texto actualizado)",
    citation="Ley N° 27337 (Perú), 7 Aug 2000, as amended", url_from_fm=True, completeness="whole-act",
    trad="hisp", kind="code", start=r"^## \*\*T[ÍI]TULO PRELIMINAR",
    notes="legalize-pe copy of LP Derecho consolidated text; the web page's header and index of Libros/Títulos/Capítulos before the code text are cut",
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


def extract(src):
    commit = L.head_commit(src["repo"])
    raw = L.git_show(src["repo"], commit, src["path"]).decode("utf-8")
    text, fm = L.strip_front_matter(raw)
    fmd = {}
    for ln in fm.splitlines():
        m = re.match(r"^(\w+):\s*['\"]?(.*?)['\"]?\s*$", ln)
        if m:
            fmd[m.group(1)] = m.group(2)
    lines = text.splitlines()  # normalises \r, \u2028 etc. to one line per printed line
    if src.get("start"):
        for i, ln in enumerate(lines):
            if re.search(src["start"], ln):
                lines = lines[i:]
                break
        else:
            raise SystemExit(f"start not found {src['slug']}")
    if src.get("end"):
        for i, ln in enumerate(lines):
            if i > 0 and re.search(src["end"], ln):
                lines = lines[:i]
                break
    while lines and not lines[-1].strip():
        lines.pop()
    return commit, raw, fmd, lines


def toc_skip(lines):
    """indexes of table-of-contents lines like 'Capítulo I ... (Artículo 1 al 13)'"""
    return {i for i, ln in enumerate(lines) if re.search(r"\(Art[ií]culos?\s+\d+[\w-]*\s+(al|a)\s+\d+", ln)
            or re.search(r"\(Art[ií]culo\s+\d+[\w-]*\)\s*$", ln)}


def main():
    only = set(sys.argv[sys.argv.index("--only") + 1:]) if "--only" in sys.argv else None
    rows = []
    if os.path.exists(MANIFEST) and only:
        with open(MANIFEST, encoding="utf-8") as f:
            rows = [r for r in f.read().splitlines()[1:] if r]
    for src in S:
        if only and src["slug"] not in only:
            continue
        commit, raw, fmd, lines = extract(src)
        d = os.path.join(CORP, "acts", src["jur"])
        os.makedirs(d, exist_ok=True)
        ext = ".md" if src["path"].endswith(".md") else ".txt"
        name = src["slug"] + ext
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        skip = toc_skip(lines) if src.get("skip_toc") else set()
        units = L.structure(lines, tradition=src["trad"], skip=skip,
                            inline_art_heading=src.get("inline_art_heading", False))
        L.write_structure(os.path.join(d, src["slug"] + ".structure.json"), name, "markdown", units)
        with open(os.path.join(d, src["slug"] + ".src" + ext + ".gz"), "wb") as fo:
            with gzip.GzipFile(fileobj=fo, mode="wb", mtime=0) as g:
                g.write(raw.encode("utf-8"))
        url = src.get("source_url") or fmd.get("source", "")
        vdate = src.get("version_date") or fmd.get(src.get("date_key", ""), "")
        rel = f"acts/{src['jur']}/{name}"
        row = [rel, src["jur"].upper(), src["lang"], src["title"], src["citation"], url, src["completeness"],
               src["notes"] + f"; structure derived by regex from headings/markers ({len(units)} units)", vdate,
               src["licence"], src["repo"], src["path"], commit, f"acts/{src['jur']}/{src['slug']}.structure.json",
               src["tradition"], src["kind"]]
        row = [str(x).replace("\t", " ").replace("\n", " ") for x in row]
        rows = [r for r in rows if not r.startswith(rel + "\t")]
        rows.append("\t".join(row))
        print(f"{rel}: {len(lines)} lines, {len(units)} units "
              f"({sum(1 for u in units if u['kind']=='article')} articles)")
    os.makedirs(os.path.dirname(MANIFEST), exist_ok=True)
    with open(MANIFEST, "w", encoding="utf-8") as f:
        f.write(HEADER + "\n" + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
